package dev.modbustoolkit.junit;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultStats;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.server.core.DispatcherMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a simulated device saw, for assertions: requests by function code and the exceptions answered (over every
 * transport it serves), the writes its clients made, and how often each fault fired. Counts start at the device's
 * start, or at the last {@link #reset()}.
 *
 * <p>A request that a fault drops before it is dispatched (a {@code no-response} that does not execute it) is not a
 * request the device answered: it is counted by {@link #faultsFired(String)}, not by {@link #requests}.
 */
public final class DeviceTraffic {
  private final List<DispatcherMetrics> metrics;
  private final FaultPipeline faults;
  private final List<DeviceWrite> writes = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, Long> firedAtReset = new HashMap<>();

  DeviceTraffic(List<DispatcherMetrics> metrics, FaultPipeline faults) {
    this.metrics = List.copyOf(metrics);
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  void record(DeviceWrite write) {
    writes.add(write);
  }

  /**
   * {@return the requests received with this function code, valid or not}
   *
   * @param functionCode the function code
   */
  public long requests(FunctionCode functionCode) {
    return requests(functionCode.code());
  }

  /**
   * {@return the requests received with this function code byte (0..255), valid or not}
   *
   * @param functionCode the function code byte
   */
  public long requests(int functionCode) {
    long n = 0;
    for (DispatcherMetrics m : metrics) {
      n += m.requests(functionCode);
    }
    return n;
  }

  /** {@return every request received, malformed ones included} */
  public long totalRequests() {
    long n = 0;
    for (DispatcherMetrics m : metrics) {
      n += m.totalRequests();
    }
    return n;
  }

  /**
   * {@return the exception responses sent with this code}
   *
   * @param code the exception code
   */
  public long exceptions(ExceptionCode code) {
    long n = 0;
    for (DispatcherMetrics m : metrics) {
      n += m.exceptions(code);
    }
    return n;
  }

  /** {@return every exception response sent} */
  public long totalExceptions() {
    long n = 0;
    for (DispatcherMetrics m : metrics) {
      n += m.totalExceptions();
    }
    return n;
  }

  /** {@return the writes clients made, in the order they were made} */
  public List<DeviceWrite> writes() {
    return List.copyOf(writes);
  }

  /**
   * {@return the writes clients made to one point of one unit, in order}
   *
   * @param unit the unit id
   * @param point the point's name
   */
  public List<DeviceWrite> writes(int unit, String point) {
    List<DeviceWrite> out = new ArrayList<>();
    for (DeviceWrite w : writes) {
      if (w.touches(unit, point)) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * {@return how many times the fault fired; 0 for a fault that is not (or no longer) in the pipeline}
   *
   * @param id the fault's id
   */
  public long faultsFired(String id) {
    lock.lock();
    try {
      long base = firedAtReset.getOrDefault(id, 0L);
      return faults.stats(id).map(s -> Math.max(0, s.activations() - base)).orElse(0L);
    } finally {
      lock.unlock();
    }
  }

  /** {@return how many times each fault in the pipeline fired, by id, in pipeline order} */
  public Map<String, Long> faultsFired() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (FaultStats s : faults.stats()) {
      out.put(s.id(), faultsFired(s.id()));
    }
    return out;
  }

  /** Sets every count back to zero and forgets the writes (the device's values are left as they are). */
  public void reset() {
    lock.lock();
    try {
      metrics.forEach(DispatcherMetrics::reset);
      writes.clear();
      firedAtReset.clear();
      for (FaultStats s : faults.stats()) {
        firedAtReset.put(s.id(), s.activations());
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "DeviceTraffic[requests=" + totalRequests() + ", exceptions=" + totalExceptions() + ", writes="
        + writes.size() + ", faultsFired=" + faultsFired() + "]";
  }
}
