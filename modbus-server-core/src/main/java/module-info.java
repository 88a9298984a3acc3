/**
 * Transport-neutral Modbus server core: the dispatcher that routes a request PDU by unit id to a handler, the
 * handler SPI, a register-backed device and dispatcher metrics. The TCP and serial servers build on it.
 */
module dev.modbustoolkit.server.core {
  requires transitive dev.modbustoolkit.pdu;
  requires transitive dev.modbustoolkit.registers;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.server.core;
}
