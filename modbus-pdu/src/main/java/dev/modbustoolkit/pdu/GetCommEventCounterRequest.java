package dev.modbustoolkit.pdu;

/** FC0B Get Comm Event Counter request (serial line only): the function code alone, no data. */
public record GetCommEventCounterRequest() implements ModbusRequest {
  @Override
  public int functionCode() {
    return FunctionCode.GET_COMM_EVENT_COUNTER.code();
  }
}
