package dev.modbustoolkit.transport;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.DispatchVerdict;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.fault.RequestInfo;
import dev.modbustoolkit.fault.Segment;
import dev.modbustoolkit.fault.TransmissionPlan;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import dev.modbustoolkit.server.core.UnitRoute;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/*
 * Why this file is a little over 400 lines: it is the one place a request becomes a framed answer on every transport
 * (plan, route, answer now, answer later, answer with faults); each entry point's Javadoc carries the contract.
 */

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
 * <p>Forwarding handlers ({@link dev.modbustoolkit.server.core.ForwardingHandler}) answer later: a transport that can
 * write an answer after the request's event hands such a request to {@link #forward} and frames the answer with
 * {@link #frameAnswer} when it comes; one that cannot lets {@link #answer} wait for it.
 *
 * <p>Not thread-safe (but {@link #frameAnswer}): one exchange per link, used by the thread serving it.
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
  private final DecodeLog decode;
  /**
   * The link as decode log entries name it, built when first asked for: a server holding 10,000 connections whose
   * traffic is not logged would otherwise keep 10,000 names nobody reads. Racy on purpose, like String's hash: every
   * thread builds the same value.
   */
  private @Nullable String name;
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
    this(dispatcher, codec, context, faults, session, counters, DecodeLog.off());
  }

  /**
   * An exchange for one link that logs its traffic as {@code decode} says (frames and PDUs; the transport logs
   * the raw bytes it reads and writes).
   *
   * @param dispatcher serves the requests
   * @param codec the link's codec
   * @param context passed with every request of the link
   * @param faults the server's fault pipeline
   * @param session the link's fault session, opened by the transport from {@code faults} (the transport closes it)
   * @param counters what the exchange counts for the server
   * @param decode the server's traffic log
   */
  public Exchange(ModbusDispatcher dispatcher, FrameCodec codec, RequestContext context, FaultPipeline faults,
      FaultSession session, LinkCounters counters, DecodeLog decode) {
    this.decode = Objects.requireNonNull(decode, "decode");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.context = Objects.requireNonNull(context, "context");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.session = Objects.requireNonNull(session, "session");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.direct = (transactionId, route, pdu, out, pendingEnd) -> dispatcher.dispatch(route, context, pdu, out);
  }

  private static String nameOf(FrameCodec codec, RequestContext context) {
    if (context instanceof TcpRequestContext t) {
      return codec + " #" + t.connectionId() + " " + t.remoteAddress().getAddress().getHostAddress() + ":"
          + t.remoteAddress().getPort();
    }
    if (context instanceof SerialRequestContext serial) {
      return codec + " " + serial.portName();
    }
    // A third party's context: its own description.
    return codec + " " + context;
  }

  /** {@return the link's codec} */
  public FrameCodec codec() {
    return codec;
  }

  /** {@return the context every request of the link is dispatched with} */
  public RequestContext context() {
    return context;
  }

  /**
   * {@return the link as this exchange's decode log entries name it} A transport logs its raw bytes under the same
   * name, so one link's entries of every layer can be found together.
   */
  public String linkName() {
    String n = name;
    if (n == null) {
      n = nameOf(codec, context);
      name = n;
    }
    return n;
  }

  /**
   * Logs bytes the transport read or wrote on this link at the raw layer, under {@link #linkName()}, when that
   * layer is on. The one way transports log raw bytes: the level is asked first, so the link's name is built only
   * for a log that shows it.
   *
   * @param received true for bytes read, false for bytes written
   * @param bytes holds them
   * @param offset where they start in {@code bytes}
   * @param length how many
   */
  public void logRaw(boolean received, byte[] bytes, int offset, int length) {
    if (decode.level().raw()) {
      decode.raw(linkName(), received, bytes, offset, length);
    }
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
    if (decode.level().frame()) {
      decode.frame(linkName(), true, in, start, frameLength);
    }
    // The PDU is positioned only where it is looked at: an empty pipeline without PDU logging ignores it.
    boolean pduNeeded = !faults.isEmpty() || decode.level().pdu();
    return plan(codec.unitId(in, start), pduNeeded ? codec.pdu(in, start, frameLength) : in);
  }

  /**
   * {@link #plan(ByteBuffer, int, int)} for a link whose own decoder found the frame (a serial line): the request
   * for {@code unitId} whose PDU is {@code pdu} (position to limit; neither is moved).
   *
   * @param unitId the unit the request is for
   * @param pdu the request PDU
   * @return the plan; {@link FaultPlan#NONE} when nothing fired
   */
  public FaultPlan plan(int unitId, ByteBuffer pdu) {
    long index = requests;
    requests = index + 1;
    counters.request();
    if (decode.level().pdu()) {
      decode.request(linkName(), unitId, pdu);
    }
    RequestInfo request = faults.isEmpty()
        ? RequestInfos.unplanned(unitId)
        : RequestInfos.of(unitId, pdu, pdu.position(), pdu.remaining(), index);
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
    if (decode.level().pdu()) {
      decode.answer(linkName(), unitId, out, headerAt + codec.headerLength(), pduLength);
    }
    int frameBytes = codec.seal(out, headerAt, transactionId, unitId, pduLength);
    if (decode.level().frame()) {
      decode.frame(linkName(), false, out, headerAt, frameBytes);
    }
    return frameBytes;
  }

  /**
   * Hands the request framed at {@code start} (no fault fired) on an {@linkplain UnitRoute#isAsync() asynchronous}
   * route to the dispatcher ({@link ModbusDispatcher#dispatchAsync}) without waiting; the request's bytes are copied,
   * so {@code in} may be reused at once. Frame the settled answer with {@link #frameAnswer} when the future
   * completes (on any thread; hand it to the link's own thread first). Allocates (the copy, the future): the path of
   * forwarding handlers only.
   *
   * @param in the buffer to read from
   * @param start the index in {@code in} where the frame starts
   * @param frameLength the frame length
   * @param route the request's route ({@link #route}), asynchronous
   * @return the answer's future, which completes normally
   * @throws IllegalArgumentException when the route is not asynchronous
   */
  public CompletableFuture<ForwardAnswer> forward(ByteBuffer in, int start, int frameLength, UnitRoute route) {
    return dispatcher.dispatchAsync(route, context, codec.pdu(in, start, frameLength));
  }

  /**
   * Frames the settled answer of a request {@linkplain #forward forwarded} earlier into {@code out} at its position,
   * which must have {@link FrameCodec#maxFrameLength()} bytes of room. Unlike the rest of an exchange it may run on
   * any thread (the one completing the future, say): it touches only {@code out}, the codec's sealing, which keeps
   * no state, and the decode log.
   *
   * @param transactionId the request's transaction id (0 for framings without one)
   * @param unitId the request's unit id
   * @param functionCode the request's function code (what an exception answer names)
   * @param answer the settled answer
   * @param out the buffer to write into
   * @return the answer frame's length (out's position advanced by as much), 0 when nothing is to be sent
   */
  public int frameAnswer(int transactionId, int unitId, int functionCode, ForwardAnswer answer, ByteBuffer out) {
    int headerAt = out.position();
    out.position(headerAt + codec.headerLength());
    int pduLength = switch (answer) {
      case ForwardAnswer.Response r -> {
        r.writeTo(out);
        yield r.length();
      }
      case ForwardAnswer.Exceptional e -> ExceptionResponse.writeException(functionCode, e.exceptionCode(), out);
      case ForwardAnswer.NoAnswer n -> ModbusDispatcher.NO_RESPONSE;
    };
    if (pduLength < 0) {
      out.position(headerAt);
      return 0;
    }
    if (decode.level().pdu()) {
      decode.answer(linkName(), unitId, out, headerAt + codec.headerLength(), pduLength);
    }
    int frameBytes = codec.seal(out, headerAt, transactionId, unitId, pduLength);
    if (decode.level().frame()) {
      decode.frame(linkName(), false, out, headerAt, frameBytes);
    }
    return frameBytes;
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
    return answerWithFaults(plan, codec.transactionId(in, start), codec.unitId(in, start),
        codec.pdu(in, start, frameLength), scratch, dispatch, link);
  }

  /**
   * {@link #answerWithFaults(FaultPlan, ByteBuffer, int, int, ByteBuffer, PduDispatch, Link)} for a link whose own
   * decoder found the frame (a serial line): the request for {@code unitId} whose PDU is {@code pdu}.
   *
   * @param plan what fired, from {@link #plan(int, ByteBuffer)}
   * @param transactionId the request's transaction id, 0 for framings without one
   * @param unitId the unit the request is for
   * @param pdu the request PDU
   * @param scratch where the answer frame is built (cleared first; {@link FrameCodec#maxFrameLength()} bytes at
   *     least)
   * @param dispatch the dispatch step
   * @param link where the plan's segments go
   * @return what to do with the connection now
   * @throws IOException when the link fails
   * @throws InterruptedException when a delay is interrupted
   */
  public ConnectionDirective answerWithFaults(FaultPlan plan, int transactionId, int unitId, ByteBuffer pdu,
      ByteBuffer scratch, PduDispatch dispatch, Link link) throws IOException, InterruptedException {
    counters.faultedRequest();
    int functionCode = Byte.toUnsignedInt(pdu.get(pdu.position()));
    scratch.clear().position(codec.headerLength());
    UnitRoute route = dispatcher.route(context, unitId);
    boolean forUs = reachesUnit(route);
    int pduLength =
        switch (plan.beforeDispatch()) {
          case DISPATCH -> forUs ? dispatch.dispatch(transactionId, route, pdu, scratch, 0) : ModbusDispatcher.NO_RESPONSE;
          case SKIP_NO_RESPONSE -> {
            dispatcher.faultAnswered(context, unitId, functionCode, 0, plan.faultIds());
            yield ModbusDispatcher.NO_RESPONSE;
          }
          case SKIP_WITH_EXCEPTION -> {
            ExceptionCode code = Objects.requireNonNull(plan.exceptionCode(), "exceptionCode");
            dispatcher.faultAnswered(context, unitId, functionCode, code.code(), plan.faultIds());
            yield ExceptionResponse.writeException(functionCode, code, scratch);
          }
        };
    boolean discard = plan.discardPipelinedRequests();
    ConnectionDirective after;
    if (pduLength >= 0) {
      if (decode.level().pdu()) {
        decode.answer(linkName(), unitId, scratch, codec.headerLength(), pduLength);
      }
      int frameBytes = codec.seal(scratch, 0, transactionId, unitId, pduLength);
      TransmissionPlan transmission = plan.transmit(scratch.array(), frameBytes, codec.faultFormat());
      scratch.clear();
      send(transmission, link, discard);
      after = transmission.after();
      boolean delivered = !plan.responseDropped() && !transmission.isEmpty();
      if (delivered) {
        counters.faultedAnswerSent();
      } else {
        counters.faultedAnswerSuppressed();
      }
      if (plan.beforeDispatch() == DispatchVerdict.DISPATCH && forUs && !plan.faultIds().isEmpty()) {
        dispatcher.answerFaulted(context, unitId, functionCode, plan.faultIds(), delivered);
      }
    } else {
      scratch.clear();
      after = plan.after();
      if (discard) {
        link.discardReceived();
      }
      if (!route.isBroadcast()) {
        counters.faultedAnswerSuppressed();
      }
    }
    if (plan.responseDropped()) {
      counters.droppedResponse();
    }
    return after;
  }

  /** Hands each segment to the link in turn, one {@link Link#sendSegment} each, so gaps reach the peer as gaps. */
  private static void send(TransmissionPlan transmission, Link link, boolean discard)
      throws IOException, InterruptedException {
    List<Segment> segments = transmission.segments();
    if (segments.size() > 1) {
      link.beforeSegments();
    }
    if (segments.isEmpty() && discard) {
      link.discardReceived();
    }
    for (int i = 0; i < segments.size(); i++) {
      if (discard && i == segments.size() - 1) {
        link.discardReceived();
      }
      link.sendSegment(segments.get(i), i, transmission);
    }
  }

  @Override
  public String toString() {
    return "Exchange[" + linkName() + "]";
  }
}
