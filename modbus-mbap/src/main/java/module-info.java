/**
 * Modbus TCP framing: the MBAP header and a streaming frame decoder and encoder (Modbus Messaging on TCP/IP
 * Implementation Guide V1.0b).
 */
module dev.modbustoolkit.mbap {
  requires transitive dev.modbustoolkit.pdu;
  requires static org.jspecify;

  exports dev.modbustoolkit.mbap;
}
