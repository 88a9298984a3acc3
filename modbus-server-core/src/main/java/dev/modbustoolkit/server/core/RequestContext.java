package dev.modbustoolkit.server.core;

/**
 * Where a request came from. A transport creates one per connection (TCP), per peer (UDP) or per port (serial
 * line), keeps it for the link's life and passes it with every request, so handlers can tell clients apart and the
 * dispatcher can apply the addressing rules of the transport: on a serial line unit 0 is a broadcast, on a network
 * transport units 0 and 255 reach the server's own device.
 *
 * <p>Open for new transports: the toolkit's own are {@link TcpRequestContext} (Modbus TCP, and Modbus over UDP
 * with the peer as "connection") and {@link SerialRequestContext} (a serial line, RTU or ASCII over TCP); a
 * transport of a third party may bring its own record.
 */
public interface RequestContext {
  /** {@return true for a serial line (RTU, ASCII), where unit 0 is the broadcast address} */
  boolean isSerial();

  /**
   * {@return whether a broadcast (unit 0 on a serial line) is executed} Either way it is never answered. Meaningful
   * only where {@link #isSerial()}; false by default.
   */
  default boolean broadcastAllowed() {
    return false;
  }
}
