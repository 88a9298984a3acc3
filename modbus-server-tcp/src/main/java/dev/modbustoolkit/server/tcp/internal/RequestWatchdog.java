package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.transport.stream.ConnectionRegistry;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the request timeout and the idle timeout for every connection of a server from one thread, so that
 * handlers can run inline on the connections' threads and reads need no timer: a request costs the connection two
 * volatile writes and one CAS, no hand-off. (A read timeout per connection made every virtual-thread read a timed
 * park, which measured as half the server's throughput.)
 *
 * <p>The watchdog wakes every {@link #tickNanos} and asks each connection whether its current request has overrun
 * and whether it has been idle too long (a few volatile reads per connection). A platform thread, so that handlers
 * keeping every carrier thread busy cannot starve it. A connection is acted on late by at most one tick.
 */
final class RequestWatchdog implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(RequestWatchdog.class);

  /** Bounds of the scan period: fine enough for short timeouts, cheap with many connections. */
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final ConnectionRegistry<Connection> registry;
  private final long timeoutNanos;
  private final long idleNanos;
  private final long tickNanos;
  private final Thread thread;

  /**
   * @param timeoutNanos the request timeout, 0 for none
   * @param idleNanos the idle timeout, 0 for none
   */
  RequestWatchdog(ConnectionRegistry<Connection> registry, long timeoutNanos, long idleNanos, String serverName) {
    this.registry = registry;
    this.timeoutNanos = timeoutNanos;
    this.idleNanos = idleNanos;
    long requestTick = timeoutNanos == 0 ? MAX_TICK_NANOS : timeoutNanos / 8;
    long idleTick = idleNanos == 0 ? MAX_TICK_NANOS : idleNanos / 8;
    this.tickNanos = Math.clamp(Math.min(requestTick, idleTick), MIN_TICK_NANOS, MAX_TICK_NANOS);
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
          if (timeoutNanos != 0) {
            c.checkRequestTimeout(now, timeoutNanos);
          }
          if (idleNanos != 0) {
            c.checkIdle(now, idleNanos);
          }
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
