package dev.modbustoolkit.server.rtu.internal;

import java.util.concurrent.locks.LockSupport;

/** Time for the serial engine: the real monotonic clock, or a fake one in tests. */
public interface NanoClock {
  /** The system's monotonic clock; waits park the thread (sub-millisecond on Linux). */
  NanoClock SYSTEM = new NanoClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepUntil(long deadlineNanos) throws InterruptedException {
      long left;
      while ((left = deadlineNanos - System.nanoTime()) > 0) {
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          throw new InterruptedException("interrupted while waiting to transmit");
        }
      }
    }
  };

  /** Now, on the System.nanoTime scale. */
  long nanoTime();

  /** Returns once {@link #nanoTime()} has reached {@code deadlineNanos} (at once if it has). */
  void sleepUntil(long deadlineNanos) throws InterruptedException;
}
