/**
 * A user's application of modbus-toolkit on the module path: what it requires is what a user writes, nothing
 * more (no JSpecify, no Jackson, no HdrHistogram).
 */
module com.example.modbusconsumer {
  requires dev.modbustoolkit.pdu;
  requires dev.modbustoolkit.registers;
  requires dev.modbustoolkit.server.core;
  requires dev.modbustoolkit.server.tcp;
  requires dev.modbustoolkit.client;
  requires org.slf4j;
}
