/**
 * Modbus serial-line server (Modbus over Serial Line V1.02): RTU and ASCII framing on a serial port through
 * jSerialComm, and the same framing carried over TCP connections (RTU over TCP).
 */
module dev.modbustoolkit.server.rtu {
  requires transitive dev.modbustoolkit.server.core;
  requires transitive dev.modbustoolkit.fault;
  // jSerialComm 2.11 ships a real module-info (META-INF/versions/9) named com.fazecast.jSerialComm.
  requires com.fazecast.jSerialComm;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports dev.modbustoolkit.server.rtu;
}
