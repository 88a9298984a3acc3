/**
 * The Modbus master: one asynchronous client (with a blocking facade) over Modbus TCP, RTU and ASCII over TCP, and
 * UDP, with bounded pipelining, transaction ids that are never reused while an answer may still come, one deadline
 * per attempt, retries that know what is safe, and reconnect with backoff.
 */
module dev.modbustoolkit.client {
  requires transitive dev.modbustoolkit.pdu;
  requires transitive dev.modbustoolkit.transport;
  requires dev.modbustoolkit.mbap;
  requires dev.modbustoolkit.serial;
  requires dev.modbustoolkit.registers;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.client;
}
