package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.server.core.UnitRoute;
import dev.modbustoolkit.server.tcp.CloseReason;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FramingException;
import dev.modbustoolkit.transport.stream.SelectorLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Connection} served on an {@link EventLoop}: the channel is non-blocking and every step runs on the loop's
 * thread when the selector says the channel is ready. A request whose fault fired or whose handler may block moves
 * the connection to its own thread for good ({@link #migrate}); a forwarding handler's request is handed over
 * without waiting and its answer deferred ({@link DeferredAnswers}, which keeps the connection's answers in request
 * order). Everything here runs on the loop's thread.
 */
final class LoopIo implements SelectorLoop.Ready {
  private static final Logger LOG = LoggerFactory.getLogger(LoopIo.class);

  private final Connection c;
  private final EventLoop loop;
  private @Nullable SelectionKey key;
  private int interest;
  private boolean closed;
  /** Shutdown: answer what was read, write it out, then close; read nothing more. */
  private boolean draining;
  /** Answers waiting for forwarding handlers' futures, in request order; empty for every other handler. */
  private final DeferredAnswers deferred = new DeferredAnswers();
  /** The client half-closed while answers were deferred: send them, then close. */
  private boolean inputEnded;
  /** {@link #onDeferredSettled} as a task, made once. */
  private final Runnable deferredSettled = this::onDeferredSettled;

  LoopIo(Connection connection, EventLoop loop) {
    this.c = connection;
    this.loop = loop;
  }

  /** Whether the loop side closed the connection (then loop tasks for it do nothing). */
  boolean isClosed() {
    return closed;
  }

  /** Whether no forwarded request waits for its answer (the watchdog reads it: a deferred answer is not idle). */
  boolean nothingDeferred() {
    return deferred.isEmpty();
  }

  /** Configures the socket and starts reading. */
  void start() {
    if (loop.failed()) {
      loopFailed();
      return;
    }
    try {
      c.channel.configureBlocking(false);
      c.configureSocket();
      key = c.channel.register(loop.selector(), SelectionKey.OP_READ, this);
      interest = SelectionKey.OP_READ;
    } catch (IOException e) {
      closeOnIoError(e);
      return;
    }
    c.opened();
  }

  /** The selector found the channel ready for what {@link #interest} asked. */
  @Override
  public void onReady(SelectionKey k) {
    if (!k.isValid() || closed) {
      return;
    }
    int ready = k.readyOps();
    if ((ready & SelectionKey.OP_WRITE) != 0) {
      // Room again: send the rest, then answer what waits in the input buffer.
      process(false);
    } else if ((ready & SelectionKey.OP_READ) != 0) {
      read();
    }
  }

  /** Shutdown: answers what was read, then closes. */
  void drain() {
    draining = true;
    process(false);
  }

  private void read() {
    ByteBuffer in = c.in;
    if (in == c.loopIn) {
      // The shared buffer holds nothing of this connection's: no partial request is pending.
      in.clear();
    }
    int n;
    try {
      n = c.channel.read(in);
    } catch (IOException e) {
      closeOnIoError(e);
      return;
    }
    if (n < 0) {
      if (deferred.isEmpty()) {
        close(CloseReason.CLIENT_CLOSED);
      } else {
        // Half-closed with forwarded requests in flight: their answers go out first (see process).
        inputEnded = true;
        setInterest(0);
      }
      return;
    }
    if (n > 0) {
      c.received(in.array(), in.position() - n, n);
      process(true);
    } else if (in == c.loopIn) {
      in.clear();
    }
  }

  /**
   * Answers the complete frames in the input (in fill mode) while the output buffer has room, writes what it can,
   * and sets what to wait for next: more requests, or room to write (then nothing is read meanwhile, so a client
   * that does not read its answers is not served further).
   *
   * @param justRead whether the input holds what was just read (else a shared input holds nobody's bytes)
   */
  private void process(boolean justRead) {
    c.busy = true;
    try {
      if (c.in == c.loopIn && !justRead) {
        c.in.clear();
      }
      if (c.out == c.loopOut) {
        // Nothing of this connection's waits in the shared output (pending answers were moved to its own).
        c.out.clear();
      }
      if (!deferred.isEmpty()) {
        deferred.drainInto(c.out, c.exchange, c.framing.maxFrameLength());
      }
      ByteBuffer in = c.in;
      in.flip();
      boolean outputFull = false;
      // A request waits in the input until the deferred answers ahead of it are out.
      boolean waiting = false;
      while (true) {
        int frameLength;
        try {
          frameLength = c.nextFrameLength();
        } catch (FramingException e) {
          LOG.debug("Connection {} from {}: {}", c.id(), c.remoteAddress(), e.getMessage());
          close(CloseReason.MALFORMED_FRAME);
          return;
        }
        if (frameLength == FrameCodec.NEED_MORE) {
          break;
        }
        if (c.out.remaining() < c.framing.maxFrameLength()) {
          if (!write()) {
            return;
          }
          if (c.out.remaining() < c.framing.maxFrameLength()) {
            outputFull = true;
            break;
          }
        }
        int start = in.position();
        if (c.pendingPlan != null || c.pendingAnswer || deferred.isFull()) {
          // Planned already, this request moves the connection to a thread once no answer is deferred; or the
          // connection has as many answers in flight as it may.
          if (!deferred.isEmpty()) {
            waiting = true;
            break;
          }
          if (c.pendingPlan != null || c.pendingAnswer) {
            migrate(c.pendingPlan != null ? "a fault fired" : "its handler may block");
            return;
          }
        }
        FaultPlan plan = c.plan(start, frameLength);
        if (!plan.isNone()) {
          c.pendingPlan = plan;
          if (deferred.isEmpty()) {
            migrate("a fault fired");
            return;
          }
          waiting = true;
          break;
        }
        UnitRoute route = c.exchange.route(in, start);
        if (route.isAsync()) {
          forward(start, frameLength, route);
        } else if (route.mayBlock()) {
          c.pendingAnswer = true;
          if (deferred.isEmpty()) {
            migrate("its handler may block");
            return;
          }
          waiting = true;
          break;
        } else if (deferred.isEmpty()) {
          c.answer(start, frameLength, route);
        } else {
          answerBehindDeferred(start, frameLength, route);
        }
        in.position(start + frameLength);
      }
      c.compactInput();
      if (!write()) {
        return;
      }
      keepPendingBytes();
      boolean outputPending = outputFull || c.out.position() > 0;
      if ((draining || inputEnded) && !outputPending && deferred.isEmpty()) {
        close(draining ? CloseReason.SERVER_SHUTDOWN : CloseReason.CLIENT_CLOSED);
        return;
      }
      // Waiting for deferred answers reads nothing meanwhile (their completion resumes the connection).
      setInterest(outputPending ? SelectionKey.OP_WRITE
          : waiting || draining || inputEnded ? 0 : SelectionKey.OP_READ);
    } finally {
      c.lastActivityNanos = System.nanoTime();
      c.busy = false;
    }
  }

  /**
   * A request for a forwarding handler: handed over without waiting, its answer deferred until the future completes
   * (then {@link #onDeferredSettled} frames it, after the answers ahead of it).
   */
  private void forward(int start, int frameLength, UnitRoute route) {
    ByteBuffer pdu = c.framing.pdu(c.in, start, frameLength);
    int functionCode = pdu.hasRemaining() ? Byte.toUnsignedInt(pdu.get(pdu.position())) : 0;
    int transactionId = c.framing.transactionId(c.in, start);
    deferred.forwarded(transactionId, route.unitId(), functionCode,
        c.exchange.forward(c.in, start, frameLength, route), () -> loop.execute(deferredSettled));
  }

  /** A request answered at once while deferred answers are ahead of it: its framed answer waits its turn. */
  private void answerBehindDeferred(int start, int frameLength, UnitRoute route) {
    ByteBuffer out = c.out;
    int at = out.position();
    c.answer(start, frameLength, route);
    if (out.position() > at) {
      deferred.ready(out.array(), at, out.position() - at);
      out.position(at);
    }
  }

  /** A forwarding handler's answer arrived: write what is now in order, go on with the input. */
  private void onDeferredSettled() {
    if (c.servedBy(loop) && !closed) {
      process(false);
    }
  }

  /**
   * Bytes that must outlive this event move from the loop's shared buffers to buffers of the connection's own: a
   * partial request, answers the socket did not take. Such a connection keeps them (a client that splits requests
   * or reads slowly will likely do so again), so moving allocates once per connection, not per request.
   */
  private void keepPendingBytes() {
    if (c.in == c.loopIn && c.in.position() > 0) {
      c.in = ownCopy(c.in);
    }
    if (c.out == c.loopOut && c.out.position() > 0) {
      c.out = ownCopy(c.out);
    }
  }

  /** A buffer of the connection's own holding what {@code shared} (in fill mode) holds; {@code shared} is cleared. */
  private static ByteBuffer ownCopy(ByteBuffer shared) {
    ByteBuffer own = ByteBuffer.allocate(Connection.BUFFER_SIZE);
    shared.flip();
    own.put(shared);
    shared.clear();
    return own;
  }

  /** Writes what the output holds; what the socket does not take stays at its start. False if closed. */
  private boolean write() {
    ByteBuffer out = c.out;
    if (out.position() == 0) {
      return true;
    }
    out.flip();
    int n;
    try {
      n = c.channel.write(out);
      c.logSent(out.array(), out.position() - n, n);
    } catch (IOException e) {
      closeOnIoError(e);
      return false;
    }
    out.compact();
    c.countSent(n);
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
   * stalling its other connections. The thread first answers what the loop had read (the request carrying the
   * pending plan or answer first), then reads on with blocking calls.
   */
  private void migrate(String why) {
    // The request at the input's position, already counted and planned, stays for the thread, which must not
    // share the loop's buffers.
    c.compactInput();
    if (c.in == c.loopIn) {
      c.in = ownCopy(c.in);
    }
    if (c.out == c.loopOut) {
      c.out = ownCopy(c.out);
    }
    SelectionKey k = key;
    if (k != null) {
      k.cancel();
    }
    try {
      c.channel.configureBlocking(true);
    } catch (IOException e) {
      closeOnIoError(e);
      return;
    }
    LOG.debug("Connection {} from {}: {}, moving to its own thread", c.id(), c.remoteAddress(), why);
    c.moveToThread();
  }

  private void closeOnIoError(IOException e) {
    LOG.debug("Connection {} from {}: {}", c.id(), c.remoteAddress(), e.toString());
    close(CloseReason.IO_ERROR);
  }

  /** The loop's selector failed: the connection can no longer be served. */
  void loopFailed() {
    if (!closed) {
      LOG.warn("Connection {} from {} closed: its event loop failed", c.id(), c.remoteAddress());
      close(CloseReason.INTERNAL_ERROR);
    }
  }

  /** A bug in this connection's code; ends it and keeps the loop serving the others. */
  @Override
  public void fail(Throwable e) {
    LOG.warn("Connection {} from {} failed", c.id(), c.remoteAddress(), e);
    close(CloseReason.INTERNAL_ERROR);
  }

  /** Closes the channel once and reports why (a close the server asked for wins). */
  void close(CloseReason reason) {
    if (closed) {
      return;
    }
    closed = true;
    SelectionKey k = key;
    if (k != null) {
      k.cancel();
    }
    c.closed(reason);
  }
}
