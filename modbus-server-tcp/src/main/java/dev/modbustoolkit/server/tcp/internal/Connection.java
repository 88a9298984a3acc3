package dev.modbustoolkit.server.tcp.internal;

import static dev.modbustoolkit.mbap.MbapHeader.HEADER_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MAX_FRAME_LENGTH;

import dev.modbustoolkit.mbap.MbapFrameDecoder;
import dev.modbustoolkit.mbap.MbapFrameEncoder;
import dev.modbustoolkit.mbap.MbapFrameException;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.TcpRequestContext;
import dev.modbustoolkit.server.tcp.CloseReason;
import dev.modbustoolkit.server.tcp.ConnectionInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, run by its own virtual thread: reads what the socket gives into one reused buffer,
 * frames it, hands every complete frame to the dispatcher in order and writes the answers of one read with one
 * write. Nothing is allocated per request here (the dispatcher may allocate).
 *
 * <p>Other threads touch a connection only through {@link #requestClose}, {@link #drain} and the volatile counters
 * read for monitoring; everything else is confined to the connection's thread.
 */
final class Connection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

  /** Room for several pipelined frames per read; a whole frame (at most 260 bytes) always fits after compact. */
  static final int BUFFER_SIZE = 2048;

  private final long id;
  private final Socket socket;
  private final ServerRuntime server;
  private final InetSocketAddress remoteAddress;
  private final TcpRequestContext context;
  private final Instant openedAt = Instant.now();
  private final long requestTimeoutNanos;
  private final ByteBuffer in = ByteBuffer.allocate(BUFFER_SIZE);
  private final ByteBuffer out = ByteBuffer.allocate(BUFFER_SIZE);
  // A second view of `in` whose bounds are moved to each PDU: a slice per request would allocate.
  private final ByteBuffer pduView = in.duplicate();
  private final AtomicReference<@Nullable CloseReason> requestedClose = new AtomicReference<>();

  // Written only by the connection's thread; volatile so monitoring and eviction read fresh values.
  private volatile long lastActivityNanos = System.nanoTime();
  private volatile boolean busy;
  private volatile boolean opened;
  private volatile long requests;
  private volatile long bytesIn;
  private volatile long bytesOut;
  private volatile @Nullable Thread thread;

  // Confined to the connection's thread.
  private @Nullable DispatchWorker worker;

  Connection(long id, Socket socket, ServerRuntime server, InetSocketAddress remoteAddress,
      InetSocketAddress localAddress) {
    this.id = id;
    this.socket = socket;
    this.server = server;
    this.remoteAddress = remoteAddress;
    this.context = new TcpRequestContext(id, localAddress, remoteAddress);
    this.requestTimeoutNanos = server.config().requestTimeout().toNanos();
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

  @Override
  public void run() {
    CloseReason reason = CloseReason.CLIENT_CLOSED;
    try {
      configureSocket();
      opened = true;
      server.connectionOpened(this);
      serve();
    } catch (SocketTimeoutException e) {
      reason = CloseReason.IDLE_TIMEOUT;
      LOG.debug("Connection {} from {} idle for {}, closing", id, remoteAddress, server.config().idleTimeout());
    } catch (MbapFrameException e) {
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
      if (requested != null && reason != CloseReason.INTERNAL_ERROR) {
        reason = requested;
      }
      closeSocket();
      DispatchWorker w = worker;
      if (w != null) {
        w.stop();
      }
      server.connectionClosed(this, reason);
    }
  }

  private void configureSocket() throws IOException {
    socket.setTcpNoDelay(server.config().tcpNoDelay());
    socket.setKeepAlive(server.config().keepAlive());
    socket.setSoTimeout(server.config().soTimeoutMillis());
  }

  private void serve() throws IOException, InterruptedException {
    InputStream input = socket.getInputStream();
    OutputStream output = socket.getOutputStream();
    byte[] buffer = in.array();
    while (true) {
      int n = input.read(buffer, in.position(), in.remaining());
      if (n < 0) {
        return;
      }
      busy = true;
      try {
        bytesIn += n;
        server.counters().bytesIn(n);
        in.position(in.position() + n);
        processFrames(output);
      } finally {
        lastActivityNanos = System.nanoTime();
        busy = false;
      }
    }
  }

  /** Answers every complete frame in {@code in}, in order, then writes all answers at once. */
  private void processFrames(OutputStream output) throws IOException, InterruptedException {
    in.flip();
    while (true) {
      int frameLength;
      try {
        frameLength = MbapFrameDecoder.frameLength(in);
      } catch (MbapFrameException e) {
        if (!e.frameDropped()) {
          server.counters().malformedFrame();
          throw e;
        }
        // The decoder already skipped the frame (protocol id not 0): not ours to answer, carry on.
        server.counters().droppedFrame();
        LOG.debug("Connection {}: {}", id, e.getMessage());
        continue;
      }
      if (frameLength == MbapFrameDecoder.NEED_MORE) {
        break;
      }
      int start = in.position();
      if (out.remaining() < MAX_FRAME_LENGTH) {
        flush(output);
      }
      respond(start, frameLength);
      in.position(start + frameLength);
    }
    flush(output);
    in.compact();
  }

  private void respond(int start, int frameLength) throws InterruptedException {
    int transactionId = MbapFrameDecoder.transactionId(in, start);
    int unitId = MbapFrameDecoder.unitId(in, start);
    int pduStart = start + HEADER_LENGTH;
    // Limit first: it may only shrink below the old position, which then follows it down.
    pduView.limit(start + frameLength).position(pduStart);
    int headerAt = out.position();
    out.position(headerAt + HEADER_LENGTH);
    requests++;
    server.counters().request();
    int pduLength = dispatch(unitId, pduView, out);
    if (pduLength == DispatchWorker.TIMED_OUT) {
      server.counters().requestTimeout();
      int functionCode = Byte.toUnsignedInt(in.get(pduStart)) & 0x7F;
      out.position(headerAt + HEADER_LENGTH);
      out.put((byte) (functionCode | 0x80)).put((byte) ExceptionCode.SERVER_DEVICE_BUSY.code());
      pduLength = 2;
      LOG.debug("Connection {}: request {} overran {}, answered SERVER_DEVICE_BUSY", id, transactionId,
          server.config().requestTimeout());
    }
    if (pduLength == ModbusDispatcher.NO_RESPONSE) {
      out.position(headerAt);
      return;
    }
    out.position(headerAt);
    MbapFrameEncoder.writeHeader(transactionId, unitId, pduLength, out);
    out.position(headerAt + HEADER_LENGTH + pduLength);
    if (LOG.isTraceEnabled()) {
      // Guarded: the varargs call would box and allocate on every request even with TRACE off.
      LOG.trace("Connection {}: transaction {} unit {} answered with {} bytes", id, transactionId, unitId, pduLength);
    }
  }

  private int dispatch(int unitId, ByteBuffer pdu, ByteBuffer response) throws InterruptedException {
    if (requestTimeoutNanos == 0) {
      return server.dispatcher().dispatch(context, unitId, pdu, response);
    }
    DispatchWorker w = worker;
    if (w == null) {
      w = new DispatchWorker(server.dispatcher(), context, id);
      w.start();
      worker = w;
    }
    int n = w.call(unitId, pdu, response, requestTimeoutNanos);
    if (n == DispatchWorker.TIMED_OUT) {
      worker = null;
    }
    return n;
  }

  private void flush(OutputStream output) throws IOException {
    int n = out.position();
    if (n > 0) {
      output.write(out.array(), 0, n);
      bytesOut += n;
      server.counters().bytesOut(n);
      out.clear();
    }
  }

  /** Closes the connection from another thread; the connection thread then ends and reports {@code reason}. */
  boolean requestClose(CloseReason reason) {
    if (!requestedClose.compareAndSet(null, reason)) {
      return false;
    }
    closeSocket();
    return true;
  }

  /**
   * Starts a graceful close for shutdown: no further bytes are read, but requests already read are answered
   * before the connection closes.
   */
  void drain() {
    requestedClose.compareAndSet(null, CloseReason.SERVER_SHUTDOWN);
    try {
      socket.shutdownInput();
    } catch (IOException e) {
      // Already closed or reset: the connection thread is ending anyway.
      LOG.trace("Connection {}: shutdownInput failed: {}", id, e.toString());
    }
  }

  /** Ends the connection now, whatever it is doing (after the grace period). */
  void forceClose() {
    requestedClose.compareAndSet(null, CloseReason.SERVER_SHUTDOWN);
    closeSocket();
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      LOG.trace("Connection {}: close failed: {}", id, e.toString());
    }
  }

  @Override
  public String toString() {
    return "Connection[" + id + ", " + remoteAddress + "]";
  }
}
