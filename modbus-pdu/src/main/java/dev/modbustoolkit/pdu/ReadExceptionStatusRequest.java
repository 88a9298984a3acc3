package dev.modbustoolkit.pdu;

/** FC07 Read Exception Status request (serial line only): the function code alone, no data. */
public record ReadExceptionStatusRequest() implements ModbusRequest {
  @Override
  public int functionCode() {
    return FunctionCode.READ_EXCEPTION_STATUS.code();
  }
}
