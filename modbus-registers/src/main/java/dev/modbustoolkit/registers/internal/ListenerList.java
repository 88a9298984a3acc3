package dev.modbustoolkit.registers.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * Copy-on-write listener registry. Writers read one volatile array per write, so the common case (no listener)
 * costs a load and a length check; registration uses CAS rather than a monitor (no virtual-thread pinning).
 *
 * @param <L> listener type
 */
public final class ListenerList<L> {

  private final IntFunction<L[]> arrayFactory;
  private final AtomicReference<L[]> listeners;

  /** An empty list creating arrays with {@code arrayFactory}. */
  public ListenerList(IntFunction<L[]> arrayFactory) {
    this.arrayFactory = arrayFactory;
    this.listeners = new AtomicReference<>(arrayFactory.apply(0));
  }

  /** Registers {@code listener}; registering it twice makes it called twice. */
  public void add(L listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.updateAndGet(current -> {
      L[] next = Arrays.copyOf(current, current.length + 1);
      next[current.length] = listener;
      return next;
    });
  }

  /** Removes one registration of {@code listener} (compared with ==); false when it was not registered. */
  public boolean remove(L listener) {
    while (true) {
      L[] current = listeners.get();
      int i = indexOf(current, listener);
      if (i < 0) {
        return false;
      }
      L[] next = arrayFactory.apply(current.length - 1);
      System.arraycopy(current, 0, next, 0, i);
      System.arraycopy(current, i + 1, next, i, current.length - i - 1);
      if (listeners.compareAndSet(current, next)) {
        return true;
      }
    }
  }

  /** The current listeners; the array must not be modified. */
  public L[] snapshot() {
    return listeners.get();
  }

  /**
   * Calls every listener with {@code event}. A listener's exception does not stop the others; the first one is
   * rethrown afterwards with later ones suppressed, so a failing listener is never silently ignored.
   */
  public static <L, E> void notify(L[] listeners, E event, BiConsumer<L, E> call) {
    RuntimeException failure = null;
    for (L listener : listeners) {
      try {
        call.accept(listener, event);
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

  private static int indexOf(Object[] array, Object element) {
    for (int i = 0; i < array.length; i++) {
      if (array[i] == element) {
        return i;
      }
    }
    return -1;
  }
}
