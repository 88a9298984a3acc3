package dev.modbustoolkit.server.tcp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one client connection's counters.
 *
 * @param connectionId the server-wide id (from 1)
 * @param remoteAddress the client
 * @param openedAt when the connection was accepted
 * @param requests MBAP frames with protocol id 0 handed to the dispatcher
 * @param bytesIn bytes received
 * @param bytesOut bytes sent
 * @param idle time since the last bytes were received (or since the connection opened)
 */
public record ConnectionInfo(
    long connectionId,
    InetSocketAddress remoteAddress,
    Instant openedAt,
    long requests,
    long bytesIn,
    long bytesOut,
    Duration idle) {

  /** Checks for null and negative counters. */
  public ConnectionInfo {
    Objects.requireNonNull(remoteAddress, "remoteAddress");
    Objects.requireNonNull(openedAt, "openedAt");
    Objects.requireNonNull(idle, "idle");
    if (requests < 0 || bytesIn < 0 || bytesOut < 0) {
      throw new IllegalArgumentException("negative counter in " + requests + "/" + bytesIn + "/" + bytesOut);
    }
  }
}
