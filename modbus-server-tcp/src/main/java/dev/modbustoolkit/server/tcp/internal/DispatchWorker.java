package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RequestContext;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual thread that runs the dispatcher for one connection, so that the connection's own thread can stop
 * waiting after the request timeout and answer SERVER_DEVICE_BUSY.
 *
 * <p>The worker owns its request and response buffers: after a timeout the handler may still be reading the
 * request or writing its answer, so nothing of the connection may be shared with it. A timed-out worker is
 * abandoned (interrupted, its late result dropped) and the connection starts a fresh one for the next request.
 * Handing over one request costs two lock/condition round trips and no allocation.
 */
final class DispatchWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(DispatchWorker.class);

  /** Returned by {@link #call} when the handler overran the timeout. */
  static final int TIMED_OUT = -2;

  private enum State {
    IDLE,
    SUBMITTED,
    RUNNING,
    DONE,
    ABANDONED,
    STOPPED
  }

  private final ModbusDispatcher dispatcher;
  private final RequestContext context;
  private final ByteBuffer request = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
  private final ByteBuffer response = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Thread thread;

  // Guarded by lock.
  private State state = State.IDLE;
  private int unitId;
  private int result;

  DispatchWorker(ModbusDispatcher dispatcher, RequestContext context, long connectionId) {
    this.dispatcher = dispatcher;
    this.context = context;
    this.thread = Thread.ofVirtual().name("modbus-tcp-handler-" + connectionId).unstarted(this);
  }

  void start() {
    thread.start();
  }

  /**
   * Runs one request on the worker and waits at most {@code timeoutNanos} for it.
   *
   * @param pdu the request PDU, all of its remaining bytes (copied; its position is not moved)
   * @param out receives the response PDU at its position on success
   * @return the response PDU length, {@link ModbusDispatcher#NO_RESPONSE}, or {@link #TIMED_OUT} (the worker is
   *     then abandoned and must not be called again)
   * @throws InterruptedException if the connection thread is interrupted while waiting
   */
  int call(int unit, ByteBuffer pdu, ByteBuffer out, long timeoutNanos) throws InterruptedException {
    int n;
    lock.lock();
    try {
      request.clear();
      request.put(0, pdu, pdu.position(), pdu.remaining());
      request.limit(pdu.remaining());
      response.clear();
      unitId = unit;
      state = State.SUBMITTED;
      changed.signalAll();
      long remaining = timeoutNanos;
      while (state != State.DONE) {
        if (remaining <= 0) {
          state = State.ABANDONED;
          thread.interrupt();
          return TIMED_OUT;
        }
        remaining = changed.awaitNanos(remaining);
      }
      state = State.IDLE;
      n = result;
    } finally {
      lock.unlock();
    }
    if (n > 0) {
      out.put(response.array(), 0, n);
    }
    return n;
  }

  /** Ends the worker once its current request, if any, is done; its result is then dropped. */
  void stop() {
    lock.lock();
    try {
      if (state != State.ABANDONED) {
        state = State.STOPPED;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void run() {
    try {
      while (awaitRequest()) {
        int n;
        try {
          n = dispatcher.dispatch(context, unitId, request, response);
        } catch (RuntimeException e) {
          // The dispatcher maps handler failures itself; reaching here is a bug in it. Treat as "no answer".
          LOG.warn("Dispatcher failed on connection {}", context, e);
          n = ModbusDispatcher.NO_RESPONSE;
        }
        if (!complete(n)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean awaitRequest() throws InterruptedException {
    lock.lock();
    try {
      while (state == State.IDLE || state == State.DONE) {
        changed.await();
      }
      if (state == State.SUBMITTED) {
        state = State.RUNNING;
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  private boolean complete(int n) {
    lock.lock();
    try {
      if (state != State.RUNNING) {
        return false;
      }
      result = n;
      state = State.DONE;
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }
}
