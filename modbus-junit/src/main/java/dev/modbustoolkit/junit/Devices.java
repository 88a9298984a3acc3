package dev.modbustoolkit.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The devices started in one extension context, stopped with it: explicitly by the after-callbacks, and by the
 * context's store when it closes (should an after-callback not run).
 */
final class Devices implements AutoCloseable {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<SimulatorHandle> handles = new ArrayList<>();

  static Devices in(ExtensionContext context, ExtensionContext.Namespace namespace) {
    // Each context its own: getOrComputeIfAbsent would find a parent's.
    ExtensionContext.Store store = context.getStore(namespace);
    String key = "devices@" + context.getUniqueId();
    return store.getOrComputeIfAbsent(key, k -> new Devices(), Devices.class);
  }

  void add(SimulatorHandle handle) {
    lock.lock();
    try {
      handles.add(handle);
    } finally {
      lock.unlock();
    }
  }

  /** Stops every device, the last started first. */
  @Override
  public void close() {
    List<SimulatorHandle> toStop;
    lock.lock();
    try {
      toStop = new ArrayList<>(handles);
      handles.clear();
    } finally {
      lock.unlock();
    }
    RuntimeException failure = null;
    for (int i = toStop.size() - 1; i >= 0; i--) {
      try {
        toStop.get(i).stop();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
