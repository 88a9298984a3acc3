package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.fault.Segment;
import dev.modbustoolkit.fault.TransmissionPlan;
import dev.modbustoolkit.serial.AsciiFrameDecoder;
import dev.modbustoolkit.serial.DecodeOutcome;
import dev.modbustoolkit.serial.DropReason;
import dev.modbustoolkit.serial.FrameKind;
import dev.modbustoolkit.serial.PduLengths;
import dev.modbustoolkit.serial.RtuFrameDecoder;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.serial.StrictRtuFrameDecoder;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.transport.Exchange;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FrameCodecs;
import dev.modbustoolkit.transport.Link;
import dev.modbustoolkit.transport.LinkCounters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One serial line (or one RTU-over-TCP connection): frames the received bytes (with modbus-serial-framing's
 * pull-style decoders, over one input buffer per line), serves the requests for the units
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
  private static final int INPUT_CAPACITY = 8 * 1024;

  private final ModbusDispatcher dispatcher;
  private final BusDevices devices;
  private final SerialRequestContext context;
  private final EngineSettings settings;
  private final FrameCodec codec;
  private final LineDecoder decoder;
  private final FrameOutput output;
  private final NanoClock clock;
  private final StatisticsCounters stats;
  private final FaultPipeline faults;
  private final FaultSession session;
  private final Exchange exchange;
  private final DecodeLog decode;
  private final Exchange.PduDispatch faultDispatch;

  // The received bytes the decoder has not consumed yet, in "read" mode: one read (4 KiB) plus a pending frame.
  private final ByteBuffer input = ByteBuffer.allocate(INPUT_CAPACITY).flip();
  private long deadlineNanos = Long.MAX_VALUE;
  // The answer frame: the dispatcher writes the response PDU after the codec's header, the codec seals it in place.
  private final byte[] lineFrame;
  private final ByteBuffer lineBuffer;

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
    this(dispatcher, context, settings, faults, output, clock, stats, DecodeLog.off());
  }

  /** As the other constructor, logging the line's traffic as {@code decode} says. */
  public SerialEngine(
      ModbusDispatcher dispatcher,
      SerialRequestContext context,
      EngineSettings settings,
      FaultPipeline faults,
      FrameOutput output,
      NanoClock clock,
      StatisticsCounters stats,
      DecodeLog decode) {
    this(dispatcher, context, settings, faults, output, clock, stats, PduLengths.codec(), decode);
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
    this(dispatcher, context, settings, faults, output, clock, stats, lengths, DecodeLog.off());
  }

  SerialEngine(
      ModbusDispatcher dispatcher,
      SerialRequestContext context,
      EngineSettings settings,
      FaultPipeline faults,
      FrameOutput output,
      NanoClock clock,
      StatisticsCounters stats,
      PduLengths lengths,
      DecodeLog decode) {
    this.decode = Objects.requireNonNull(decode, "decode");
    this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    this.devices = new BusDevices(dispatcher);
    this.context = Objects.requireNonNull(context, "context");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.output = Objects.requireNonNull(output, "output");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.decoder =
        switch (settings.mode()) {
          case RTU -> settings.strictSilences()
              ? new StrictRtuFrameDecoder(lengths, devices::serves, settings.silence())::decode
              : new RtuFrameDecoder(lengths, devices::serves, settings.silence(), settings.responseTimeoutNanos())
                  ::decode;
          case ASCII ->
              new AsciiFrameDecoder(
                      devices::serves,
                      devices::asciiDelimiter,
                      settings.asciiCharacterTimeoutNanos(),
                      settings.responseTimeoutNanos())
                  ::decode;
        };
    this.session = faults.openSession(ConnectionInfo.serial(settings.connectionId(), settings.transport()));
    this.codec = switch (settings.mode()) {
      case RTU -> FrameCodecs.rtu(settings.characterNanos());
      case ASCII -> FrameCodecs.ascii(settings.characterNanos());
    };
    this.lineFrame = new byte[codec.maxFrameLength()];
    this.lineBuffer = ByteBuffer.wrap(lineFrame);
    this.exchange = new Exchange(dispatcher, codec, context, faults, session, new LineCounters(), decode);
    this.faultDispatch = (transactionId, route, requestPdu, out, pendingEnd) ->
        dispatcher.dispatch(route, context, requestPdu, out);
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
    Objects.checkFromIndexSize(offset, length, bytes.length);
    exchange.logRaw(true, bytes, offset, length);
    int done = 0;
    while (done < length) {
      // After a drain at most one pending frame is left, so a read of up to 4 KiB always fits in one go.
      input.compact();
      int n = Math.min(length - done, input.remaining());
      input.put(bytes, offset + done, n);
      input.flip();
      done += n;
      drain(receivedNanos);
    }
  }

  /** Nothing arrived until {@code nowNanos}: lets frames end or break on silence. */
  public void idle(long nowNanos) throws IOException, InterruptedException {
    drain(nowNanos);
  }

  /** When {@link #idle(long)} should be called if nothing arrives, or {@link Long#MAX_VALUE}. */
  public long idleDeadlineNanos() {
    return deadlineNanos;
  }

  /** Takes the decoder's outcomes until it needs more bytes or time; serves the frames among them. */
  private void drain(long nowNanos) throws IOException, InterruptedException {
    while (true) {
      DecodeOutcome outcome = decoder.decode(input, nowNanos);
      switch (outcome.kind()) {
        case NEED_MORE -> {
          deadlineNanos = outcome.deadlineNanos();
          return;
        }
        case FRAME -> onFrame(outcome);
        case DROPPED -> onDropped(outcome.dropReason(), outcome.droppedBytes());
      }
    }
  }


  @Override
  public void close() {
    session.close();
  }

  private void onDropped(DropReason reason, int byteCount) {
    stats.discardedBytes.add(byteCount);
    switch (reason) {
      case BAD_CRC, GARBAGE, BAD_LRC -> stats.checksumErrors.increment();
      // RTU counted an overlong frame as a checksum error, ASCII too many digits as a malformed frame
      case TOO_LONG -> {
        if (settings.mode() == SerialMode.RTU) {
          stats.checksumErrors.increment();
        } else {
          stats.malformedFrames.increment();
        }
      }
      case INCOMPLETE -> stats.incompleteFrames.increment();
      case BAD_HEX, MISSING_DELIMITER, TOO_SHORT -> stats.malformedFrames.increment();
      case NOISE -> {}
    }
    if (reason.isCommunicationError()) {
      dispatcher.recordBusCommunicationError();
    }
    LOG.debug("{}: dropped {} bytes ({})", context.portName(), byteCount, reason);
  }

  private void onFrame(DecodeOutcome frame) throws IOException, InterruptedException {
    int unitId = frame.unitId();
    if (decode.level().frame()) {
      // The decoder has consumed the frame: it ends at the input's position. Every frame on the line is logged,
      // other devices' too (the frame layer is the bus as it is).
      decode.frame(exchange.linkName(), true, input, input.position() - frame.consumedBytes(), frame.consumedBytes());
    }
    if (frame.frameKind() == FrameKind.RESPONSE) {
      stats.foreignResponses.increment();
      devices.countBusMessage();
      return;
    }
    if (unitId != 0 && !devices.serves(unitId)) {
      stats.otherUnitRequests.increment();
      devices.countBusMessage();
      return;
    }
    if (unitId == 0) {
      stats.broadcasts.increment();
    } else {
      stats.requests.increment();
    }
    serve(frame);
  }

  private void serve(DecodeOutcome frame) throws IOException, InterruptedException {
    int unitId = frame.unitId();
    // The PDU is a view of the input buffer, read in place: nothing is copied per request.
    ByteBuffer pdu = frame.pdu();
    long requestEndNanos = frame.frameEndNanos();
    FaultPlan plan = exchange.plan(unitId, pdu);
    if (!plan.isNone()) {
      // The transport layer's one interpreter of fault plans, with this line's timing (LineLink).
      ConnectionDirective after = exchange.answerWithFaults(plan, 0, unitId, pdu, lineBuffer, faultDispatch,
          new LineLink(requestEndNanos));
      if (after != ConnectionDirective.KEEP_OPEN) {
        // Connection actions never fire on a serial line (Transport.RTU/ASCII are not connection-oriented).
        LOG.debug("{}: ignoring {} on a serial line", context.portName(), after);
      }
      return;
    }
    lineBuffer.clear().position(codec.headerLength());
    int pduLength = dispatcher.dispatch(context, unitId, pdu, lineBuffer);
    if (unitId == 0 || pduLength == ModbusDispatcher.NO_RESPONSE) {
      if (unitId != 0) {
        stats.noResponses.increment();
      }
      return;
    }
    // Logged before sealing: an ASCII seal turns the binary PDU into hex digits in place.
    decode.answer(exchange.linkName(), unitId, lineBuffer, codec.headerLength(), pduLength);
    int frameLength = codec.seal(lineBuffer, 0, 0, unitId, pduLength);
    decode.frame(exchange.linkName(), false, lineBuffer, 0, frameLength);
    clock.sleepUntil(requestEndNanos + settings.turnaroundNanos());
    exchange.logRaw(false, lineFrame, 0, frameLength);
    output.send(lineFrame, 0, frameLength);
    stats.responsesSent.increment();
  }

  /**
   * The line as the fault interpreter sends to it: the first segment after its delay and not before the turnaround
   * silence (unless the plan violates it on purpose, when its delay counts from the request's end), each later one
   * its delay after the previous one has left the line. One per faulted request.
   */
  private final class LineLink implements Link {
    private final long requestEndNanos;
    private long reference;

    LineLink(long requestEndNanos) {
      this.requestEndNanos = requestEndNanos;
    }

    @Override
    public void sendSegment(Segment segment, int index, TransmissionPlan transmission)
        throws IOException, InterruptedException {
      if (index == 0) {
        reference = transmission.interFrameSilence() ? clock.nanoTime() : requestEndNanos;
      }
      long at = reference + segment.delayBeforeNanos();
      if (index == 0 && transmission.interFrameSilence()) {
        at = Math.max(at, requestEndNanos + settings.turnaroundNanos());
      }
      clock.sleepUntil(at);
      byte[] bytes = segment.bytes();
      long writeStart = clock.nanoTime();
      send(bytes, 0, bytes.length);
      // A pty returns before a UART would have sent the bytes: time the next gap from the estimate.
      reference = Math.max(clock.nanoTime(), writeStart + bytes.length * settings.characterNanos());
    }

    @Override
    public void send(byte[] bytes, int offset, int length) throws IOException {
      exchange.logRaw(false, bytes, offset, length);
      output.send(bytes, offset, length);
    }
  }

  /** What the exchange counts, in this line's statistics. */
  private final class LineCounters implements LinkCounters {
    @Override
    public void faultedAnswerSent() {
      stats.responsesSent.increment();
    }

    @Override
    public void faultedAnswerSuppressed() {
      stats.noResponses.increment();
    }
  }

  /** Either decoder of modbus-serial-framing. */
  @FunctionalInterface
  private interface LineDecoder {
    DecodeOutcome decode(ByteBuffer in, long nowNanos);
  }
}
