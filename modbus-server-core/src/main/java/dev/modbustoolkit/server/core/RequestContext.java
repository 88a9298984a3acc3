package dev.modbustoolkit.server.core;

/**
 * Where a request came from. A transport creates one per connection (TCP) or per port (serial line), keeps it
 * for the connection's life and passes it with every request, so handlers can tell clients apart and the
 * dispatcher can apply the addressing rules of the transport: on a serial line unit 0 is a broadcast, on TCP
 * units 0 and 255 reach the server's own device.
 */
public sealed interface RequestContext permits TcpRequestContext, SerialRequestContext {

  /** {@return true for a serial line (RTU, ASCII), where unit 0 is the broadcast address} */
  boolean isSerial();
}
