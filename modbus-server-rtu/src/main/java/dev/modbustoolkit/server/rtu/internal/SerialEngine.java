package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.Segment;
import dev.modbustoolkit.fault.TransmissionPlan;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.rtu.SerialMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One serial line (or one RTU-over-TCP connection): frames the received bytes, serves the requests for the units
 * of the dispatcher, stays silent for everything else, and transmits responses through the fault pipeline.
 * Driven by one thread (the line's reader); reads no clock of its own except through {@link NanoClock}, so tests
 * run it on fake time.
 *
 * <p>Bus rules: a request for a served unit is dispatched and answered no sooner than the turnaround (t3.5) after
 * its last byte; a broadcast (unit 0) is dispatched and never answered; requests for other units and responses of
 * other devices are only counted (bus message count of every served device); dropped frames count as bus
 * communication errors.
 */
public final class SerialEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SerialEngine.class);

  private final ModbusDispatcher dispatcher;
  private final BusDevices devices;
  private final SerialRequestContext context;
  private final EngineSettings settings;
  private final WireFormat wire;
  private final SerialFramer framer;
  private final FrameOutput output;
  private final NanoClock clock;
  private final StatisticsCounters stats;
  private final FaultPipeline faults;
  private final FaultSession session;

  private final ByteBuffer responsePdu = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
  private final byte[] lineFrame = new byte[WireFormat.MAX_LINE_FRAME];
  private long requestIndex;
  // Set by the one-request-at-a-time fault: requests that started arriving before this time are discarded.
  private boolean discardPipelined;
  private long discardStartedBefore;
  private boolean closed;
  private @Nullable List<FaultSpec> heldBy;

  /**
   * An engine with the codec's PDU length rules.
   *
   * @param dispatcher serves the requests
   * @param context passed with every request
   * @param settings framing and timing
   * @param faults the server's fault pipeline (a session is opened here and closed by {@link #close()})
   * @param output where responses go
   * @param clock time for the turnaround and fault delays
   * @param stats the server's counters
   */
  public SerialEngine(
      ModbusDispatcher dispatcher,
      SerialRequestContext context,
      EngineSettings settings,
      FaultPipeline faults,
      FrameOutput output,
      NanoClock clock,
      StatisticsCounters stats) {
    this(dispatcher, context, settings, faults, output, clock, stats, PduLengths.codec());
  }

  SerialEngine(
      ModbusDispatcher dispatcher,
      SerialRequestContext context,
      EngineSettings settings,
      FaultPipeline faults,
      FrameOutput output,
      NanoClock clock,
      StatisticsCounters stats,
      PduLengths lengths) {
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.devices = new BusDevices(dispatcher);
    this.context = Objects.requireNonNull(context, "context");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.output = Objects.requireNonNull(output, "output");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.wire = WireFormat.of(settings.mode(), settings.characterNanos());
    FramerListener listener = this::onEvent;
    this.framer =
        settings.mode() == SerialMode.RTU
            ? new RtuFramer(
                lengths, devices::serves, settings.silence(), settings.responseTimeoutNanos(), listener)
            : new AsciiFramer(
                devices::serves,
                devices::asciiDelimiter,
                settings.asciiCharacterTimeoutNanos(),
                settings.responseTimeoutNanos(),
                listener);
    this.session = faults.openSession(ConnectionInfo.serial(settings.connectionId(), settings.transport()));
  }

  /** The fault session of this line (for idle-close settings over TCP). */
  public FaultSession faultSession() {
    return session;
  }

  /**
   * Bytes received together at {@code receivedNanos}; serves the frames they complete, transmitting responses
   * before returning.
   *
   * @throws IOException when writing a response failed
   * @throws InterruptedException when interrupted while waiting to transmit
   */
  public void receive(byte[] bytes, int offset, int length, long receivedNanos)
      throws IOException, InterruptedException {
    try {
      framer.receive(bytes, offset, length, receivedNanos);
    } catch (Failure f) {
      f.rethrow();
    }
  }

  /** Nothing arrived until {@code nowNanos}: lets frames end or break on silence. */
  public void idle(long nowNanos) throws IOException, InterruptedException {
    try {
      framer.idle(nowNanos);
    } catch (Failure f) {
      f.rethrow();
    }
  }

  /** When {@link #idle(long)} should be called if nothing arrives, or {@link Long#MAX_VALUE}. */
  public long idleDeadlineNanos() {
    return framer.idleDeadlineNanos();
  }

  /** True once a fault closed the connection (RTU over TCP): the caller stops reading. */
  public boolean isClosed() {
    return closed;
  }

  /** True while a hold-open fault keeps this line from answering. */
  public boolean isHeld() {
    return heldBy != null;
  }

  @Override
  public void close() {
    session.close();
  }

  private void onEvent(FramerEvent event) {
    if (closed) {
      return;
    }
    try {
      switch (event) {
        case FramerEvent.Frame frame -> onFrame(frame);
        case FramerEvent.Discarded discarded -> onDiscarded(discarded);
      }
    } catch (IOException e) {
      throw new Failure(e);
    } catch (InterruptedException e) {
      throw new Failure(e);
    }
  }

  private void onDiscarded(FramerEvent.Discarded d) {
    stats.discardedBytes.add(d.byteCount());
    switch (d.reason()) {
      case BAD_CHECKSUM -> stats.checksumErrors.increment();
      case INCOMPLETE -> stats.incompleteFrames.increment();
      case MALFORMED -> stats.malformedFrames.increment();
      case NOISE -> {}
    }
    if (d.reason().isCommunicationError()) {
      dispatcher.recordBusCommunicationError();
    }
    LOG.debug("{}: dropped {} bytes ({})", context.portName(), d.byteCount(), d.reason());
  }

  private void onFrame(FramerEvent.Frame frame) throws IOException, InterruptedException {
    int unitId = frame.unitId();
    if (frame.kind() == FrameKind.RESPONSE) {
      stats.foreignResponses.increment();
      devices.countBusMessage();
      return;
    }
    if (unitId != 0 && !devices.serves(unitId)) {
      stats.otherUnitRequests.increment();
      devices.countBusMessage();
      return;
    }
    if (discardPipelined && frame.startNanos() - discardStartedBefore <= 0) {
      stats.pipelinedDiscarded.increment();
      return;
    }
    if (isHeld() && !releaseHold()) {
      countUnanswered(unitId);
      return;
    }
    if (unitId == 0) {
      stats.broadcasts.increment();
    } else {
      stats.requests.increment();
    }
    serve(frame);
  }

  private void countUnanswered(int unitId) {
    if (unitId == 0) {
      stats.broadcasts.increment();
    } else {
      stats.requests.increment();
      stats.noResponses.increment();
    }
  }

  private void serve(FramerEvent.Frame frame) throws IOException, InterruptedException {
    int unitId = frame.unitId();
    byte[] pdu = frame.pdu();
    FaultPlan plan =
        faults.isEmpty() ? FaultPlan.NONE : session.plan(RequestInfos.of(unitId, pdu, requestIndex));
    requestIndex++;
    responsePdu.clear();
    int pduLength =
        switch (plan.beforeDispatch()) {
          case DISPATCH -> dispatcher.dispatch(context, unitId, ByteBuffer.wrap(pdu), responsePdu);
          case SKIP_NO_RESPONSE -> ModbusDispatcher.NO_RESPONSE;
          case SKIP_WITH_EXCEPTION -> exceptionPdu(frame.functionCode(), plan.exceptionCode());
        };
    if (unitId == 0 || pduLength == ModbusDispatcher.NO_RESPONSE) {
      if (unitId != 0) {
        stats.noResponses.increment();
      }
      applyDirective(plan.after());
    } else {
      int frameLength = wire.encode(unitId, responsePdu.array(), pduLength, lineFrame);
      if (plan.isNone()) {
        clock.sleepUntil(frame.endNanos() + settings.turnaroundNanos());
        output.send(lineFrame, 0, frameLength);
        stats.responsesSent.increment();
      } else {
        TransmissionPlan transmission = plan.transmit(lineFrame, frameLength, wire);
        execute(transmission, frame.endNanos());
        if (plan.responseDropped() || transmission.isEmpty()) {
          stats.noResponses.increment();
        } else {
          stats.responsesSent.increment();
        }
        applyDirective(transmission.after());
      }
    }
    if (plan.discardPipelinedRequests()) {
      discardPipelined = true;
      discardStartedBefore = clock.nanoTime();
    }
  }

  private int exceptionPdu(int functionCode, @Nullable ExceptionCode code) {
    ExceptionCode exception = code != null ? code : ExceptionCode.SERVER_DEVICE_FAILURE;
    return dev.modbustoolkit.pdu.ExceptionResponse.writeException(functionCode, exception, responsePdu);
  }

  /**
   * Writes the planned segments: the first after its delay and not before the turnaround silence (unless the
   * plan violates it on purpose, when its delay counts from the request's end), each later one its delay after
   * the previous one has left the line.
   */
  private void execute(TransmissionPlan plan, long requestEndNanos) throws IOException, InterruptedException {
    List<Segment> segments = plan.segments();
    long reference = plan.interFrameSilence() ? clock.nanoTime() : requestEndNanos;
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      long at = reference + segment.delayBeforeNanos();
      if (i == 0 && plan.interFrameSilence()) {
        at = Math.max(at, requestEndNanos + settings.turnaroundNanos());
      }
      clock.sleepUntil(at);
      byte[] bytes = segment.bytes();
      long writeStart = clock.nanoTime();
      output.send(bytes, 0, bytes.length);
      // A pty or socket returns before a UART would have sent the bytes: time the next gap from the estimate.
      reference = Math.max(clock.nanoTime(), writeStart + bytes.length * settings.characterNanos());
    }
  }

  private void applyDirective(ConnectionDirective directive) throws IOException {
    switch (directive) {
      case KEEP_OPEN -> {}
      case CLOSE_FIN, CLOSE_RST -> {
        if (settings.transport().isConnectionOriented()) {
          closed = true;
          output.closeConnection(directive == ConnectionDirective.CLOSE_RST);
        } else {
          LOG.debug("{}: ignoring {} on a serial line", context.portName(), directive);
        }
      }
      case HOLD_OPEN -> {
        heldBy = faults.faults();
        LOG.debug("{}: hold-open fault: answering nothing until the fault pipeline changes", context.portName());
      }
    }
  }

  /** A hold lasts until the faults change (the spec of {@link ConnectionDirective#HOLD_OPEN} for serial lines). */
  private boolean releaseHold() {
    if (Objects.equals(heldBy, faults.faults())) {
      return false;
    }
    heldBy = null;
    return true;
  }

  /** Carries a checked exception out of the framer's listener. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(Exception cause) {
      super(cause);
    }

    void rethrow() throws IOException, InterruptedException {
      Throwable cause = getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof InterruptedException ie) {
        throw ie;
      }
      throw new UncheckedIOException(new IOException(cause));
    }
  }
}
