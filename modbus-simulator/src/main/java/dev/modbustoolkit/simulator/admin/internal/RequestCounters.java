package dev.modbustoolkit.simulator.admin.internal;

import dev.modbustoolkit.simulator.profile.Transport;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests by transport, unit, function code and outcome, for {@code /metrics}: one slot per (transport, unit,
 * function code), its counters created at its first request (so counting allocates once per slot, never per
 * request) and read by the metrics callback.
 */
public final class RequestCounters {
  private static final int OUTCOMES = RequestRecord.Outcome.values().length;

  private final AtomicReferenceArray<LongAdder[]> slots =
      new AtomicReferenceArray<>(Transport.values().length * 256 * 256);

  /** What one slot counted. */
  public interface Visitor {
    /**
     * One non-zero count.
     *
     * @param transport the transport
     * @param unit the unit id
     * @param functionCode the function code
     * @param outcome the outcome
     * @param count how many
     */
    void visit(Transport transport, int unit, int functionCode, RequestRecord.Outcome outcome, long count);
  }

  /**
   * Counts one request.
   *
   * @param transport the transport
   * @param unit the unit id 0..255
   * @param functionCode the function code 0..255
   * @param outcome what it got
   */
  public void count(Transport transport, int unit, int functionCode, RequestRecord.Outcome outcome) {
    int index = (transport.ordinal() << 16) | ((unit & 0xFF) << 8) | (functionCode & 0xFF);
    LongAdder[] slot = slots.get(index);
    if (slot == null) {
      LongAdder[] fresh = new LongAdder[OUTCOMES];
      for (int i = 0; i < OUTCOMES; i++) {
        fresh[i] = new LongAdder();
      }
      slot = slots.compareAndExchange(index, null, fresh);
      if (slot == null) {
        slot = fresh;
      }
    }
    slot[outcome.ordinal()].increment();
  }

  /**
   * Visits every non-zero count.
   *
   * @param visitor the visitor
   */
  public void forEach(Visitor visitor) {
    Transport[] transports = Transport.values();
    RequestRecord.Outcome[] outcomes = RequestRecord.Outcome.values();
    for (int i = 0; i < slots.length(); i++) {
      LongAdder[] slot = slots.get(i);
      if (slot != null) {
        for (int o = 0; o < OUTCOMES; o++) {
          long n = slot[o].sum();
          if (n > 0) {
            visitor.visit(transports[i >>> 16], (i >>> 8) & 0xFF, i & 0xFF, outcomes[o], n);
          }
        }
      }
    }
  }
}
