package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.server.tcp.CloseReason;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FramingException;
import dev.modbustoolkit.transport.Link;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Connection} served on its own virtual thread: blocking reads and writes, which the fault actions that
 * sleep, split an answer or hold a connection need. A connection starts here (an idle-close fault needs a timed read)
 * or moves here from its loop for good ({@link LoopIo#migrate}), carrying its buffers and the fault plan the loop
 * already drew for the first buffered request. Confined to that thread, but for what {@link Connection} lets the
 * watchdog and the server touch.
 */
final class ThreadIo {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadIo.class);

  private final Connection c;
  /** Frames starting before this stream offset are read and discarded unanswered (one-request-at-a-time). */
  private long discardBelow;

  ThreadIo(Connection connection) {
    this.c = connection;
  }

  /**
   * Serves the connection until it ends, then closes it and reports why.
   *
   * @param fresh whether the connection starts here (configure its socket, count it as open) rather than moving here
   */
  void run(boolean fresh) {
    CloseReason reason = CloseReason.CLIENT_CLOSED;
    try {
      if (fresh) {
        c.configureSocket();
        configureIdleCloseFault();
        c.opened();
      }
      reason = serve();
    } catch (FramingException e) {
      reason = CloseReason.MALFORMED_FRAME;
      LOG.debug("Connection {} from {}: {}", c.id(), c.remoteAddress(), e.getMessage());
    } catch (IOException e) {
      reason = CloseReason.IO_ERROR;
      LOG.debug("Connection {} from {}: {}", c.id(), c.remoteAddress(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = CloseReason.SERVER_SHUTDOWN;
      LOG.debug("Connection {} from {} interrupted", c.id(), c.remoteAddress());
    } catch (RuntimeException e) {
      reason = CloseReason.INTERNAL_ERROR;
      LOG.warn("Connection {} from {} failed", c.id(), c.remoteAddress(), e);
    } finally {
      c.closed(reason);
    }
  }

  /**
   * The idle-close fault as a read timeout: the only read timeout, because the configured idle timeout is the
   * watchdog's ({@link Connection#checkIdle}), a timed read costing every request a timer. Such a connection starts
   * on its own thread.
   */
  private void configureIdleCloseFault() throws IOException {
    long faultIdleNanos = c.session.idleCloseNanos();
    if (faultIdleNanos >= 0) {
      c.socket().setSoTimeout(
          Math.clamp(TimeUnit.NANOSECONDS.toMillis(faultIdleNanos + 999_999), 1, Integer.MAX_VALUE));
    }
  }

  /** Serves requests until the connection ends; returns why it ended without an exception. */
  private CloseReason serve() throws IOException, InterruptedException {
    InputStream input = c.socket().getInputStream();
    OutputStream output = c.socket().getOutputStream();
    c.output = output;
    byte[] buffer = c.in.array();
    // A connection moved here from a loop first answers what the loop had read.
    boolean read = c.pendingPlan == null && !c.pendingAnswer && c.in.position() == 0 && c.out.position() == 0;
    while (true) {
      if (read) {
        int n;
        try {
          n = input.read(buffer, c.in.position(), c.in.remaining());
        } catch (SocketTimeoutException e) {
          LOG.debug("Connection {} from {}: idle-close fault after {} ns without a request", c.id(),
              c.remoteAddress(), c.session.idleCloseNanos());
          closeWith(c.session.idleCloseDirective(), input);
          return CloseReason.FAULT_INJECTED;
        }
        if (n < 0) {
          return CloseReason.CLIENT_CLOSED;
        }
        c.received(buffer, c.in.position(), n);
        c.in.position(c.in.position() + n);
      }
      read = true;
      ConnectionDirective directive;
      c.busy = true;
      try {
        directive = processFrames(output, input);
      } finally {
        c.lastActivityNanos = System.nanoTime();
        c.busy = false;
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
   * Answers every complete frame in the input, in order, writing the answers that no fault touches at once at the
   * end; stops early when a fault's directive ends the serving of this connection.
   */
  private ConnectionDirective processFrames(OutputStream output, InputStream input)
      throws IOException, InterruptedException {
    ByteBuffer in = c.in;
    in.flip();
    ConnectionDirective directive = ConnectionDirective.KEEP_OPEN;
    while (directive == ConnectionDirective.KEEP_OPEN) {
      int frameLength = c.nextFrameLength();
      if (frameLength == FrameCodec.NEED_MORE) {
        break;
      }
      int start = in.position();
      FaultPlan moved = c.pendingPlan;
      if (moved != null) {
        c.pendingPlan = null;
        directive = respondWithFaults(moved, start, frameLength, output, input);
      } else if (c.bufferBase + start < discardBelow) {
        c.server.counters().discardedRequest();
        LOG.debug("Connection {}: one-request-at-a-time fault discarded a pipelined request", c.id());
      } else {
        if (c.out.remaining() < c.framing.maxFrameLength()) {
          flush(output);
        }
        if (c.pendingAnswer) {
          // Counted and planned by the loop (discardBelow is still 0 then): only the answer is left.
          c.pendingAnswer = false;
          c.answer(start, frameLength);
        } else {
          directive = respond(start, frameLength, output, input);
        }
      }
      in.position(start + frameLength);
    }
    flush(output);
    c.compactInput();
    return directive;
  }

  private ConnectionDirective respond(int start, int frameLength, OutputStream output, InputStream input)
      throws IOException, InterruptedException {
    FaultPlan plan = c.plan(start, frameLength);
    if (!plan.isNone()) {
      return respondWithFaults(plan, start, frameLength, output, input);
    }
    c.answer(start, frameLength);
    return ConnectionDirective.KEEP_OPEN;
  }

  /**
   * A request on which a fault fired: earlier answers go out first (this one's timing is the fault's, and the
   * order of answers holds), then the exchange builds the answer and sends the plan's segments over this
   * connection.
   */
  private ConnectionDirective respondWithFaults(FaultPlan plan, int start, int frameLength, OutputStream output,
      InputStream input) throws IOException, InterruptedException {
    flush(output);
    ConnectionDirective after = c.exchange.answerWithFaults(plan, c.in, start, frameLength, c.out, c.pduDispatch,
        new StreamLink(output, input));
    if (LOG.isDebugEnabled()) {
      LOG.debug("Connection {}: transaction {} unit {}: faults {} fired, then {}", c.id(),
          c.framing.transactionId(c.in, start), c.framing.unitId(c.in, start), plan.faultIds(), after);
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
      c.logSent(bytes, offset, length);
      c.writeStartedNanos = System.nanoTime();
      try {
        output.write(bytes, offset, length);
        output.flush();
      } finally {
        c.writeStartedNanos = 0;
      }
      c.countSent(length);
    }

    @Override
    public void beforeSegments() throws IOException {
      if (!c.server.config().tcpNoDelay()) {
        // Nagle would glue the segments back together.
        c.socket().setTcpNoDelay(true);
      }
    }

    @Override
    public void discardReceived() throws IOException {
      markPipelinedForDiscard(input);
    }
  }

  /**
   * One-request-at-a-time: every request whose first byte has arrived by now (this read's bytes and what the socket
   * holds unread) arrived while this one was being served, and is discarded unanswered.
   */
  private void markPipelinedForDiscard(InputStream input) throws IOException {
    discardBelow = c.bufferBase + c.in.limit() + input.available();
  }

  /**
   * Closes as a fault directs. FIN: shut the output down first and drop unread input, because closing a socket
   * with unread input makes the system send RST instead. RST: linger 0, then close.
   */
  private void closeWith(ConnectionDirective directive, InputStream input) {
    c.faultClosing();
    try {
      if (directive == ConnectionDirective.CLOSE_RST) {
        c.socket().setSoLinger(true, 0);
      } else {
        c.socket().shutdownOutput();
        discardAvailable(input);
      }
    } catch (IOException e) {
      LOG.trace("Connection {}: closing for a fault: {}", c.id(), e.toString());
    }
    c.closeSocket();
  }

  private void discardAvailable(InputStream input) throws IOException {
    byte[] scratch = c.in.array();
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
    LOG.debug("Connection {} from {}: hold-open fault, no more answers", c.id(), c.remoteAddress());
    c.idleExempt = true;
    c.socket().setSoTimeout(0);
    byte[] scratch = c.in.array();
    c.in.clear();
    int n;
    while ((n = input.read(scratch)) >= 0) {
      c.receivedUnlogged(n);
    }
    return CloseReason.CLIENT_CLOSED;
  }

  private void flush(OutputStream output) throws IOException {
    ByteBuffer out = c.out;
    int n = out.position();
    if (n > 0) {
      c.logSent(out.array(), 0, n);
      c.writeStartedNanos = System.nanoTime();
      try {
        output.write(out.array(), 0, n);
      } finally {
        c.writeStartedNanos = 0;
      }
      c.countSent(n);
      out.clear();
    }
  }
}
