/**
 * Modbus over UDP: MBAP frames in datagrams, one request per datagram, as several device vendors and pymodbus speak
 * it. Built on the public API of modbus-transport alone (codec, exchange, link): the proof that a transport can be
 * added without touching the core.
 */
module dev.modbustoolkit.server.udp {
  requires transitive dev.modbustoolkit.transport;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.server.udp;
}
