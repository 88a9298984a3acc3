package dev.modbustoolkit.simulator.admin.internal;

import dev.modbustoolkit.server.core.DispatchListener;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.simulator.profile.Transport;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The admin API's hook on the request path: a {@link DispatchListener} per transport that keeps the last
 * {@link #CAPACITY} requests in a ring, counts them by unit, function code and outcome, observes their latency,
 * and, only while someone listens on {@code /events}, publishes them. Per request that is one {@link RequestRecord}
 * (the ring's entry) and lock-free counter updates: it never blocks.
 */
public final class RequestLog {
  /** How many requests are kept. */
  public static final int CAPACITY = 200;

  private final AtomicReferenceArray<RequestRecord> ring = new AtomicReferenceArray<>(CAPACITY);
  private final AtomicLong next = new AtomicLong();
  private final RequestCounters counters = new RequestCounters();
  private final Histogram latency = Histogram.builder()
      .name("modbus_request_duration_seconds")
      .help("Time from the dispatcher's receipt of a request PDU to its response PDU (decode, device, encode)")
      .unit(Unit.SECONDS)
      .classicOnly()
      .classicUpperBounds(0.000_01, 0.000_025, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01,
          0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)
      .build();
  private final EventHub hub;

  /**
   * A log publishing to {@code hub}.
   *
   * @param hub where request events go while someone listens
   */
  public RequestLog(EventHub hub) {
    this.hub = hub;
  }

  /**
   * {@return the listener to give the dispatcher of {@code transport}}
   *
   * @param transport the transport the dispatcher serves
   */
  public DispatchListener listener(Transport transport) {
    return new DispatchListener() {
      @Override
      public void onDispatch(RequestContext context, int unit, int functionCode, int exceptionCode, int length,
          long nanos) {
        record(transport, context, unit, functionCode, exceptionCode, length, nanos);
      }

      @Override
      public void onFaultAnswered(RequestContext context, int unit, int functionCode, int exceptionCode,
          List<String> faultIds) {
        // In the log and on /events, marked as the fault's; the counters and the latency histogram stay the
        // devices' (the faults have their own counters), as /api/device's request count does.
        RequestRecord.Outcome outcome = exceptionCode != 0 ? RequestRecord.Outcome.EXCEPTION : RequestRecord.Outcome.NONE;
        keep(new RequestRecord(next.getAndIncrement(), System.currentTimeMillis(), transport, context, unit,
            functionCode, exceptionCode, outcome, faultIds, true, exceptionCode != 0));
      }

      @Override
      public void onAnswerFaulted(RequestContext context, int unit, int functionCode, List<String> faultIds,
          boolean delivered) {
        amend(context, unit, functionCode, faultIds, delivered);
      }
    };
  }

  /**
   * Marks the newest record of the same link, unit and function code with the faults that changed its answer. A link
   * serves one request at a time up to its answer (pipelined ones too: the answer of one is written before the next
   * is dispatched), so that record is this request's. The ring is amended in place; /events has already carried the
   * request, so it carries the amended record as a {@code request-amended} event with the same {@code seq}.
   */
  private void amend(RequestContext context, int unit, int functionCode, List<String> faultIds, boolean delivered) {
    long last = next.get() - 1;
    for (long seq = last; seq >= 0 && seq > last - CAPACITY; seq--) {
      int slot = (int) (seq % CAPACITY);
      RequestRecord r = ring.get(slot);
      if (r != null && r.seq() == seq && r.context() == context) {
        if (r.unit() == unit && r.functionCode() == functionCode && !r.byFault() && r.faults().isEmpty()) {
          RequestRecord amended = r.withAnswerFaulted(faultIds, delivered);
          if (ring.compareAndSet(slot, r, amended) && hub.hasSubscribers()) {
            hub.publish("request-amended", amended);
          }
        }
        return;
      }
    }
  }

  private void record(Transport transport, RequestContext context, int unit, int functionCode, int exceptionCode,
      int length, long nanos) {
    RequestRecord.Outcome outcome = length == ModbusDispatcher.NO_RESPONSE ? RequestRecord.Outcome.NONE
        : exceptionCode != 0 ? RequestRecord.Outcome.EXCEPTION : RequestRecord.Outcome.OK;
    RequestRecord r = new RequestRecord(next.getAndIncrement(), System.currentTimeMillis(), transport, context, unit,
        functionCode, exceptionCode, outcome, List.of(), false, outcome != RequestRecord.Outcome.NONE);
    keep(r);
    if (functionCode >= 0) {
      counters.count(transport, unit, functionCode, outcome);
    }
    latency.observe(nanos / 1e9);
  }

  private void keep(RequestRecord r) {
    ring.set((int) (r.seq() % CAPACITY), r);
    if (hub.hasSubscribers()) {
      hub.publish("request", r);
    }
  }

  /**
   * {@return the newest requests first, at most {@code limit}}
   *
   * @param limit 1..{@link #CAPACITY}
   */
  public List<RequestRecord> recent(int limit) {
    List<RequestRecord> out = new ArrayList<>(Math.min(limit, CAPACITY));
    long last = next.get() - 1;
    for (long seq = last; seq >= 0 && seq > last - CAPACITY && out.size() < limit; seq--) {
      RequestRecord r = ring.get((int) (seq % CAPACITY));
      // A slot may hold a newer request by now (or not yet the one numbered seq): skip it rather than misorder.
      if (r != null && r.seq() == seq) {
        out.add(r);
      }
    }
    return out;
  }

  /** {@return the counts by transport, unit, function code and outcome} */
  public RequestCounters counters() {
    return counters;
  }

  /** {@return the latency histogram, for the metrics registry} */
  public Histogram latency() {
    return latency;
  }
}
