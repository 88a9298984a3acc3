/**
 * The Modbus master: one asynchronous client (with a blocking facade) over Modbus TCP, RTU and ASCII over TCP, UDP,
 * and a serial line (RTU and ASCII over jSerialComm), with bounded pipelining, transaction ids that are never
 * reused while an answer may still come, one deadline per attempt, retries that know what is safe, and reconnect
 * with backoff.
 */
module dev.modbustoolkit.client {
  requires transitive dev.modbustoolkit.pdu;
  requires transitive dev.modbustoolkit.transport;
  // ClientMetrics' latencies come from server-core's LatencyHistogram (readable through transport as well; named
  // here because the client uses it itself).
  requires dev.modbustoolkit.server.core;
  requires dev.modbustoolkit.mbap;
  // The serial builder takes SerialLineSettings and SerialMode of the framing module.
  requires transitive dev.modbustoolkit.serial;
  // jSerialComm 2.11 ships a real module-info (META-INF/versions/9) named com.fazecast.jSerialComm.
  requires com.fazecast.jSerialComm;
  requires dev.modbustoolkit.registers;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.client;
}
