/**
 * Modbus serial-line server (Modbus over Serial Line V1.02): RTU and ASCII framing on a serial port through
 * jSerialComm. The framing itself (checks, line settings, timing, decoders, encoders) is modbus-serial-framing's;
 * faulted answers go through the transport layer's one fault-plan interpreter (modbus-transport). RTU and ASCII
 * over TCP are modbus-server-tcp's.
 */
module dev.modbustoolkit.server.rtu {
  requires transitive dev.modbustoolkit.server.core;
  requires transitive dev.modbustoolkit.fault;
  // The public API takes SerialLineSettings, SerialMode and RtuTiming of the framing module.
  requires transitive dev.modbustoolkit.serial;
  requires transitive dev.modbustoolkit.transport;
  // jSerialComm 2.11 ships a real module-info (META-INF/versions/9) named com.fazecast.jSerialComm.
  requires com.fazecast.jSerialComm;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.server.rtu;
}
