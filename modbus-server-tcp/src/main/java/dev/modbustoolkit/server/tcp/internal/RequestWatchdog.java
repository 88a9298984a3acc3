package dev.modbustoolkit.server.tcp.internal;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the request timeout for every connection of a server from one thread, so that handlers can run inline
 * on the connections' own threads: a request costs the connection two volatile writes and one CAS, no hand-off.
 *
 * <p>The watchdog wakes every {@link #tickNanos} and asks each connection whether its current request has overrun
 * (one volatile read for an idle connection). A platform thread, so that handlers keeping every carrier thread
 * busy cannot starve it. A connection is answered late by at most one tick.
 */
final class RequestWatchdog implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestWatchdog.class);

  /** Bounds of the scan period: fine enough for short timeouts, cheap with many connections. */
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ConnectionRegistry registry;
  private final long timeoutNanos;
  private final long tickNanos;
  private final Thread thread;

  RequestWatchdog(ConnectionRegistry registry, long timeoutNanos, String serverName) {
    this.registry = registry;
    this.timeoutNanos = timeoutNanos;
    this.tickNanos = Math.clamp(timeoutNanos / 8, MIN_TICK_NANOS, MAX_TICK_NANOS);
    this.thread = Thread.ofPlatform().daemon().name("modbus-tcp-watchdog-" + serverName).unstarted(this);
  }

  void start() {
    thread.start();
  }

  /** Stops scanning; requests still running are no longer timed. */
  void stop() {
    thread.interrupt();
  }

  @Override
  public void run() {
    try {
      while (true) {
        TimeUnit.NANOSECONDS.sleep(tickNanos);
        long now = System.nanoTime();
        for (Connection c : registry.all()) {
          c.checkRequestTimeout(now, timeoutNanos);
        }
      }
    } catch (InterruptedException e) {
      LOG.debug("Request watchdog stopped");
    } catch (RuntimeException e) {
      // A bug; without the watchdog requests are no longer timed, which must not go unnoticed.
      LOG.error("Request watchdog failed; request timeouts are no longer enforced", e);
    }
  }
}
