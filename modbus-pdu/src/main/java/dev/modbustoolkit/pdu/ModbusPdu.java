package dev.modbustoolkit.pdu;

/** A Modbus protocol data unit: function code and data, independent of the transport (TCP, RTU, ASCII). */
public sealed interface ModbusPdu permits ModbusRequest, ModbusResponse {
  /** {@return the function code byte; for an exception response the original function code, without 0x80} */
  int functionCode();
}
