package dev.modbustoolkit.transport;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.fault.RequestInfo;
import dev.modbustoolkit.fault.Segment;
import dev.modbustoolkit.fault.TransmissionPlan;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.UnitRoute;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Turns the frames of one link into dispatches and framed answers: the part of serving a request that is the same
 * on every transport. A transport finds a frame with its {@link FrameCodec}, asks {@link #plan} what the fault
 * pipeline makes of it, and then either has it answered into its output buffer ({@link #answer}, the
 * allocation-free path) or lets {@link #answerWithFaults} build and send the faulted answer segment by segment
 * over its {@link Link}: the one interpreter of fault plans, whatever the transport.
 *
 * <p>Bus addressing ({@link FrameCodec#busAddressing()}): a request for a unit the dispatcher does not serve is
 * another device's and gets no answer (counted); unit 0 is a broadcast, which the dispatcher executes without
 * answering when the {@link RequestContext} is a serial one.
 *
 * <p>Not thread-safe: one exchange per link, used by the thread serving it.
 */
public final class Exchange {
  /**
   * The dispatch step of an answer, for a transport that wraps the dispatcher (a request timer, say): runs the
   * request PDU on its route and writes the response PDU at {@code out}'s position.
   */
  @FunctionalInterface
  public interface PduDispatch {
    /**
     * Dispatches the request PDU in {@code pdu} and writes the response PDU at {@code out}'s position.
     *
     * @param transactionId the request's transaction id (0..65535)
     * @param route the request's route, resolved once ({@link ModbusDispatcher#route})
     * @param pdu the request PDU
     * @param out the buffer the response PDU is written into
     * @param pendingEnd bytes of earlier answers waiting at the start of {@code out}
     * @return the response PDU length, {@link ModbusDispatcher#NO_RESPONSE}, or another negative value of the
     *     transport's own, which {@link #answer} hands back unchanged (nothing is framed then)
     */
    int dispatch(int transactionId, UnitRoute route, ByteBuffer pdu, ByteBuffer out, int pendingEnd);
  }

  private final ModbusDispatcher dispatcher;
  private final FrameCodec codec;
  private final RequestContext context;
  private final FaultPipeline faults;
  private final FaultSession session;
  private final LinkCounters counters;
  private final PduDispatch direct;
  private long requests;

  /**
   * An exchange for one link.
   *
   * @param session the link's fault session, opened by the transport from {@code faults} (the transport closes it)
   * @param dispatcher the dispatcher that answers the requests
   * @param codec the codec
   * @param context where the request came from
   * @param faults the fault pipeline
   * @param counters the counters
   */
  public Exchange(ModbusDispatcher dispatcher, FrameCodec codec, RequestContext context, FaultPipeline faults,
      FaultSession session, LinkCounters counters) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.context = Objects.requireNonNull(context, "context");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.session = Objects.requireNonNull(session, "session");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.direct = (transactionId, route, pdu, out, pendingEnd) -> dispatcher.dispatch(route, context, pdu, out);
  }

  /** {@return the link's codec} */
  public FrameCodec codec() {
    return codec;
  }

  /** {@return the context every request of the link is dispatched with} */
  public RequestContext context() {
    return context;
  }

  /** {@return requests planned so far} */
  public long requests() {
    return requests;
  }

  /**
   * Counts the request framed at {@code start} and asks the fault pipeline what to do with it; {@link
   * FaultPlan#NONE} (no allocation while the pipeline is empty) when nothing fired.
   *
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   * @param frameLength the frame length
   * @return the {@code FaultPlan}
   */
  public FaultPlan plan(ByteBuffer in, int start, int frameLength) {
    long index = requests;
    requests = index + 1;
    counters.request();
    int unitId = codec.unitId(in, start);
    RequestInfo request;
    if (faults.isEmpty()) {
      request = RequestInfos.unplanned(unitId);
    } else {
      ByteBuffer pdu = codec.pdu(in, start, frameLength);
      request = RequestInfos.of(unitId, pdu, pdu.position(), pdu.remaining(), index);
    }
    return session.plan(request);
  }

  /**
   * {@return the route of the request framed at {@code start}, resolved once (no allocation)}
   *
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   */
  public UnitRoute route(ByteBuffer in, int start) {
    return dispatcher.route(context, codec.unitId(in, start));
  }

  /**
   * {@return whether a request on {@code route} is for the dispatcher: always, but on a bus framing, where a unit
   * nobody here serves is another device's (counted and left unanswered)} A broadcast (unit 0) is.
   *
   * @param route the route
   */
  public boolean reachesUnit(UnitRoute route) {
    if (!codec.busAddressing() || !route.isUnknownUnit()) {
      return true;
    }
    counters.otherUnitRequest();
    return false;
  }

  /**
   * {@link #answer(ByteBuffer, int, int, ByteBuffer, UnitRoute, PduDispatch)} with the dispatcher itself.
   *
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   * @param frameLength the frame length
   * @param out the buffer to write into
   * @return what {@link #answer(ByteBuffer, int, int, ByteBuffer, UnitRoute, PduDispatch)} returns
   */
  public int answer(ByteBuffer in, int start, int frameLength, ByteBuffer out) {
    return answer(in, start, frameLength, out, route(in, start), direct);
  }

  /**
   * Answers the request framed at {@code start} (no fault fired) into {@code out} at its position, which must
   * have {@link FrameCodec#maxFrameLength()} bytes of room. Allocates nothing.
   *
   * @return the answer frame's length (out's position advanced by as much), 0 when nothing is to be sent, or the
   *     negative value of {@code dispatch}'s own it returned (out's position unchanged then)
   * @param route the request's route ({@link #route}), resolved once
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   * @param frameLength the frame length
   * @param out the buffer to write into
   * @param dispatch the dispatch
   */
  public int answer(ByteBuffer in, int start, int frameLength, ByteBuffer out, UnitRoute route,
      PduDispatch dispatch) {
    if (!reachesUnit(route)) {
      return 0;
    }
    int transactionId = codec.transactionId(in, start);
    int unitId = route.unitId();
    ByteBuffer pdu = codec.pdu(in, start, frameLength);
    int headerAt = out.position();
    out.position(headerAt + codec.headerLength());
    int pduLength = dispatch.dispatch(transactionId, route, pdu, out, headerAt);
    if (pduLength < 0) {
      out.position(headerAt);
      return pduLength == ModbusDispatcher.NO_RESPONSE ? 0 : pduLength;
    }
    return codec.seal(out, headerAt, transactionId, unitId, pduLength);
  }

  /**
   * The steps of a request on which a fault fired: decide whether to dispatch, build the answer frame in {@code
   * scratch} (cleared first; {@link FrameCodec#maxFrameLength()} bytes at least), let the plan turn it into timed
   * segments and send them over {@code link}. Sleeps for the plan's delays: call it on a thread of the link's own.
   *
   * @param plan the plan
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   * @param frameLength the frame length
   * @param scratch the scratch
   * @param dispatch the dispatch
   * @param link the link
   * @throws IOException if the I/O fails
   * @throws InterruptedException if the thread is interrupted while it waits
   * @return what to do with the connection now
   */
  public ConnectionDirective answerWithFaults(FaultPlan plan, ByteBuffer in, int start, int frameLength,
      ByteBuffer scratch, PduDispatch dispatch, Link link) throws IOException, InterruptedException {
    int transactionId = codec.transactionId(in, start);
    int unitId = codec.unitId(in, start);
    counters.faultedRequest();
    ByteBuffer pdu = codec.pdu(in, start, frameLength);
    int functionCode = Byte.toUnsignedInt(pdu.get(pdu.position()));
    scratch.clear().position(codec.headerLength());
    UnitRoute route = dispatcher.route(context, unitId);
    boolean forUs = reachesUnit(route);
    int pduLength =
        switch (plan.beforeDispatch()) {
          case DISPATCH -> forUs ? dispatch.dispatch(transactionId, route, pdu, scratch, 0) : ModbusDispatcher.NO_RESPONSE;
          case SKIP_NO_RESPONSE -> ModbusDispatcher.NO_RESPONSE;
          case SKIP_WITH_EXCEPTION ->
              ExceptionResponse.writeException(
                  functionCode, Objects.requireNonNull(plan.exceptionCode(), "exceptionCode"), scratch);
        };
    boolean discard = plan.discardPipelinedRequests();
    ConnectionDirective after;
    if (pduLength >= 0) {
      int frameBytes = codec.seal(scratch, 0, transactionId, unitId, pduLength);
      TransmissionPlan transmission = plan.transmit(scratch.array(), frameBytes, codec.faultFormat());
      scratch.clear();
      send(transmission.segments(), link, discard);
      after = transmission.after();
    } else {
      scratch.clear();
      after = plan.after();
      if (discard) {
        link.discardReceived();
      }
    }
    if (plan.responseDropped()) {
      counters.droppedResponse();
    }
    return after;
  }

  /** Sends each segment after its delay, one {@link Link#send} per segment so gaps reach the peer as gaps. */
  private static void send(List<Segment> segments, Link link, boolean discard)
      throws IOException, InterruptedException {
    if (segments.size() > 1) {
      link.beforeSegments();
    }
    if (segments.isEmpty() && discard) {
      link.discardReceived();
    }
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      long delay = s.delayBeforeNanos();
      if (delay > 0) {
        TimeUnit.NANOSECONDS.sleep(delay);
      }
      if (discard && i == segments.size() - 1) {
        link.discardReceived();
      }
      byte[] bytes = s.bytes();
      link.send(bytes, 0, bytes.length);
    }
  }

  @Override
  public String toString() {
    return "Exchange[" + codec + ", " + context + "]";
  }
}
