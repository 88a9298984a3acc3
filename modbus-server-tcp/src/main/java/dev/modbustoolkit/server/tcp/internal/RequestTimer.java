package dev.modbustoolkit.server.tcp.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request timeout of one connection, run by the handler on the connection's own thread and watched by the
 * server's {@link RequestWatchdog}.
 *
 * <p>State: a sequence number per request and a phase (idle, running, timed out) in one long, so a late watchdog
 * decision about an earlier request can never hit the next one. The connection thread enters and leaves a request
 * with a volatile write and a CAS. On overrun the watchdog starts a short-lived virtual thread (a blocked socket
 * write must not stall the watchdog) that, holding {@link #lock}, claims the request with a CAS, has the
 * connection write SERVER_DEVICE_BUSY and interrupts the handler. A connection thread that loses the CAS takes the
 * same lock before going on, so the BUSY answer is on the wire before anything it writes next, and the interrupt
 * has arrived before it clears it (an interrupt reaching a virtual thread in a socket read would close the socket).
 */
final class RequestTimer {
  private static final long IDLE = 0;
  private static final long RUNNING = 1;
  private static final long TIMED_OUT = 2;
  private static final long PHASE = 3;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(RequestTimer.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  // Written by the connection thread; the state write publishes the plain fields below it to the watchdog.
  private volatile long state;
  private volatile long startNanos;
  private long sequence;
  private int transactionId;
  private int unitId;
  private int functionCode;
  private int pendingEnd;

  // Watchdog thread only: the running request it already acted on.
  private long flagged = -1;

  RequestTimer(Connection connection) {
    this.connection = connection;
  }

  /**
   * Marks a request as running in its handler from now on.
   *
   * @param pendingEnd how many bytes of earlier answers wait unsent in the connection's output buffer; an overrun
   *     answer sends them first so that the order of answers holds
   * @return the token to pass to {@link #end}
   */
  long begin(int transactionId, int unitId, int functionCode, int pendingEnd) {
    this.transactionId = transactionId;
    this.unitId = unitId;
    this.functionCode = functionCode;
    this.pendingEnd = pendingEnd;
    startNanos = System.nanoTime();
    long running = (++sequence << 2) | RUNNING;
    state = running;
    return running;
  }

  /**
   * Marks the request as done.
   *
   * @return true if it ended in time; false if the watchdog answered it (BUSY and the pending answers are then on
   *     the wire, the handler's result must be dropped, and the interrupt sent to the handler is cleared)
   */
  boolean end(long running) {
    long idle = (running & ~PHASE) | IDLE;
    if (STATE.compareAndSet(this, running, idle)) {
      return true;
    }
    lock.lock();
    try {
      Thread.interrupted();
      state = idle;
    } finally {
      lock.unlock();
    }
    return false;
  }

  /** Called by the watchdog thread: acts once on a request running longer than {@code timeoutNanos}. */
  void check(long now, long timeoutNanos) {
    long s = state;
    // startNanos is read after the state: it belongs to this request or a later one, never an earlier one, so a
    // request is never timed out early.
    if ((s & PHASE) != RUNNING || s == flagged || now - startNanos < timeoutNanos) {
      return;
    }
    flagged = s;
    Thread.ofVirtual().name("modbus-tcp-timeout-" + connection.id()).start(() -> expire(s));
  }

  private void expire(long running) {
    lock.lock();
    try {
      if (STATE.compareAndSet(this, running, (running & ~PHASE) | TIMED_OUT)) {
        connection.answerOverrun(transactionId, unitId, functionCode, pendingEnd);
      }
    } finally {
      lock.unlock();
    }
  }
}
