package dev.modbustoolkit.fault;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One connection (TCP) or port (RTU) as the pipeline sees it.
 *
 * @param connectionId the server's id for it; connection-scoped random streams derive from it, so a server that
 *     numbers connections 1, 2, 3, ... in accept order gets reproducible faults per connection
 * @param transport its framing
 * @param remoteAddress the peer, null on serial lines
 */
public record ConnectionInfo(long connectionId, Transport transport, @Nullable InetSocketAddress remoteAddress) {

  /** Validates. */
  public ConnectionInfo {
    Objects.requireNonNull(transport, "transport");
  }

  /**
   * {@return a serial port (no remote address)}
   *
   * @param connectionId the connection id
   * @param transport the transport
   */
  public static ConnectionInfo serial(long connectionId, Transport transport) {
    return new ConnectionInfo(connectionId, transport, null);
  }
}
