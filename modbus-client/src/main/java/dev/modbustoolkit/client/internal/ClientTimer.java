package dev.modbustoolkit.client.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of all clients in the JVM: deadlines, retry backoff, reconnect delays and the wait after a
 * broadcast. A daemon, so that a forgotten client does not keep the JVM alive; cancelled tasks leave its queue at
 * once (most deadlines are cancelled by their answer).
 */
final class ClientTimer {
  private static final ScheduledThreadPoolExecutor TIMER = create();

  private ClientTimer() {}

  private static ScheduledThreadPoolExecutor create() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "modbus-client-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    return TIMER.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
  }
}
