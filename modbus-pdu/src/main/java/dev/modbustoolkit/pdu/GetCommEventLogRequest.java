package dev.modbustoolkit.pdu;

/** FC0C Get Comm Event Log request (serial line only): the function code alone, no data. */
public record GetCommEventLogRequest() implements ModbusRequest {
  @Override
  public int functionCode() {
    return FunctionCode.GET_COMM_EVENT_LOG.code();
  }
}
