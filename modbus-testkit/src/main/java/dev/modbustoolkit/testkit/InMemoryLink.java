package dev.modbustoolkit.testkit;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.transport.Exchange;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FramingException;
import dev.modbustoolkit.transport.Link;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FrameCodec} and an {@link Exchange} driven without sockets the way a stream transport drives them (the
 * TCP server's connection): received bytes accumulate in an input buffer; after each read the codec scans it in a
 * loop, negative verdicts are skipped and counted, each frame is planned and answered with {@link Exchange#answer}
 * or, when a fault fired, {@link Exchange#answerWithFaults} over this link; a directive other than KEEP_OPEN ends
 * the reading. Everything sent is recorded ({@link #events()}, {@link #answers()}).
 *
 * <p>It also checks the codec's contract on every scan: the verdict is never longer than what is buffered, and
 * position and limit are left where they were; a violation is an {@link AssertionError}.
 *
 * <p>The interpreter sleeps for real ({@code TimeUnit.sleep}): keep fault delays small in tests and assert only
 * lower bounds and order of the recorded gaps. Not thread-safe.
 */
public final class InMemoryLink implements Link, AutoCloseable {
  private static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 502);
  private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 50_000);

  private final ModbusDispatcher dispatcher;
  private final FrameCodec codec;
  private final RequestContext context;
  private final FaultSession session;
  private final RecordingCounters counters = new RecordingCounters();
  private final Exchange exchange;
  private final ByteBuffer out;
  private final ByteBuffer scratch;
  private final List<LinkEvent> events = new ArrayList<>();
  private final List<byte[]> answers = new ArrayList<>();
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private ByteBuffer in = ByteBuffer.allocate(1024);
  /** Stream offset of {@code in}'s index 0. */
  private long bufferBase;
  /** Requests starting below this stream offset are discarded (one-request-at-a-time). */
  private long discardBelow;
  private ConnectionDirective directive = ConnectionDirective.KEEP_OPEN;
  private @Nullable FramingException framingFailure;
  private long droppedFrames;
  private long discardedRequests;
  private long ignoredBytes;
  private @Nullable ByteArrayOutputStream faultedAnswer;
  private long lastSendNanos;
  /** Buffer index just after the frame being answered. */
  private int frameEnd;

  private InMemoryLink(ModbusDispatcher dispatcher, FrameCodec codec, FaultPipeline faults, DecodeLog decode) {
    this.dispatcher = dispatcher;
    this.codec = codec;
    // As the TCP server does: a bus framing gets the serial line's rules (broadcast executed, never answered).
    this.context = codec.busAddressing()
        ? new SerialRequestContext("in-memory " + codec, true)
        : new TcpRequestContext(1, LOCAL, REMOTE);
    this.session = faults.openSession(new ConnectionInfo(1, codec.transport(), REMOTE));
    this.exchange = new Exchange(dispatcher, codec, context, faults, session, counters, decode);
    this.out = ByteBuffer.allocate(codec.maxFrameLength());
    this.scratch = ByteBuffer.allocate(codec.maxFrameLength());
  }

  /** A link with no faults. */
  public static InMemoryLink of(ModbusDispatcher dispatcher, FrameCodec codec) {
    return of(dispatcher, codec, FaultPipeline.empty());
  }

  /** A link whose requests are planned by {@code faults} (one session, connection id 1, opened now). */
  public static InMemoryLink of(ModbusDispatcher dispatcher, FrameCodec codec, FaultPipeline faults) {
    return new InMemoryLink(dispatcher, codec, faults, DecodeLog.off());
  }

  /**
   * A link whose requests are planned by {@code faults} and whose exchange logs its frames and PDUs to {@code
   * decode} (a {@link DecodeLog#DecodeLog(dev.modbustoolkit.transport.DecodeLevel, java.util.function.Consumer)
   * sink} lets a test read the entries). The link names itself in them as {@code <codec> #1 127.0.0.1:50000} on
   * MBAP and {@code <codec> in-memory <codec>} on a bus framing.
   */
  public static InMemoryLink of(ModbusDispatcher dispatcher, FrameCodec codec, FaultPipeline faults,
      DecodeLog decode) {
    return new InMemoryLink(dispatcher, codec, faults, decode);
  }

  /** {@link #feed(byte[], Feeding)} in one read. */
  public InMemoryLink feed(byte[] stream) throws InterruptedException {
    return feed(stream, Feeding.WHOLE);
  }

  /**
   * Delivers {@code stream} in the reads {@code feeding} cuts it into, processing the buffer after each. Once
   * reading ended (a fault's directive, a {@link FramingException}) further bytes are only counted as ignored.
   */
  public InMemoryLink feed(byte[] stream, Feeding feeding) throws InterruptedException {
    for (byte[] read : feeding.split(stream)) {
      if (!isReading()) {
        ignoredBytes += read.length;
        continue;
      }
      receive(read);
      process();
    }
    return this;
  }

  private void receive(byte[] read) {
    if (in.remaining() < read.length) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(in.capacity() * 2, in.position() + read.length));
      in.flip();
      bigger.put(in);
      in = bigger;
    }
    in.put(read);
  }

  /** Answers every complete frame in the buffer, in order, as the TCP connection's frame loop does. */
  private void process() throws InterruptedException {
    in.flip();
    while (directive == ConnectionDirective.KEEP_OPEN) {
      int frameLength = nextFrameLength();
      if (frameLength == FrameCodec.NEED_MORE) {
        break;
      }
      int start = in.position();
      if (bufferBase + start < discardBelow) {
        discardedRequests++;
      } else {
        frameEnd = start + frameLength;
        respond(start, frameLength);
      }
      in.position(start + frameLength);
    }
    bufferBase += in.position();
    in.compact();
  }

  /** The next frame's length or NEED_MORE, skipping (and counting) what starts no frame; 0 after a failure. */
  private int nextFrameLength() {
    while (true) {
      int position = in.position();
      int limit = in.limit();
      int verdict;
      try {
        verdict = codec.scan(in);
      } catch (FramingException e) {
        framingFailure = e;
        return FrameCodec.NEED_MORE;
      }
      if (in.position() != position || in.limit() != limit) {
        throw new AssertionError(codec + ": scan moved position/limit from " + position + "/" + limit + " to "
            + in.position() + "/" + in.limit());
      }
      if (Math.abs((long) verdict) > limit - position) {
        throw new AssertionError(codec + ": scan verdict " + verdict + " with only " + (limit - position)
            + " bytes buffered");
      }
      if (verdict >= 0) {
        return verdict;
      }
      droppedFrames++;
      in.position(position - verdict);
    }
  }

  private void respond(int start, int frameLength) throws InterruptedException {
    FaultPlan plan = exchange.plan(in, start, frameLength);
    if (plan.isNone()) {
      out.clear();
      int n = exchange.answer(in, start, frameLength, out);
      if (n > 0) {
        byte[] frame = Arrays.copyOf(out.array(), n);
        events.add(new LinkEvent.Answered(frame));
        answers.add(frame);
        written.writeBytes(frame);
      }
      return;
    }
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    faultedAnswer = sent;
    lastSendNanos = System.nanoTime();
    try {
      directive = exchange.answerWithFaults(plan, in, start, frameLength, scratch,
          (transactionId, route, pdu, target, pendingEnd) -> dispatcher.dispatch(route, context, pdu, target),
          this);
    } catch (IOException e) {
      throw new UncheckedIOException("an in-memory link does not fail", e);
    } finally {
      faultedAnswer = null;
    }
    if (sent.size() > 0) {
      answers.add(sent.toByteArray());
    }
  }

  @Override
  public void send(byte[] bytes, int offset, int length) {
    long now = System.nanoTime();
    byte[] segment = Arrays.copyOfRange(bytes, offset, offset + length);
    events.add(new LinkEvent.Sent(segment, now - lastSendNanos));
    lastSendNanos = now;
    written.writeBytes(segment);
    ByteArrayOutputStream answer = faultedAnswer;
    if (answer != null) {
      answer.writeBytes(segment);
    }
  }

  @Override
  public void beforeSegments() {
    events.add(new LinkEvent.BeforeSegments());
  }

  /** Marks every request whose first byte is buffered now for discarding, as the TCP connection does. */
  @Override
  public void discardReceived() {
    events.add(new LinkEvent.DiscardReceived(in.limit() - frameEnd));
    discardBelow = bufferBase + in.limit();
  }

  /** Every answer sent, in order: a frame no fault touched, or all the segments sent for one faulted request. */
  public List<byte[]> answers() {
    return answers.stream().map(byte[]::clone).toList();
  }

  /** {@link #answers()} in {@link Hex#format} form, for readable assertions. */
  public List<String> answersHex() {
    return answers.stream().map(Hex::format).toList();
  }

  /** Every byte sent, in order. */
  public byte[] written() {
    return written.toByteArray();
  }

  /** What the exchange did, in order. */
  public List<LinkEvent> events() {
    return List.copyOf(events);
  }

  /** The fault interpreter's sends, in order. */
  public List<LinkEvent.Sent> segments() {
    return events.stream().filter(e -> e instanceof LinkEvent.Sent).map(e -> (LinkEvent.Sent) e).toList();
  }

  /** The directive the last faulted answer returned; KEEP_OPEN while none ended the reading. */
  public ConnectionDirective directive() {
    return directive;
  }

  /** The framing failure that ended the reading, if one did. */
  public @Nullable FramingException framingFailure() {
    return framingFailure;
  }

  /** Whether the link still reads: no directive other than KEEP_OPEN, no framing failure. */
  public boolean isReading() {
    return directive == ConnectionDirective.KEEP_OPEN && framingFailure == null;
  }

  /** Negative scan verdicts: byte runs skipped as no frame. */
  public long droppedFrames() {
    return droppedFrames;
  }

  /** Requests discarded unanswered by one-request-at-a-time. */
  public long discardedRequests() {
    return discardedRequests;
  }

  /** Bytes fed after the reading ended. */
  public long ignoredBytes() {
    return ignoredBytes;
  }

  /** Bytes received and not yet taken by a frame. */
  public int buffered() {
    return in.position();
  }

  /** What the exchange counted. */
  public RecordingCounters counters() {
    return counters;
  }

  /** The exchange under test. */
  public Exchange exchange() {
    return exchange;
  }

  /** Closes the fault session. */
  @Override
  public void close() {
    session.close();
  }

  @Override
  public String toString() {
    return "InMemoryLink[" + codec + ", " + answers.size() + " answers, " + droppedFrames + " dropped]";
  }
}
