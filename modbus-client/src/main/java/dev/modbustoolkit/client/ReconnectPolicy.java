package dev.modbustoolkit.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a connection-oriented client (TCP, RTU or ASCII over TCP) opens its link and gets it back.
 *
 * <p>{@code eager}: the client connects when built and reconnects in the background after a loss, with backoff;
 * requests made meanwhile wait in the queue until their deadline. Lazy (not eager): the client connects when a
 * request needs the link; if that fails, the queued requests fail at once with {@link ModbusConnectionException}
 * and the next request tries again (no sooner than the backoff allows).
 *
 * <p>{@code timeoutsBeforeReconnect}: the link is dropped and reopened after that many timeouts in a row with no
 * answer from any unit in between (0: never for timeouts). Counted over the whole link, not per unit, on purpose:
 * behind a gateway one dead device times out forever while the others answer, and tearing the shared session
 * down would fail everyone's requests for nothing. Per-unit runs of timeouts are in {@link ClientMetrics}.
 *
 * @param eager connect at once and keep reconnecting, or connect on demand
 * @param initialDelay the wait before the first reconnect, not negative
 * @param maxDelay the cap of the doubling wait, at least {@code initialDelay}
 * @param connectTimeout how long one connect may take, positive
 * @param timeoutsBeforeReconnect timeouts in a row with no answer in between that drop the link, 0 for never
 */
public record ReconnectPolicy(
    boolean eager, Duration initialDelay, Duration maxDelay, Duration connectTimeout, int timeoutsBeforeReconnect) {

  /** Validates every field, naming the offending one. */
  public ReconnectPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay " + initialDelay + " is negative");
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout " + connectTimeout + " is not positive");
    }
    if (timeoutsBeforeReconnect < 0) {
      throw new IllegalArgumentException("timeoutsBeforeReconnect " + timeoutsBeforeReconnect + " is negative");
    }
  }

  /** Lazy, backoff 100 ms doubling to 10 s, connect timeout 5 s, the link dropped after 5 timeouts in a row. */
  public static final ReconnectPolicy LAZY =
      new ReconnectPolicy(false, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(5), 5);

  /** As {@link #LAZY}, but eager. */
  public static final ReconnectPolicy EAGER =
      new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(10), Duration.ofSeconds(5), 5);

  /**
   * {@return the wait before reconnect attempt {@code attempt} (1-based)}
   *
   * @param attempt which attempt since the link was last up, 1 for the first
   */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt " + attempt + " is not 1 or more");
    }
    long nanos = initialDelay.toNanos();
    for (int i = 1; i < attempt && nanos < maxDelay.toNanos(); i++) {
      nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
    }
    return Duration.ofNanos(Math.min(nanos, maxDelay.toNanos()));
  }
}
