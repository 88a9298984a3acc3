package dev.modbustoolkit.server.udp;

import dev.modbustoolkit.server.core.RequestContext;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A request received in a UDP datagram: what handlers see of its sender. Addressing is Modbus TCP's (units 0 and
 * 255 reach the server's own device). A transport's own context, defined here and not in the core.
 *
 * @param peerId a number the server gives each peer (address and port) in order of first contact
 * @param localAddress the server's socket
 * @param remoteAddress the peer's socket
 */
public record UdpRequestContext(long peerId, InetSocketAddress localAddress, InetSocketAddress remoteAddress)
    implements RequestContext {
  /** Rejects null addresses. */
  public UdpRequestContext {
    Objects.requireNonNull(localAddress, "localAddress");
    Objects.requireNonNull(remoteAddress, "remoteAddress");
  }

  @Override
  public boolean isSerial() {
    return false;
  }

  @Override
  public String toString() {
    return "UDP peer #" + peerId + " " + remoteAddress.getAddress().getHostAddress() + ":" + remoteAddress.getPort();
  }
}
