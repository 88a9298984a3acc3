package dev.modbustoolkit.pdu;

/** FC11 Report Server ID request (serial line only): the function code alone, no data. */
public record ReportServerIdRequest() implements ModbusRequest {
  @Override
  public int functionCode() {
    return FunctionCode.REPORT_SERVER_ID.code();
  }
}
