package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import dev.modbustoolkit.server.core.UnitRoute;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.transport.Exchange;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FramingException;
import dev.modbustoolkit.transport.Link;
import dev.modbustoolkit.server.tcp.CloseReason;
import dev.modbustoolkit.server.tcp.ConnectionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads what the socket gives into one reused buffer, frames it, runs every complete frame
 * through the fault pipeline and the dispatcher in order, and writes the answers of one read with one write. While
 * no fault fires nothing is allocated per request here (the dispatcher may allocate).
 *
 * <p>Two ways to run, sharing the framing and answering code. On an {@link EventLoop} (the {@code *OnLoop}
 * methods): the channel is non-blocking and every step runs on the loop's thread when the selector says the
 * channel is ready. On its own virtual thread ({@link #run}): blocking reads and writes, which the fault actions
 * that sleep or hold a connection need. A loop connection on which such a fault fires moves to its own thread for
 * good ({@link #migrate}), carrying its buffers and the fault plan already drawn for the request.
 *
 * <p>Forwarding handlers ({@code UnitRoute#isAsync()}): on a loop the request is handed over without waiting and its
 * answer deferred ({@link DeferredAnswers}, which keeps the connection's answers in request order); a request that
 * must move the connection to a thread waits in the input until no answer is deferred. On a thread the dispatcher
 * waits for the future.
 *
 * <p>Why this file is long (about 1,100 lines): the loop side and the thread side share one connection's state
 * (buffers, stream offsets, the plan a loop drew before moving the connection to a thread, the close protocol with
 * the watchdog), and splitting them means handing that state across classes without a copy per request. Framing,
 * planning, answering and the fault interpreter already live in modbus-transport ({@code Exchange}), the deferred
 * answers of forwarding handlers in {@link DeferredAnswers}; splitting the two I/O sides is the next step.
 *
 * <p>Other threads touch a connection only through {@link #requestClose}, {@link #closeGracefully}, {@link
 * #drain}, {@link #forceClose} (which hand the work to the loop when there is one), the watchdog ({@link
 * #checkRequestTimeout}, {@link #checkIdle}, {@link #answerOverrun}) and the volatile counters read for monitoring;
 * everything else is confined to the thread that serves the connection.
 */
final class Connection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Room for several pipelined frames per read; a whole frame (at most 260 bytes) always fits after compact. */
  static final int BUFFER_SIZE = 2048;

  /** {@link #dispatch} result when the watchdog answered the request: nothing more to send for it. */
  private static final int TIMED_OUT = -2;

  /** How long a watchdog answer may wait for a loop connection's client to make room in its send buffer. */
  private static final long OUTSIDE_WRITE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long id;
  private final SocketChannel channel;
  private final Socket socket;
  private final ServerRuntime server;
  private final InetSocketAddress remoteAddress;
  private final RequestContext context;
  private final FrameCodec framing;
  private final Exchange exchange;
  private final DecodeLog decode;
  /** {@link #dispatchPdu} as the exchange's dispatch step, made once (a method reference per request allocates). */
  private final Exchange.PduDispatch pduDispatch = this::dispatchPdu;
  private final FaultPipeline faults;
  private final FaultSession session;
  private final Instant openedAt = Instant.now();
  private final @Nullable RequestTimer timer;
  // A thread connection owns its buffers. A loop connection uses its loop's shared buffers and takes buffers of its
  // own only when bytes must outlive the event: a partial request, an answer the socket did not take, a move to a
  // thread. 10,000 idle connections thus hold no buffers at all. Confined to the serving thread (out is also read
  // by an overrun answer, after the request timer published it).
  private ByteBuffer in;
  private ByteBuffer out;
  private final @Nullable ByteBuffer loopIn;
  private final @Nullable ByteBuffer loopOut;
  /** The PDU of the request being served: a view the framing positions on it (a slice would allocate). */
  private ByteBuffer pduView;
  private final AtomicReference<@Nullable CloseReason> requestedClose = new AtomicReference<>();

  // Written only by the connection's thread (bytesOut also by an overrun answer, which holds the timer's lock
  // while the connection thread waits for it); volatile so monitoring and eviction read fresh values.
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile boolean busy;
  private volatile boolean opened;
  private volatile long requests;
  private volatile long bytesIn;
  private volatile long bytesOut;
  private volatile @Nullable Thread thread;
  /** The loop serving this connection; null when it runs (or moved) on its own thread. */
  private volatile @Nullable EventLoop loop;
  /** Set by the hold-open fault: such a connection is never closed for being idle. */
  private volatile boolean idleExempt;
  /** When the blocking write in progress began, 0 when none: a client that stops reading is closed as idle. */
  private volatile long writeStartedNanos;

  // Confined to the connection's thread (output also read by an overrun answer, after the timer published it).
  private @Nullable OutputStream output;
  /** Stream offset of {@code in[0]}: frames are located in the byte stream for one-request-at-a-time. */
  private long bufferBase;
  /** Frames starting before this stream offset are read and discarded unanswered (one-request-at-a-time). */
  private long discardBelow;
  /** The plan a loop drew for the first buffered request before it handed the connection to a thread. */
  private @Nullable FaultPlan pendingPlan;
  /** The first buffered request, counted and planned (no fault) by a loop, waits for its handler on a thread. */
  private boolean pendingAnswer;

  // Confined to the loop thread while the connection is on a loop.
  private @Nullable SelectionKey key;
  private int interest;
  private boolean closedOnLoop;
  /** Shutdown: answer what was read, write it out, then close; read nothing more. */
  private boolean draining;
  /** Answers waiting for forwarding handlers' futures, in request order; empty for every other handler. */
  private final DeferredAnswers deferred = new DeferredAnswers();
  /** The client half-closed while answers were deferred: send them, then close. */
  private boolean inputEnded;
  /** {@link #onDeferredSettled} as a task, made once. */
  private final Runnable deferredSettled = this::onDeferredSettled;

  /**
   * @param loop the loop to serve the connection on, or null for its own thread; a loop connection is started by
   *     {@link #startOnLoop} on the loop, a thread connection by running it
   */
  Connection(long id, SocketChannel channel, ServerRuntime server, InetSocketAddress remoteAddress,
      InetSocketAddress localAddress, FaultSession session, @Nullable EventLoop loop, FrameCodec framing) {
    this.id = id;
    this.channel = channel;
    this.socket = channel.socket();
    this.loop = loop;
    if (loop != null) {
      this.thread = loop.thread();
      this.loopIn = loop.sharedInput();
      this.loopOut = loop.sharedOutput();
      this.in = loopIn;
      this.out = loopOut;
    } else {
      this.loopIn = null;
      this.loopOut = null;
      this.in = ByteBuffer.allocate(BUFFER_SIZE);
      this.out = ByteBuffer.allocate(BUFFER_SIZE);
    }
    this.pduView = in;
    this.server = server;
    this.remoteAddress = remoteAddress;
    this.framing = framing;
    // On a bus framing (RTU/ASCII over TCP) unit 0 is a broadcast: the dispatcher applies the serial line's rules.
    this.context = framing.busAddressing()
        ? new SerialRequestContext(framing + " over TCP " + localAddress + " <- " + remoteAddress, true)
        : new TcpRequestContext(id, localAddress, remoteAddress);
    this.faults = server.config().faults();
    this.session = session;
    this.timer = server.config().requestTimeout().isZero() ? null : new RequestTimer(this);
    this.decode = server.decodeLog();
    this.exchange =
        new Exchange(server.dispatcher(), framing, context, faults, session, server.counters(), decode);
  }

  long id() {
    return id;
  }

  InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  long lastActivityNanos() {
    return lastActivityNanos;
  }

  boolean isBusy() {
    return busy;
  }

  boolean isClosing() {
    return requestedClose.get() != null;
  }

  /** Whether the connection got as far as being counted as open (its socket configured). */
  boolean wasOpened() {
    return opened;
  }

  void bindThread(Thread t) {
    this.thread = t;
  }

  ConnectionInfo info() {
    long idleNanos = busy ? 0 : Math.max(0, System.nanoTime() - lastActivityNanos);
    return new ConnectionInfo(id, remoteAddress, openedAt, requests, bytesIn, bytesOut, Duration.ofNanos(idleNanos));
  }

  /** Serves the connection on the calling thread (its own virtual thread) until it ends. */
  @Override
  public void run() {
    runThreaded(true);
  }

  private void runThreaded(boolean fresh) {
    CloseReason reason = CloseReason.CLIENT_CLOSED;
    try {
      if (fresh) {
        configureSocket();
        configureIdleCloseFault();
        opened = true;
        server.connectionOpened(this);
      }
      reason = serve();
    } catch (FramingException e) {
      reason = CloseReason.MALFORMED_FRAME;
      LOG.debug("Connection {} from {}: {}", id, remoteAddress, e.getMessage());
    } catch (IOException e) {
      reason = CloseReason.IO_ERROR;
      LOG.debug("Connection {} from {}: {}", id, remoteAddress, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = CloseReason.SERVER_SHUTDOWN;
      LOG.debug("Connection {} from {} interrupted", id, remoteAddress);
    } catch (RuntimeException e) {
      reason = CloseReason.INTERNAL_ERROR;
      LOG.warn("Connection {} from {} failed", id, remoteAddress, e);
    } finally {
      // A close requested by the server (eviction, shutdown) surfaces here as EOF or a socket error: report why.
      CloseReason requested = requestedClose.get();
      if (requested != null && reason != CloseReason.INTERNAL_ERROR && reason != CloseReason.FAULT_INJECTED) {
        reason = requested;
      }
      closeSocket();
      session.close();
      server.connectionClosed(this, reason);
    }
  }

  private void configureSocket() throws IOException {
    socket.setTcpNoDelay(server.config().tcpNoDelay());
    socket.setKeepAlive(server.config().keepAlive());
  }

  /**
   * The idle-close fault as a read timeout: the only read timeout, because the configured idle timeout is the
   * watchdog's ({@link #checkIdle}), a timed read costing every request a timer. Such a connection starts on its
   * own thread.
   */
  private void configureIdleCloseFault() throws IOException {
    long faultIdleNanos = session.idleCloseNanos();
    if (faultIdleNanos >= 0) {
      socket.setSoTimeout(Math.clamp(TimeUnit.NANOSECONDS.toMillis(faultIdleNanos + 999_999), 1, Integer.MAX_VALUE));
    }
  }

  /** Serves requests until the connection ends; returns why it ended without an exception. */
  private CloseReason serve() throws IOException, InterruptedException {
    InputStream input = socket.getInputStream();
    OutputStream output = socket.getOutputStream();
    this.output = output;
    byte[] buffer = in.array();
    // A connection moved here from a loop first answers what the loop had read.
    boolean read = pendingPlan == null && !pendingAnswer && in.position() == 0 && out.position() == 0;
    while (true) {
      if (read) {
        int n;
        try {
          n = input.read(buffer, in.position(), in.remaining());
        } catch (SocketTimeoutException e) {
          LOG.debug("Connection {} from {}: idle-close fault after {} ns without a request", id, remoteAddress,
              session.idleCloseNanos());
          closeWith(session.idleCloseDirective(), input);
          return CloseReason.FAULT_INJECTED;
        }
        if (n < 0) {
          return CloseReason.CLIENT_CLOSED;
        }
        decode.raw(this, true, buffer, in.position(), n);
        bytesIn += n;
        server.counters().bytesIn(n);
        in.position(in.position() + n);
      }
      read = true;
      ConnectionDirective directive;
      busy = true;
      try {
        directive = processFrames(output, input);
      } finally {
        lastActivityNanos = System.nanoTime();
        busy = false;
      }
      switch (directive) {
        case KEEP_OPEN -> {
          // next read
        }
        case CLOSE_FIN, CLOSE_RST -> {
          closeWith(directive, input);
          return CloseReason.FAULT_INJECTED;
        }
        case HOLD_OPEN -> {
          return hold(input);
        }
      }
    }
  }

  /**
   * Answers every complete frame in {@code in}, in order, writing the answers that no fault touches at once at
   * the end; stops early when a fault's directive ends the serving of this connection.
   */
  private ConnectionDirective processFrames(OutputStream output, InputStream input)
      throws IOException, InterruptedException {
    in.flip();
    ConnectionDirective directive = ConnectionDirective.KEEP_OPEN;
    while (directive == ConnectionDirective.KEEP_OPEN) {
      int frameLength = nextFrameLength();
      if (frameLength == FrameCodec.NEED_MORE) {
        break;
      }
      int start = in.position();
      FaultPlan moved = pendingPlan;
      if (moved != null) {
        pendingPlan = null;
        directive = respondWithFaults(moved, start, frameLength, output, input);
      } else if (bufferBase + start < discardBelow) {
        server.counters().discardedRequest();
        LOG.debug("Connection {}: one-request-at-a-time fault discarded a pipelined request", id);
      } else {
        if (out.remaining() < framing.maxFrameLength()) {
          flush(output);
        }
        if (pendingAnswer) {
          // Counted and planned by the loop (discardBelow is still 0 then): only the answer is left.
          pendingAnswer = false;
          answer(start, frameLength);
        } else {
          directive = respond(start, frameLength, output, input);
        }
      }
      in.position(start + frameLength);
    }
    flush(output);
    compactInput();
    return directive;
  }

  /** Drops the bytes before the input's position (answered frames) and returns the buffer to fill mode. */
  private void compactInput() {
    bufferBase += in.position();
    in.compact();
  }

  /**
   * The length of the next frame in {@link #in} (read mode), or {@link FrameCodec#NEED_MORE}; bytes the framing
   * cannot frame (an MBAP frame whose protocol id is not 0, RTU bytes failing the CRC) are skipped and counted.
   *
   * @throws FramingException when the frame boundary is lost (counted as malformed; the connection closes)
   */
  private int nextFrameLength() {
    while (true) {
      int verdict;
      try {
        verdict = framing.scan(in);
      } catch (FramingException e) {
        server.counters().malformedFrame();
        throw e;
      }
      if (verdict >= 0) {
        return verdict;
      }
      in.position(in.position() - verdict);
      server.counters().droppedFrame();
      if (LOG.isDebugEnabled()) {
        LOG.debug("Connection {}: {} {} bytes dropped, no frame", id, framing, -verdict);
      }
    }
  }

  private ConnectionDirective respond(int start, int frameLength, OutputStream output, InputStream input)
      throws IOException, InterruptedException {
    FaultPlan plan = plan(start, frameLength);
    if (!plan.isNone()) {
      return respondWithFaults(plan, start, frameLength, output, input);
    }
    answer(start, frameLength);
    return ConnectionDirective.KEEP_OPEN;
  }

  /** Counts the request in {@code in} at {@code start} and asks the fault pipeline what to do with it. */
  private FaultPlan plan(int start, int frameLength) {
    FaultPlan plan = exchange.plan(in, start, frameLength);
    requests = exchange.requests();
    return plan;
  }

  /** Answers the request in {@code in} at {@code start} (no fault fired) into {@link #out}, after what is there. */
  private void answer(int start, int frameLength) {
    answer(start, frameLength, exchange.route(in, start));
  }

  /** As {@link #answer(int, int)}, on the route already resolved for the request's unit. */
  private void answer(int start, int frameLength, UnitRoute route) {
    int n = exchange.answer(in, start, frameLength, out, route, pduDispatch);
    if (n == TIMED_OUT) {
      // The watchdog sent the earlier pending answers and BUSY; the late result is dropped with them.
      out.clear();
    }
  }

  /**
   * A request on which a fault fired: earlier answers go out first (this one's timing is the fault's, and the
   * order of answers holds), then the exchange builds the answer and sends the plan's segments over this
   * connection.
   */
  private ConnectionDirective respondWithFaults(FaultPlan plan, int start, int frameLength, OutputStream output,
      InputStream input) throws IOException, InterruptedException {
    flush(output);
    ConnectionDirective after =
        exchange.answerWithFaults(plan, in, start, frameLength, out, pduDispatch, new StreamLink(output, input));
    if (LOG.isDebugEnabled()) {
      LOG.debug("Connection {}: transaction {} unit {}: faults {} fired, then {}", id,
          framing.transactionId(in, start), framing.unitId(in, start), plan.faultIds(), after);
    }
    return after;
  }

  /** This connection as the exchange's fault interpreter sends to it: one flushed write per segment. */
  private final class StreamLink implements Link {
    private final OutputStream output;
    private final InputStream input;

    StreamLink(OutputStream output, InputStream input) {
      this.output = output;
      this.input = input;
    }

    @Override
    public void send(byte[] bytes, int offset, int length) throws IOException {
      decode.raw(Connection.this, false, bytes, offset, length);
      writeStartedNanos = System.nanoTime();
      try {
        output.write(bytes, offset, length);
        output.flush();
      } finally {
        writeStartedNanos = 0;
      }
      bytesOut += length;
      server.counters().bytesOut(length);
    }

    @Override
    public void beforeSegments() throws IOException {
      if (!server.config().tcpNoDelay()) {
        // Nagle would glue the segments back together.
        socket.setTcpNoDelay(true);
      }
    }

    @Override
    public void discardReceived() throws IOException {
      markPipelinedForDiscard(input);
    }
  }

  /** The exchange's dispatch step: the request timer around the dispatcher. */
  private int dispatchPdu(int transactionId, UnitRoute route, ByteBuffer pdu, ByteBuffer target, int pendingEnd) {
    pduView = pdu;
    return dispatch(transactionId, route, pendingEnd, target);
  }

  /**
   * Runs the request PDU in {@link #pduView} through the dispatcher on this thread, the response PDU going to
   * {@link #out} at its position.
   *
   * @param pendingEnd bytes of earlier answers waiting in {@link #out} (sent first by an overrun answer)
   * @return the response PDU length, {@link ModbusDispatcher#NO_RESPONSE}, or {@link #TIMED_OUT}
   */
  private int dispatch(int transactionId, UnitRoute route, int pendingEnd, ByteBuffer target) {
    RequestTimer t = timer;
    if (t == null || route.isAsync()) {
      // A forwarding handler's wait is bounded by the dispatcher's forward timeout (0x0B), in both I/O modes.
      return server.dispatcher().dispatch(route, context, pduView, target);
    }
    int unitId = route.unitId();
    int functionCode = Byte.toUnsignedInt(pduView.get(pduView.position()));
    long token = t.begin(transactionId, unitId, functionCode, pendingEnd);
    int n;
    try {
      n = server.dispatcher().dispatch(route, context, pduView, target);
    } catch (RuntimeException e) {
      // The dispatcher maps handler failures itself; this is a bug in it. Ends the connection (INTERNAL_ERROR).
      t.end(token);
      throw e;
    }
    return t.end(token) ? n : TIMED_OUT;
  }

  /** Called by the request watchdog: whether the request in the handler (if any) overran, and if so act. */
  void checkRequestTimeout(long now, long timeoutNanos) {
    RequestTimer t = timer;
    if (t != null) {
      t.check(now, timeoutNanos);
    }
  }

  /**
   * Called on a watchdog thread holding the timer's lock while the connection thread is still in the handler:
   * sends the answers waiting in the output buffer, then SERVER_DEVICE_BUSY for the overrunning request, and
   * interrupts the handler.
   */
  void answerOverrun(int transactionId, int unitId, int functionCode, int pendingEnd) {
    server.counters().requestTimeout();
    ByteBuffer frame = ByteBuffer.allocate(framing.maxFrameLength());
    frame.position(framing.headerLength());
    ExceptionResponse.writeException(functionCode, ExceptionCode.SERVER_DEVICE_BUSY, frame);
    int busyLength = framing.seal(frame, 0, transactionId, unitId, 2);
    byte[] busyFrame = java.util.Arrays.copyOf(frame.array(), busyLength);
    frame = ByteBuffer.wrap(busyFrame);
    OutputStream o = output;
    try {
      if (loop != null) {
        writeFromOutside(ByteBuffer.wrap(out.array(), 0, pendingEnd), frame);
      } else if (o != null) {
        if (pendingEnd > 0) {
          o.write(out.array(), 0, pendingEnd);
        }
        o.write(busyFrame);
      }
      bytesOut += pendingEnd + busyFrame.length;
      server.counters().bytesOut(pendingEnd + busyFrame.length);
    } catch (IOException e) {
      // The client is gone; the connection thread finds out on its next read.
      LOG.debug("Connection {}: could not send SERVER_DEVICE_BUSY: {}", id, e.toString());
    }
    LOG.debug("Connection {}: request {} overran {}, answered SERVER_DEVICE_BUSY", id, transactionId,
        server.config().requestTimeout());
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  /**
   * Writes to the non-blocking channel of a loop connection from a thread other than the loop's, while the loop is
   * held in this connection's handler: waits for room in the send buffer, up to a bound.
   */
  private void writeFromOutside(ByteBuffer... buffers) throws IOException {
    long deadline = System.nanoTime() + OUTSIDE_WRITE_LIMIT_NANOS;
    while (buffers[buffers.length - 1].hasRemaining()) {
      if (channel.write(buffers) == 0) {
        if (System.nanoTime() - deadline > 0) {
          throw new IOException("client did not read for " + OUTSIDE_WRITE_LIMIT_NANOS / 1_000_000 + " ms");
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while writing", e);
        }
      }
    }
  }

  /**
   * One-request-at-a-time: every request whose first byte has arrived by now (this read's bytes and what the socket
   * holds unread) arrived while this one was being served, and is discarded unanswered.
   */
  private void markPipelinedForDiscard(InputStream input) throws IOException {
    discardBelow = bufferBase + in.limit() + input.available();
  }

  /**
   * Closes as a fault directs. FIN: shut the output down first and drop unread input, because closing a socket
   * with unread input makes the system send RST instead. RST: linger 0, then close.
   */
  private void closeWith(ConnectionDirective directive, InputStream input) {
    requestedClose.compareAndSet(null, CloseReason.FAULT_INJECTED);
    try {
      if (directive == ConnectionDirective.CLOSE_RST) {
        socket.setSoLinger(true, 0);
      } else {
        socket.shutdownOutput();
        discardAvailable(input);
      }
    } catch (IOException e) {
      LOG.trace("Connection {}: closing for a fault: {}", id, e.toString());
    }
    closeSocket();
  }

  private void discardAvailable(InputStream input) throws IOException {
    byte[] scratch = in.array();
    int available;
    while ((available = input.available()) > 0) {
      int n = input.read(scratch, 0, Math.min(available, scratch.length));
      if (n < 0) {
        return;
      }
    }
  }

  /**
   * Hold-open: answer nothing more and ignore what arrives (read and dropped, so a client that gives up and closes
   * frees the connection) until the client closes or the server stops; no idle timeout applies.
   */
  private CloseReason hold(InputStream input) throws IOException {
    LOG.debug("Connection {} from {}: hold-open fault, no more answers", id, remoteAddress);
    idleExempt = true;
    socket.setSoTimeout(0);
    byte[] scratch = in.array();
    in.clear();
    int n;
    while ((n = input.read(scratch)) >= 0) {
      bytesIn += n;
      server.counters().bytesIn(n);
    }
    return CloseReason.CLIENT_CLOSED;
  }

  private void flush(OutputStream output) throws IOException {
    int n = out.position();
    if (n > 0) {
      decode.raw(this, false, out.array(), 0, n);
      writeStartedNanos = System.nanoTime();
      try {
        output.write(out.array(), 0, n);
      } finally {
        writeStartedNanos = 0;
      }
      bytesOut += n;
      server.counters().bytesOut(n);
      out.clear();
    }
  }

  /**
   * Called by the watchdog: closes the connection if it has received nothing for {@code idleNanos}, or if a write
   * has been stuck that long because the client does not read its answers (on a loop such a connection is not
   * read meanwhile, so the first test covers it; a thread is blocked in the write, and busy).
   */
  void checkIdle(long now, long idleNanos) {
    long writing = writeStartedNanos;
    boolean stuckWriting = writing != 0 && now - writing > idleNanos;
    boolean idle = !busy && !idleExempt && deferred.isEmpty() && now - lastActivityNanos > idleNanos;
    if ((idle || stuckWriting) && requestClose(CloseReason.IDLE_TIMEOUT)) {
      LOG.debug("Connection {} from {} {} for {}, closing", id, remoteAddress,
          stuckWriting ? "not reading its answers" : "idle", server.config().idleTimeout());
    }
  }

  /** Closes the connection from another thread; it then ends and reports {@code reason}. */
  boolean requestClose(CloseReason reason) {
    if (!requestedClose.compareAndSet(null, reason)) {
      return false;
    }
    onLoopOrHere(() -> closeOnLoop(reason), this::closeSocket);
    return true;
  }

  /**
   * Closes the connection from another thread with a FIN the client can see as an orderly close (an evict-oldest
   * fault); it then ends and reports {@code reason}.
   */
  boolean closeGracefully(CloseReason reason) {
    if (!requestedClose.compareAndSet(null, reason)) {
      return false;
    }
    onLoopOrHere(
        () -> {
          shutdownQuietly();
          closeOnLoop(reason);
        },
        this::shutdownQuietly);
    return true;
  }

  private void shutdownQuietly() {
    try {
      socket.shutdownOutput();
      socket.shutdownInput();
    } catch (IOException e) {
      // Already closed or reset: the connection is ending anyway.
      LOG.trace("Connection {}: graceful close failed: {}", id, e.toString());
    }
  }

  /**
   * Starts a graceful close for shutdown: no further bytes are read, but requests already read are answered
   * before the connection closes.
   */
  void drain() {
    requestedClose.compareAndSet(null, CloseReason.SERVER_SHUTDOWN);
    onLoopOrHere(
        () -> {
          draining = true;
          processOnLoop(false);
        },
        () -> {
          try {
            socket.shutdownInput();
          } catch (IOException e) {
            // Already closed or reset: the connection thread is ending anyway.
            LOG.trace("Connection {}: shutdownInput failed: {}", id, e.toString());
          }
        });
  }

  /** Ends the connection now, whatever it is doing (after the grace period). */
  void forceClose() {
    requestedClose.compareAndSet(null, CloseReason.SERVER_SHUTDOWN);
    closeSocket();
    onLoopOrHere(
        () -> closeOnLoop(CloseReason.SERVER_SHUTDOWN),
        () -> {
          Thread t = thread;
          if (t != null) {
            t.interrupt();
          }
        });
  }

  /**
   * Runs {@code onLoop} on the connection's loop while it has one, else {@code here} at once. The loop re-checks:
   * a connection may move to its own thread before the task runs, and then gets {@code here} after all.
   */
  private void onLoopOrHere(Runnable onLoop, Runnable here) {
    EventLoop l = loop;
    if (l == null) {
      here.run();
      return;
    }
    l.execute(
        () -> {
          if (loop != null) {
            if (!closedOnLoop) {
              onLoop.run();
            }
          } else {
            here.run();
          }
        });
  }

  // ---- on the event loop ----

  /** On the loop thread: configures the socket and starts reading. */
  void startOnLoop() {
    EventLoop l = Objects.requireNonNull(loop, "loop");
    if (l.failed()) {
      loopFailed();
      return;
    }
    try {
      channel.configureBlocking(false);
      configureSocket();
      key = channel.register(l.selector(), SelectionKey.OP_READ, this);
      interest = SelectionKey.OP_READ;
    } catch (IOException e) {
      closeOnIoError(e);
      return;
    }
    opened = true;
    server.connectionOpened(this);
  }

  /** On the loop thread: the selector found the channel ready for what {@link #interest} asked. */
  void onReady(SelectionKey k) {
    if (!k.isValid() || closedOnLoop) {
      return;
    }
    int ready = k.readyOps();
    if ((ready & SelectionKey.OP_WRITE) != 0) {
      // Room again: send the rest, then answer what waits in the input buffer.
      processOnLoop(false);
    } else if ((ready & SelectionKey.OP_READ) != 0) {
      readOnLoop();
    }
  }

  private void readOnLoop() {
    if (in == loopIn) {
      // The shared buffer holds nothing of this connection's: no partial request is pending.
      in.clear();
    }
    int n;
    try {
      n = channel.read(in);
    } catch (IOException e) {
      closeOnIoError(e);
      return;
    }
    if (n < 0) {
      if (deferred.isEmpty()) {
        closeOnLoop(CloseReason.CLIENT_CLOSED);
      } else {
        // Half-closed with forwarded requests in flight: their answers go out first (see processOnLoop).
        inputEnded = true;
        setInterest(0);
      }
      return;
    }
    if (n > 0) {
      decode.raw(this, true, in.array(), in.position() - n, n);
      bytesIn += n;
      server.counters().bytesIn(n);
      processOnLoop(true);
    } else if (in == loopIn) {
      in.clear();
    }
  }

  /**
   * Answers the complete frames in {@link #in} (in fill mode) while the output buffer has room, writes what it
   * can, and sets what to wait for next: more requests, or room to write (then nothing is read meanwhile, so a
   * client that does not read its answers is not served further).
   *
   * @param justRead whether {@link #in} holds what was just read (else a shared input holds nobody's bytes)
   */
  private void processOnLoop(boolean justRead) {
    busy = true;
    try {
      if (in == loopIn && !justRead) {
        in.clear();
      }
      if (out == loopOut) {
        // Nothing of this connection's waits in the shared output (pending answers were moved to its own).
        out.clear();
      }
      if (!deferred.isEmpty()) {
        deferred.drainInto(out, exchange, framing.maxFrameLength());
      }
      in.flip();
      boolean outputFull = false;
      // A request waits in the input until the deferred answers ahead of it are out.
      boolean waiting = false;
      while (true) {
        int frameLength;
        try {
          frameLength = nextFrameLength();
        } catch (FramingException e) {
          LOG.debug("Connection {} from {}: {}", id, remoteAddress, e.getMessage());
          closeOnLoop(CloseReason.MALFORMED_FRAME);
          return;
        }
        if (frameLength == FrameCodec.NEED_MORE) {
          break;
        }
        if (out.remaining() < framing.maxFrameLength()) {
          if (!writeOnLoop()) {
            return;
          }
          if (out.remaining() < framing.maxFrameLength()) {
            outputFull = true;
            break;
          }
        }
        int start = in.position();
        if (pendingPlan != null || pendingAnswer || deferred.isFull()) {
          // Planned already, this request moves the connection to a thread once no answer is deferred; or the
          // connection has as many answers in flight as it may.
          if (!deferred.isEmpty()) {
            waiting = true;
            break;
          }
          if (pendingPlan != null || pendingAnswer) {
            migrate(pendingPlan != null ? "a fault fired" : "its handler may block");
            return;
          }
        }
        FaultPlan plan = plan(start, frameLength);
        if (!plan.isNone()) {
          pendingPlan = plan;
          if (deferred.isEmpty()) {
            migrate("a fault fired");
            return;
          }
          waiting = true;
          break;
        }
        UnitRoute route = exchange.route(in, start);
        if (route.isAsync()) {
          forwardOnLoop(start, frameLength, route);
        } else if (route.mayBlock()) {
          pendingAnswer = true;
          if (deferred.isEmpty()) {
            migrate("its handler may block");
            return;
          }
          waiting = true;
          break;
        } else if (deferred.isEmpty()) {
          answer(start, frameLength, route);
        } else {
          answerBehindDeferred(start, frameLength, route);
        }
        in.position(start + frameLength);
      }
      compactInput();
      if (!writeOnLoop()) {
        return;
      }
      keepPendingBytes();
      boolean outputPending = outputFull || out.position() > 0;
      if ((draining || inputEnded) && !outputPending && deferred.isEmpty()) {
        closeOnLoop(draining ? CloseReason.SERVER_SHUTDOWN : CloseReason.CLIENT_CLOSED);
        return;
      }
      // Waiting for deferred answers reads nothing meanwhile (their completion resumes the connection).
      setInterest(outputPending ? SelectionKey.OP_WRITE
          : waiting || draining || inputEnded ? 0 : SelectionKey.OP_READ);
    } finally {
      lastActivityNanos = System.nanoTime();
      busy = false;
    }
  }

  /**
   * A request for a forwarding handler: handed over without waiting, its answer deferred until the future completes
   * (then {@link #onDeferredSettled} frames it, after the answers ahead of it).
   */
  private void forwardOnLoop(int start, int frameLength, UnitRoute route) {
    ByteBuffer pdu = framing.pdu(in, start, frameLength);
    int functionCode = pdu.hasRemaining() ? Byte.toUnsignedInt(pdu.get(pdu.position())) : 0;
    int transactionId = framing.transactionId(in, start);
    EventLoop l = Objects.requireNonNull(loop, "loop");
    deferred.forwarded(transactionId, route.unitId(), functionCode, exchange.forward(in, start, frameLength, route),
        () -> l.execute(deferredSettled));
  }

  /** A request answered at once while deferred answers are ahead of it: its framed answer waits its turn. */
  private void answerBehindDeferred(int start, int frameLength, UnitRoute route) {
    int at = out.position();
    answer(start, frameLength, route);
    if (out.position() > at) {
      deferred.ready(out.array(), at, out.position() - at);
      out.position(at);
    }
  }

  /** On the loop thread: a forwarding handler's answer arrived; write what is now in order, go on with the input. */
  private void onDeferredSettled() {
    if (loop != null && !closedOnLoop) {
      processOnLoop(false);
    }
  }

  /**
   * Bytes that must outlive this event move from the loop's shared buffers to buffers of the connection's own: a
   * partial request, answers the socket did not take. Such a connection keeps them (a client that splits requests
   * or reads slowly will likely do so again), so moving allocates once per connection, not per request.
   */
  private void keepPendingBytes() {
    if (in == loopIn && in.position() > 0) {
      in = ownCopy(in);
    }
    if (out == loopOut && out.position() > 0) {
      out = ownCopy(out);
    }
  }

  /** A buffer of the connection's own holding what {@code shared} (in fill mode) holds; {@code shared} is cleared. */
  private static ByteBuffer ownCopy(ByteBuffer shared) {
    ByteBuffer own = ByteBuffer.allocate(BUFFER_SIZE);
    shared.flip();
    own.put(shared);
    shared.clear();
    return own;
  }

  /** Writes what {@link #out} holds; what the socket does not take stays at its start. False if closed. */
  private boolean writeOnLoop() {
    if (out.position() == 0) {
      return true;
    }
    out.flip();
    int n;
    try {
      n = channel.write(out);
      decode.raw(this, false, out.array(), out.position() - n, n);
    } catch (IOException e) {
      closeOnIoError(e);
      return false;
    }
    out.compact();
    bytesOut += n;
    server.counters().bytesOut(n);
    return true;
  }

  private void setInterest(int ops) {
    SelectionKey k = key;
    if (ops != interest && k != null) {
      k.interestOps(ops);
      interest = ops;
    }
  }

  /**
   * Moves the connection to its own virtual thread for good: a fault fired whose actions may sleep, split the
   * answer or hold the connection, or a request is for a handler that may block; a loop cannot do either without
   * stalling its other connections. The thread first answers what the loop had read (the request carrying {@link
   * #pendingPlan} or {@link #pendingAnswer} first), then reads on with blocking calls.
   */
  private void migrate(String why) {
    // The request at the input's position, already counted and planned, stays for the thread, which must not
    // share the loop's buffers.
    compactInput();
    if (in == loopIn) {
      in = ownCopy(in);
    }
    if (out == loopOut) {
      out = ownCopy(out);
    }
    SelectionKey k = key;
    if (k != null) {
      k.cancel();
    }
    try {
      channel.configureBlocking(true);
    } catch (IOException e) {
      closeOnIoError(e);
      return;
    }
    Thread t = Thread.ofVirtual().name("modbus-tcp-conn-" + id).unstarted(() -> runThreaded(false));
    thread = t;
    // From here on other threads act on the socket directly, and loop tasks for this connection defer to that.
    loop = null;
    LOG.debug("Connection {} from {}: {}, moving to its own thread", id, remoteAddress, why);
    t.start();
  }

  private void closeOnIoError(IOException e) {
    LOG.debug("Connection {} from {}: {}", id, remoteAddress, e.toString());
    closeOnLoop(CloseReason.IO_ERROR);
  }

  /** Whether {@code l} serves this connection. */
  boolean servedBy(EventLoop l) {
    return loop == l;
  }

  /** On the loop thread, whose selector failed: the connection can no longer be served. */
  void loopFailed() {
    if (!closedOnLoop) {
      LOG.warn("Connection {} from {} closed: its event loop failed", id, remoteAddress);
      closeOnLoop(CloseReason.INTERNAL_ERROR);
    }
  }

  /** On the loop thread: a bug in this connection's code; ends it and keeps the loop serving the others. */
  void failOnLoop(RuntimeException e) {
    LOG.warn("Connection {} from {} failed", id, remoteAddress, e);
    closeOnLoop(CloseReason.INTERNAL_ERROR);
  }

  /** On the loop thread: closes the channel once and reports why (a close the server asked for wins). */
  private void closeOnLoop(CloseReason reason) {
    if (closedOnLoop) {
      return;
    }
    closedOnLoop = true;
    CloseReason requested = requestedClose.get();
    if (requested != null && reason != CloseReason.INTERNAL_ERROR && reason != CloseReason.FAULT_INJECTED) {
      reason = requested;
    }
    SelectionKey k = key;
    if (k != null) {
      k.cancel();
    }
    closeSocket();
    session.close();
    server.connectionClosed(this, reason);
  }

  private void closeSocket() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.trace("Connection {}: close failed: {}", id, e.toString());
    }
  }

  @Override
  public String toString() {
    return "Connection[" + id + ", " + remoteAddress + "]";
  }
}
