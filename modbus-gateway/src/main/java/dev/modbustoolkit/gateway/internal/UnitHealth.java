package dev.modbustoolkit.gateway.internal;

/**
 * Whether one device behind a downstream link is answering. After {@code limit} timeouts in a row it is quarantined
 * for {@code quarantineNanos}: requests for it are answered 0x0B at once instead of holding the bus for everyone
 * else. When the quarantine ends, one request goes through as a probe (the others still get 0x0B until it is
 * answered); an answer ends the quarantine, another timeout starts a new one.
 */
final class UnitHealth {
  private final int limit;
  private final long quarantineNanos;
  private int timeoutsInARow;
  private long quarantinedUntil;
  private boolean quarantined;
  private boolean probing;

  UnitHealth(int limit, long quarantineNanos) {
    this.limit = limit;
    this.quarantineNanos = quarantineNanos;
  }

  /** {@return whether a request may go to the device now} */
  synchronized boolean admit(long nowNanos) {
    if (!quarantined) {
      return true;
    }
    if (nowNanos - quarantinedUntil < 0 || probing) {
      return false;
    }
    probing = true;
    return true;
  }

  /** The device answered (normally or with an exception): it is alive. */
  synchronized void answered() {
    timeoutsInARow = 0;
    quarantined = false;
    probing = false;
  }

  /** The device did not answer in time. */
  synchronized void timedOut(long nowNanos) {
    timeoutsInARow++;
    probing = false;
    if (limit > 0 && (timeoutsInARow >= limit || quarantined)) {
      quarantined = true;
      quarantinedUntil = nowNanos + quarantineNanos;
    }
  }

  /** The request failed another way (the link dropped): says nothing about the device. */
  synchronized void inconclusive() {
    probing = false;
  }

  synchronized boolean isQuarantined() {
    return quarantined;
  }
}
