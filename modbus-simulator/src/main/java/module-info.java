/** The runnable Modbus device simulator: command line, devices, Modbus TCP server. */
module dev.modbustoolkit.simulator {
  requires transitive dev.modbustoolkit.server.tcp;
  requires transitive dev.modbustoolkit.registers;
  requires static org.jspecify;

  exports dev.modbustoolkit.simulator;
}
