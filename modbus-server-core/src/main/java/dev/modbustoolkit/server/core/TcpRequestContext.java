package dev.modbustoolkit.server.core;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A request received on a Modbus TCP connection.
 *
 * @param connectionId a number the transport gives each accepted connection, unique while the server runs
 * @param localAddress the server's end of the connection
 * @param remoteAddress the client's end of the connection
 */
public record TcpRequestContext(long connectionId, InetSocketAddress localAddress, InetSocketAddress remoteAddress)
    implements RequestContext {

  /** Rejects null addresses. */
  public TcpRequestContext {
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  @Override
  public boolean isSerial() {
    return false;
  }
}
