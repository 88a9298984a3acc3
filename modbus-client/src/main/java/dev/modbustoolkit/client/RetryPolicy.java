package dev.modbustoolkit.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed attempt is tried again, and after how long. What is safe to retry: a read (FC 01-04, 07, 0B, 0C,
 * 11, 14, 18, 2B) may be sent twice without harm, a write may not (a write whose answer was lost has most likely
 * been executed, and a counter or a pulse output would act twice), so writes are retried only when {@link
 * #retryWrites()} says so. Retried failures: a timeout, exception 0x05 (acknowledge: the device accepted but needs
 * long) and 0x06 (server device busy), an answer that fails its check (bad CRC or LRC is never seen as an answer,
 * so it ends as a timeout), and a lost connection. Never retried: any other exception response, which is the
 * device's definite answer.
 *
 * <p>Backoff before retry {@code n} (1-based) is {@code initialBackoff * 2^(n-1)}, at most {@code maxBackoff}, each
 * spread by up to ±{@code jitter} of itself so that many clients do not retry in step. Each attempt has the
 * client's full timeout.
 *
 * @param maxRetries retries after the first attempt, 0..100
 * @param retryWrites whether writes are retried too
 * @param initialBackoff the wait before the first retry, not negative
 * @param maxBackoff the cap on the wait, at least {@code initialBackoff}
 * @param jitter the spread of each wait as a fraction of it, 0..1
 */
public record RetryPolicy(
    int maxRetries, boolean retryWrites, Duration initialBackoff, Duration maxBackoff, double jitter) {

  /** No retries. */
  public static final RetryPolicy NONE = new RetryPolicy(0, false, Duration.ZERO, Duration.ZERO, 0);

  /** Validates every field, naming the offending one. */
  public RetryPolicy {
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("maxRetries " + maxRetries + " is out of 0..100");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative()) {
      throw new IllegalArgumentException("initialBackoff " + initialBackoff + " is negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter " + jitter + " is out of 0..1");
    }
  }

  /**
   * {@return reads retried {@code maxRetries} times, writes never; backoff from 50 ms doubling to 1 s, jitter 0.2}
   *
   * @param maxRetries retries after the first attempt
   */
  public static RetryPolicy reads(int maxRetries) {
    return new RetryPolicy(maxRetries, false, Duration.ofMillis(50), Duration.ofSeconds(1), 0.2);
  }

  /**
   * {@return this policy with writes retried too}
   */
  public RetryPolicy withWrites() {
    return new RetryPolicy(maxRetries, true, initialBackoff, maxBackoff, jitter);
  }

  /**
   * {@return the wait before retry {@code retry} (1-based), before jitter}
   *
   * @param retry which retry, 1 for the first
   */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry " + retry + " is not 1 or more");
    }
    long nanos = initialBackoff.toNanos();
    for (int i = 1; i < retry && nanos < maxBackoff.toNanos(); i++) {
      nanos = nanos > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : nanos * 2;
    }
    return Duration.ofNanos(Math.min(nanos, maxBackoff.toNanos()));
  }
}
