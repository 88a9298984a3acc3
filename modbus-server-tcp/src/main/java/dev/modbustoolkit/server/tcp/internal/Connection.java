package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import dev.modbustoolkit.server.core.UnitRoute;
import dev.modbustoolkit.transport.Exchange;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FramingException;
import dev.modbustoolkit.transport.stream.StreamConnection;
import dev.modbustoolkit.server.tcp.CloseReason;
import dev.modbustoolkit.server.tcp.ConnectionInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: reads what the socket gives into one reused buffer, frames it, runs every complete frame
 * through the fault pipeline and the dispatcher in order, and writes the answers of one read with one write. While
 * no fault fires nothing is allocated per request here (the dispatcher may allocate).
 *
 * <p>This class holds what both ways of serving share: the connection's state (buffers, stream offset, the plan a
 * loop drew before moving the connection to a thread, counters), the steps of one request (frame, plan, answer,
 * dispatch under the request timer) and the close protocol other threads use. The two ways to run are beside it:
 * {@link LoopIo} on an {@link EventLoop} (non-blocking, every step on the loop's thread) and {@link ThreadIo} on the
 * connection's own virtual thread (blocking reads and writes, which the fault actions that sleep or hold a
 * connection need). A loop connection on which such a fault fires moves to its own thread for good, carrying its
 * buffers and the fault plan already drawn for the request.
 *
 * <p>Why this file is over 400 lines (about 590, a third of them comments): it is the state both sides share, and
 * the three ways other threads reach it (the close protocol, the request watchdog's overrun answer, the idle check)
 * each need that state and which side serves the connection at that moment; keeping them here keeps the
 * hand-over between the loop and a thread in one place.
 *
 * <p>Other threads touch a connection only through {@link #requestClose}, {@link #closeGracefully}, {@link
 * #drain}, {@link #forceClose} (which hand the work to the loop when there is one), the watchdog ({@link
 * #checkRequestTimeout}, {@link #checkIdle}, {@link #answerOverrun}) and the volatile counters read for monitoring;
 * everything else is confined to the thread that serves the connection.
 */
final class Connection implements StreamConnection {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Room for several pipelined frames per read; a whole frame (at most 260 bytes) always fits after compact. */
  static final int BUFFER_SIZE = 2048;

  /** {@link #dispatch} result when the watchdog answered the request: nothing more to send for it. */
  private static final int TIMED_OUT = -2;

  /** How long a watchdog answer may wait for a loop connection's client to make room in its send buffer. */
  private static final long OUTSIDE_WRITE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  // A field handle rather than an AtomicReference: one object less for each of 10,000 connections.
  private static final VarHandle REQUESTED_CLOSE;

  static {
    try {
      REQUESTED_CLOSE = MethodHandles.lookup().findVarHandle(Connection.class, "requestedClose", CloseReason.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long id;
  final SocketChannel channel;
  final ServerRuntime server;
  private final InetSocketAddress remoteAddress;
  private final RequestContext context;
  final FrameCodec framing;
  final Exchange exchange;
  /** {@link #dispatchPdu} as the exchange's dispatch step, made once (a method reference per request allocates). */
  final Exchange.PduDispatch pduDispatch = this::dispatchPdu;
  final FaultSession session;
  /** When the connection was accepted, in epoch milliseconds (an Instant would be one more object per connection). */
  private final long openedAtMillis = System.currentTimeMillis();
  private final @Nullable RequestTimer timer;
  /** The loop side; null for a connection that started on its own thread. */
  private final @Nullable LoopIo loopIo;
  // A thread connection owns its buffers. A loop connection uses its loop's shared buffers and takes buffers of its
  // own only when bytes must outlive the event: a partial request, an answer the socket did not take, a move to a
  // thread. 10,000 idle connections thus hold no buffers at all. Confined to the serving thread (out is also read
  // by an overrun answer, after the request timer published it).
  ByteBuffer in;
  ByteBuffer out;
  final @Nullable ByteBuffer loopIn;
  final @Nullable ByteBuffer loopOut;
  /** The PDU of the request being served: a view the framing positions on it (a slice would allocate). */
  private ByteBuffer pduView;
  /** The first close asked for, null while none; set once through {@link #REQUESTED_CLOSE}. */
  private volatile @Nullable CloseReason requestedClose;

  // Written only by the connection's thread (bytesOut also by an overrun answer, which holds the timer's lock
  // while the connection thread waits for it); volatile so monitoring and eviction read fresh values.
  volatile long lastActivityNanos = System.nanoTime();
  volatile boolean busy;
  private volatile boolean opened;
  private volatile long requests;
  private volatile long bytesIn;
  private volatile long bytesOut;
  private volatile @Nullable Thread thread;
  /** The loop serving this connection; null when it runs (or moved) on its own thread. */
  private volatile @Nullable EventLoop loop;
  /** Set by the hold-open fault: such a connection is never closed for being idle. */
  volatile boolean idleExempt;
  /** When the blocking write in progress began, 0 when none: a client that stops reading is closed as idle. */
  volatile long writeStartedNanos;

  // Confined to the connection's thread (output also read by an overrun answer, after the timer published it).
  @Nullable OutputStream output;
  /** Stream offset of {@code in[0]}: frames are located in the byte stream for one-request-at-a-time. */
  long bufferBase;
  /** The plan a loop drew for the first buffered request before it handed the connection to a thread. */
  @Nullable FaultPlan pendingPlan;
  /** The first buffered request, counted and planned (no fault) by a loop, waits for its handler on a thread. */
  boolean pendingAnswer;

  /**
   * @param loop the loop to serve the connection on, or null for its own thread; a loop connection is started by
   *     {@link #startOnLoop} on the loop, a thread connection by running {@link #threaded()}
   */
  Connection(long id, SocketChannel channel, ServerRuntime server, InetSocketAddress remoteAddress,
      InetSocketAddress localAddress, FaultSession session, @Nullable EventLoop loop, FrameCodec framing) {
    this.id = id;
    this.channel = channel;
    this.loop = loop;
    if (loop != null) {
      this.thread = loop.thread();
      this.loopIn = loop.sharedInput();
      this.loopOut = loop.sharedOutput();
      this.in = loopIn;
      this.out = loopOut;
      this.loopIo = new LoopIo(this, loop);
    } else {
      this.loopIn = null;
      this.loopOut = null;
      this.in = ByteBuffer.allocate(BUFFER_SIZE);
      this.out = ByteBuffer.allocate(BUFFER_SIZE);
      this.loopIo = null;
    }
    this.pduView = in;
    this.server = server;
    this.remoteAddress = remoteAddress;
    this.framing = framing;
    // On a bus framing (RTU/ASCII over TCP) unit 0 is a broadcast: the dispatcher applies the serial line's rules.
    this.context = framing.busAddressing()
        ? new SerialRequestContext(framing + " over TCP " + localAddress + " <- " + remoteAddress, true)
        : new TcpRequestContext(id, localAddress, remoteAddress);
    this.session = session;
    this.timer = server.config().requestTimeout().isZero() ? null : new RequestTimer(this);
    this.exchange = new Exchange(server.dispatcher(), framing, context, server.config().faults(), session,
        server.counters(), server.decodeLog());
  }

  @Override
  public long id() {
    return id;
  }

  /** The channel's socket adaptor, for the blocking side (streams, timeouts, linger): made on first use. */
  Socket socket() {
    return channel.socket();
  }

  /** Records {@code reason} as the close asked for, unless one was asked for already; true if this one is it. */
  private boolean claimClose(CloseReason reason) {
    return REQUESTED_CLOSE.compareAndSet(this, (CloseReason) null, reason);
  }

  InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public long lastActivityNanos() {
    return lastActivityNanos;
  }

  @Override
  public boolean isBusy() {
    return busy;
  }

  @Override
  public boolean isClosing() {
    return requestedClose != null;
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
    return new ConnectionInfo(id, remoteAddress, Instant.ofEpochMilli(openedAtMillis), requests, bytesIn, bytesOut,
        Duration.ofNanos(idleNanos));
  }

  /** {@return the task serving this connection on the thread that runs it (its own virtual thread) until it ends} */
  Runnable threaded() {
    return () -> new ThreadIo(this).run(true);
  }

  /** On the loop thread: configures the socket and starts reading. */
  void startOnLoop() {
    loopIo().start();
  }

  /** Whether {@code l} serves this connection. */
  boolean servedBy(EventLoop l) {
    return loop == l;
  }

  /** On the loop thread, whose selector failed: the connection can no longer be served. */
  void loopFailed() {
    loopIo().loopFailed();
  }

  private LoopIo loopIo() {
    LoopIo io = loopIo;
    if (io == null) {
      throw new IllegalStateException("connection " + id + " was never on a loop");
    }
    return io;
  }

  /**
   * Moves a loop connection to its own virtual thread for good (the loop side has let go of the channel); from here
   * on other threads act on the socket directly, and loop tasks for this connection defer to that.
   */
  void moveToThread() {
    Thread t = Thread.ofVirtual().name("modbus-tcp-conn-" + id).unstarted(() -> new ThreadIo(this).run(false));
    thread = t;
    loop = null;
    t.start();
  }

  // ---- shared by both ways of serving ----

  void configureSocket() throws IOException {
    // On the channel, not its socket adaptor: a loop connection never needs the adaptor (two objects more each).
    channel.setOption(StandardSocketOptions.TCP_NODELAY, server.config().tcpNoDelay());
    channel.setOption(StandardSocketOptions.SO_KEEPALIVE, server.config().keepAlive());
  }

  /** The socket is configured: the connection counts as open. */
  void opened() {
    opened = true;
    server.connectionOpened(this);
  }

  /** {@code n} bytes arrived at {@code offset} of {@code bytes}: logged and counted. */
  void received(byte[] bytes, int offset, int n) {
    exchange.logRaw(true, bytes, offset, n);
    receivedUnlogged(n);
  }

  /** {@code n} bytes arrived that nobody reads (a held connection): counted. */
  void receivedUnlogged(int n) {
    bytesIn += n;
    server.counters().bytesIn(n);
  }

  /** Bytes about to be (or just) written, for the decode log. */
  void logSent(byte[] bytes, int offset, int n) {
    exchange.logRaw(false, bytes, offset, n);
  }

  /** {@code n} bytes were written: counted. */
  void countSent(int n) {
    bytesOut += n;
    server.counters().bytesOut(n);
  }

  /** Drops the bytes before the input's position (answered frames) and returns the buffer to fill mode. */
  void compactInput() {
    bufferBase += in.position();
    in.compact();
  }

  /**
   * The length of the next frame in {@link #in} (read mode), or {@link FrameCodec#NEED_MORE}; bytes the framing
   * cannot frame (an MBAP frame whose protocol id is not 0, RTU bytes failing the CRC) are skipped and counted.
   *
   * @throws FramingException when the frame boundary is lost (counted as malformed; the connection closes)
   */
  int nextFrameLength() {
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

  /** Counts the request in {@code in} at {@code start} and asks the fault pipeline what to do with it. */
  FaultPlan plan(int start, int frameLength) {
    FaultPlan plan = exchange.plan(in, start, frameLength);
    requests = exchange.requests();
    return plan;
  }

  /** Answers the request in {@code in} at {@code start} (no fault fired) into {@link #out}, after what is there. */
  void answer(int start, int frameLength) {
    answer(start, frameLength, exchange.route(in, start));
  }

  /** As {@link #answer(int, int)}, on the route already resolved for the request's unit. */
  void answer(int start, int frameLength, UnitRoute route) {
    int n = exchange.answer(in, start, frameLength, out, route, pduDispatch);
    if (n == TIMED_OUT) {
      // The watchdog sent the earlier pending answers and BUSY; the late result is dropped with them.
      out.clear();
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
   * Called by the watchdog: closes the connection if it has received nothing for {@code idleNanos}, or if a write
   * has been stuck that long because the client does not read its answers (on a loop such a connection is not
   * read meanwhile, so the first test covers it; a thread is blocked in the write, and busy).
   */
  void checkIdle(long now, long idleNanos) {
    long writing = writeStartedNanos;
    boolean stuckWriting = writing != 0 && now - writing > idleNanos;
    boolean idle = !busy && !idleExempt && (loopIo == null || loopIo.nothingDeferred()) && now - lastActivityNanos > idleNanos;
    if ((idle || stuckWriting) && requestClose(CloseReason.IDLE_TIMEOUT)) {
      LOG.debug("Connection {} from {} {} for {}, closing", id, remoteAddress,
          stuckWriting ? "not reading its answers" : "idle", server.config().idleTimeout());
    }
  }

  /** Closes the connection from another thread; it then ends and reports {@code reason}. */
  boolean requestClose(CloseReason reason) {
    if (!claimClose(reason)) {
      return false;
    }
    onLoopOrHere(() -> loopIo().close(reason), this::closeSocket);
    return true;
  }

  /**
   * Closes the connection from another thread with a FIN the client can see as an orderly close (an evict-oldest
   * fault); it then ends and reports {@code reason}.
   */
  boolean closeGracefully(CloseReason reason) {
    if (!claimClose(reason)) {
      return false;
    }
    onLoopOrHere(
        () -> {
          shutdownQuietly();
          loopIo().close(reason);
        },
        this::shutdownQuietly);
    return true;
  }

  private void shutdownQuietly() {
    try {
      socket().shutdownOutput();
      socket().shutdownInput();
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
    claimClose(CloseReason.SERVER_SHUTDOWN);
    onLoopOrHere(
        () -> {
          loopIo().drain();
        },
        () -> {
          try {
            socket().shutdownInput();
          } catch (IOException e) {
            // Already closed or reset: the connection thread is ending anyway.
            LOG.trace("Connection {}: shutdownInput failed: {}", id, e.toString());
          }
        });
  }

  /** Ends the connection now, whatever it is doing (after the grace period). */
  void forceClose() {
    claimClose(CloseReason.SERVER_SHUTDOWN);
    closeSocket();
    onLoopOrHere(
        () -> loopIo().close(CloseReason.SERVER_SHUTDOWN),
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
            if (!loopIo().isClosed()) {
              onLoop.run();
            }
          } else {
            here.run();
          }
        });
  }


  /** A fault closes the connection: that is the reason reported, unless the server asked for a close first. */
  void faultClosing() {
    claimClose(CloseReason.FAULT_INJECTED);
  }

  /** The serving side ended: closes the socket and the fault session and reports why (a close the server asked for wins). */
  void closed(CloseReason reason) {
    // A close requested by the server (eviction, shutdown) surfaces as EOF or a socket error: report why.
    CloseReason requested = requestedClose;
    if (requested != null && reason != CloseReason.INTERNAL_ERROR && reason != CloseReason.FAULT_INJECTED) {
      reason = requested;
    }
    closeSocket();
    session.close();
    server.connectionClosed(this, reason);
  }

  void closeSocket() {
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
