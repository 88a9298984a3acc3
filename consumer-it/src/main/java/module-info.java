/**
 * A user's application of modbus-toolkit on the module path: what it requires is what a user writes, nothing
 * more (no JSpecify, no Jackson, no HdrHistogram). The README shows this module declaration as it stands.
 */
module com.example.modbusconsumer {
  requires dev.modbustoolkit.server.tcp;   // brings server.core, transport, fault, pdu, registers
  requires dev.modbustoolkit.server.udp;
  requires dev.modbustoolkit.client;       // brings serial (SerialLineSettings, SerialMode)
  requires dev.modbustoolkit.gateway;
  requires org.slf4j;                      // only to check which SLF4J backend is bound
}
