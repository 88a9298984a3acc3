package dev.modbustoolkit.server.rtu.internal;

/** Time that only moves when told to, or when the engine waits (it jumps to the deadline). */
final class FakeClock implements NanoClock {
  private long now;

  FakeClock(long start) {
    this.now = start;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void sleepUntil(long deadlineNanos) {
    now = Math.max(now, deadlineNanos);
  }

  void advance(long nanos) {
    now += nanos;
  }

  void set(long nanos) {
    now = nanos;
  }
}
