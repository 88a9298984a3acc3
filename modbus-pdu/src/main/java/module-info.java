/** Modbus PDU model and codec: one immutable type per function code and direction. */
module dev.modbustoolkit.pdu {
  requires static org.jspecify;

  exports dev.modbustoolkit.pdu;
}
