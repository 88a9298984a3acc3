/**
 * Modbus TCP server: one platform thread accepting, then selector threads (the default) or one virtual thread per
 * connection, in front of a {@code ModbusDispatcher} from modbus-server-core, with the fault-injection pipeline of modbus-fault
 * (transitive: {@code Builder.faults(FaultPipeline)} and {@code ModbusTcpServer.faults()} expose its types).
 */
module dev.modbustoolkit.server.tcp {
  requires transitive dev.modbustoolkit.server.core;
  requires transitive dev.modbustoolkit.fault;
  requires dev.modbustoolkit.mbap;
  requires transitive dev.modbustoolkit.transport;
  requires java.management;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.server.tcp;
}
