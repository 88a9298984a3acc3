package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.ascii;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.bytes;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestVector;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseVector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.HexSpecVectorsSupport.Framing;
import org.junit.jupiter.api.Test;

/**
 * Spec V1.1b3 §6.7, 6.8 (every sub-function), 6.9, 6.10, 6.13: serial-line diagnostics, examples and failures.
 *
 * <p>Only sub-function 00 and the FC07/0B/0C responses have literal hex examples in the spec; the other
 * sub-functions follow the field tables of §6.8.1 (request data 00 00, response data = the counter or an echo).
 */
class DiagnosticsSpecVectorsTest {

  // ---- FC07 Read Exception Status (§6.7) -------------------------------------------------------------------------

  @Test
  void readExceptionStatusRequestSpecExample() {
    requestVector("07", new ReadExceptionStatusRequest());
  }

  @Test
  void readExceptionStatusResponseSpecExample() {
    // Outputs 8..1 = 0110 1101.
    responseVector("07 6D", new ReadExceptionStatusResponse(0x6D));
  }

  @Test
  void readExceptionStatusException() {
    responseVector("87 04", new ExceptionResponse(0x07, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  @Test
  void readExceptionStatusTrailingByteRejected() {
    HexSpecVectorsSupport.requestRejected("07 00", PduViolation.TRAILING_BYTES, 1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC08 Diagnostics (§6.8) -----------------------------------------------------------------------------------

  @Test
  void returnQueryDataSpecExample() {
    DiagnosticsRequest request = new DiagnosticsRequest(0x0000, bytes(0xA5, 0x37));
    // Sub-function 00's data has no fixed length, so the prefix cannot tell the PDU length.
    requestVector("08 00 00 A5 37", request, Framing.NOT_CHECKED);
    responseVector("08 00 00 A5 37", new DiagnosticsResponse(0x0000, bytes(0xA5, 0x37)), Framing.NOT_CHECKED);
    assertThat(request).isEqualTo(DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_QUERY_DATA, 0xA537));
    assertThat(request.knownSubFunction()).contains(DiagnosticSubFunction.RETURN_QUERY_DATA);
  }

  @Test
  void returnQueryDataEchoesSeveralWords() {
    // "Any data, length limited by the maximum PDU": N x 2 bytes echoed unchanged.
    requestVector("08 00 00 A5 37 12 34", new DiagnosticsRequest(0x0000, bytes(0xA5, 0x37, 0x12, 0x34)), Framing.NOT_CHECKED);
    responseVector(
        "08 00 00 A5 37 12 34", new DiagnosticsResponse(0x0000, bytes(0xA5, 0x37, 0x12, 0x34)), Framing.NOT_CHECKED);
  }

  @Test
  void restartCommunicationsOption() {
    // Data 00 00 keeps the event log, FF 00 clears it; the normal response echoes the request.
    requestVector("08 00 01 00 00", DiagnosticsRequest.of(DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION, 0x0000));
    requestVector("08 00 01 FF 00", DiagnosticsRequest.of(DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION, 0xFF00));
    responseVector("08 00 01 FF 00", new DiagnosticsResponse(0x0001, bytes(0xFF, 0x00)), Framing.NOT_CHECKED);
  }

  @Test
  void restartCommunicationsOptionOtherDataRejected() {
    requestRejected("08 00 01 12 34", PduViolation.ILLEGAL_VALUE, 0x1234, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void returnDiagnosticRegister() {
    requestVector("08 00 02 00 00", DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_DIAGNOSTIC_REGISTER, 0));
    responseVector("08 00 02 80 01", new DiagnosticsResponse(0x0002, bytes(0x80, 0x01)), Framing.NOT_CHECKED);
  }

  @Test
  void changeAsciiInputDelimiter() {
    // Data is CHAR 00: here CR (0x0D) replaces the default LF.
    DiagnosticsRequest request = new DiagnosticsRequest(0x0003, bytes(0x0D, 0x00));
    requestVector("08 00 03 0D 00", request);
    assertThat(request).isEqualTo(DiagnosticsRequest.of(DiagnosticSubFunction.CHANGE_ASCII_INPUT_DELIMITER, 0x0D00));
    responseVector("08 00 03 0D 00", new DiagnosticsResponse(0x0003, bytes(0x0D, 0x00)), Framing.NOT_CHECKED);
  }

  @Test
  void changeAsciiInputDelimiterSecondByteMustBeZero() {
    requestRejectedOffendingWordOrByte("08 00 03 0D 01", 0x0D01, 0x01);
  }

  @Test
  void forceListenOnlyMode() {
    // The spec's server sends no response to this one; only the request has a wire form.
    requestVector("08 00 04 00 00", DiagnosticsRequest.of(DiagnosticSubFunction.FORCE_LISTEN_ONLY_MODE, 0));
  }

  @Test
  void clearCountersAndDiagnosticRegister() {
    requestVector("08 00 0A 00 00", DiagnosticsRequest.of(DiagnosticSubFunction.CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER, 0));
    responseVector("08 00 0A 00 00", new DiagnosticsResponse(0x000A, bytes(0x00, 0x00)), Framing.NOT_CHECKED);
  }

  @Test
  void clearCountersWithNonZeroDataRejected() {
    requestRejected("08 00 0A 00 01", PduViolation.ILLEGAL_VALUE, 0x0001, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void returnBusMessageCount() {
    counterVector(DiagnosticSubFunction.RETURN_BUS_MESSAGE_COUNT, "0B", 0x01, 0x2C);
  }

  @Test
  void returnBusCommunicationErrorCount() {
    counterVector(DiagnosticSubFunction.RETURN_BUS_COMMUNICATION_ERROR_COUNT, "0C", 0x00, 0x03);
  }

  @Test
  void returnBusExceptionErrorCount() {
    counterVector(DiagnosticSubFunction.RETURN_BUS_EXCEPTION_ERROR_COUNT, "0D", 0x00, 0x07);
  }

  @Test
  void returnServerMessageCount() {
    counterVector(DiagnosticSubFunction.RETURN_SERVER_MESSAGE_COUNT, "0E", 0x01, 0x20);
  }

  @Test
  void returnServerNoResponseCount() {
    counterVector(DiagnosticSubFunction.RETURN_SERVER_NO_RESPONSE_COUNT, "0F", 0x00, 0x05);
  }

  @Test
  void returnServerNakCount() {
    counterVector(DiagnosticSubFunction.RETURN_SERVER_NAK_COUNT, "10", 0x00, 0x00);
  }

  @Test
  void returnServerBusyCount() {
    counterVector(DiagnosticSubFunction.RETURN_SERVER_BUSY_COUNT, "11", 0x00, 0x02);
  }

  @Test
  void returnBusCharacterOverrunCount() {
    counterVector(DiagnosticSubFunction.RETURN_BUS_CHARACTER_OVERRUN_COUNT, "12", 0xFF, 0xFF);
  }

  @Test
  void clearOverrunCounterAndFlag() {
    requestVector("08 00 14 00 00", DiagnosticsRequest.of(DiagnosticSubFunction.CLEAR_OVERRUN_COUNTER_AND_FLAG, 0));
    responseVector("08 00 14 00 00", new DiagnosticsResponse(0x0014, bytes(0x00, 0x00)), Framing.NOT_CHECKED);
  }

  @Test
  void everySubFunctionHasTheSpecCode() {
    assertThat(DiagnosticSubFunction.values())
        .extracting(DiagnosticSubFunction::code)
        .containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x14);
    assertThat(DiagnosticSubFunction.of(0x13)).isEmpty();
    assertThat(DiagnosticSubFunction.of(0x15)).isEmpty();
  }

  @Test
  void unknownSubFunctionRejected() {
    // Sub-function 05..09 are reserved: exception 01 per the FC08 state diagram.
    requestRejected("08 00 05 00 00", PduViolation.UNSUPPORTED_SUB_FUNCTION, 0x05, ExceptionCode.ILLEGAL_FUNCTION);
  }

  @Test
  void modbusPlusSubFunctionRejected() {
    // 0x15 (Get/Clear Modbus Plus Statistics) is not in the contract's sub-function set.
    requestRejected("08 00 15 00 03", PduViolation.UNSUPPORTED_SUB_FUNCTION, 0x15, ExceptionCode.ILLEGAL_FUNCTION);
  }

  @Test
  void responseWithUnknownSubFunctionIsKept() {
    // A client must see what the device sent, even a sub-function the contract does not name.
    DiagnosticsResponse response = new DiagnosticsResponse(0x0015, bytes(0x00, 0x03));
    responseVector("08 00 15 00 03", response, Framing.NOT_CHECKED);
  }

  @Test
  void diagnosticsException() {
    responseVector("88 01", new ExceptionResponse(0x08, ExceptionCode.ILLEGAL_FUNCTION));
  }

  @Test
  void diagnosticsTruncatedSubFunctionRejected() {
    HexSpecVectorsSupport.requestRejectedAnyValue("08 00", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  private static void counterVector(DiagnosticSubFunction sub, String code, int high, int low) {
    DiagnosticsRequest request = DiagnosticsRequest.of(sub, 0);
    requestVector("08 00 " + code + " 00 00", request);
    assertThat(request.knownSubFunction()).contains(sub);
    assertThat(request.subFunction()).isEqualTo(sub.code());
    responseVector(
        String.format("08 00 %s %02X %02X", code, high, low),
        new DiagnosticsResponse(sub.code(), bytes(high, low)),
        Framing.NOT_CHECKED);
  }

  private static void requestRejectedOffendingWordOrByte(String wire, long word, long lowByte) {
    ModbusDecodeException e =
        HexSpecVectorsSupport.requestRejectedAnyValue(wire, PduViolation.ILLEGAL_VALUE, ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(e.offendingValue()).isIn(word, lowByte);
  }

  // ---- FC0B Get Comm Event Counter (§6.9) ------------------------------------------------------------------------

  @Test
  void getCommEventCounterRequestSpecExample() {
    requestVector("0B", new GetCommEventCounterRequest());
  }

  @Test
  void getCommEventCounterResponseSpecExample() {
    // Status FF FF (busy), event count 0x0108 = 264.
    GetCommEventCounterResponse expected = new GetCommEventCounterResponse(true, 0x0108);
    responseVector("0B FF FF 01 08", expected);
    assertThat(expected.eventCount()).isEqualTo(264);
  }

  @Test
  void getCommEventCounterNotBusy() {
    responseVector("0B 00 00 FF FF", new GetCommEventCounterResponse(false, 0xFFFF));
  }

  @Test
  void getCommEventCounterStatusOtherThan0000OrFFFFRejected() {
    responseRejected("0B 12 34 01 08", PduViolation.ILLEGAL_VALUE, 0x1234, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void getCommEventCounterException() {
    responseVector("8B 04", new ExceptionResponse(0x0B, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  // ---- FC0C Get Comm Event Log (§6.10) ---------------------------------------------------------------------------

  @Test
  void getCommEventLogRequestSpecExample() {
    requestVector("0C", new GetCommEventLogRequest());
  }

  @Test
  void getCommEventLogResponseSpecExample() {
    // Byte count 8: status 0000, event count 264, message count 289, events 20 (sent) and 00 (restart).
    GetCommEventLogResponse expected = new GetCommEventLogResponse(false, 0x0108, 0x0121, bytes(0x20, 0x00));
    responseVector("0C 08 00 00 01 08 01 21 20 00", expected);
    assertThat(expected.messageCount()).isEqualTo(289);
  }

  @Test
  void getCommEventLogBusyWithoutEvents() {
    responseVector("0C 06 FF FF 00 00 00 00", new GetCommEventLogResponse(true, 0, 0, bytes()));
  }

  @Test
  void getCommEventLogByteCountMismatchRejected() {
    // Byte count 9 but only 8 bytes follow.
    HexSpecVectorsSupport.responseRejectedAnyValue(
        "0C 09 00 00 01 08 01 21 20 00", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void getCommEventLogException() {
    responseVector("8C 04", new ExceptionResponse(0x0C, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  // ---- FC11 Report Server ID (§6.13) ----------------------------------------------------------------------------

  @Test
  void reportServerIdRequestSpecExample() {
    requestVector("11", new ReportServerIdRequest());
  }

  @Test
  void reportServerIdResponseFromTheSpecFieldLayout() {
    // The spec gives fields, not bytes: server id (device specific, here 0x2A), run indicator FF = ON, then
    // additional data (here "PLC").
    ReportServerIdResponse expected = new ReportServerIdResponse(bytes(0x2A, 0xFF, 'P', 'L', 'C'));
    responseVector("11 05 2A FF 'PLC'", expected);
    assertThat(ReportServerIdResponse.of(bytes(0x2A), true, ascii("PLC"))).isEqualTo(expected);
  }

  @Test
  void reportServerIdResponseOff() {
    ReportServerIdResponse expected = ReportServerIdResponse.of(bytes(0x01, 0x02), false, bytes());
    responseVector("11 03 01 02 00", expected);
  }

  @Test
  void reportServerIdException() {
    responseVector("91 04", new ExceptionResponse(0x11, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  @Test
  void reportServerIdRequestTrailingByteRejected() {
    HexSpecVectorsSupport.requestRejected("11 00", PduViolation.TRAILING_BYTES, 1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- Limits ----------------------------------------------------------------------------------------------------

  @Test
  void returnQueryDataLongestEcho() {
    // 1 (function) + 2 (sub-function) + 250 data bytes = the 253-byte PDU limit.
    byte[] data = new byte[250];
    java.util.Arrays.fill(data, (byte) 0xA5);
    requestVector("08 00 00" + " A5".repeat(250), new DiagnosticsRequest(0, data), Framing.NOT_CHECKED);
    responseVector("08 00 00" + " A5".repeat(250), new DiagnosticsResponse(0, data), Framing.NOT_CHECKED);
  }

  @Test
  void returnQueryDataBeyondPduLimitRejected() {
    HexSpecVectorsSupport.requestRejectedAsOneOf(
        "08 00 00" + " A5".repeat(251),
        ExceptionCode.ILLEGAL_DATA_VALUE,
        PduViolation.QUANTITY_OUT_OF_RANGE,
        PduViolation.BYTE_COUNT_MISMATCH);
  }

  @Test
  void subFunctionsWithFixedDataRefuseOtherWords() {
    requestRejected("08 00 04 00 01", PduViolation.ILLEGAL_VALUE, 0x0001, ExceptionCode.ILLEGAL_DATA_VALUE);
    requestRejected("08 00 14 FF 00", PduViolation.ILLEGAL_VALUE, 0xFF00, ExceptionCode.ILLEGAL_DATA_VALUE);
    requestRejected("08 00 0B 00 01", PduViolation.ILLEGAL_VALUE, 0x0001, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void subFunctionsWithFixedDataRefuseOtherLengths() {
    HexSpecVectorsSupport.requestRejectedAsOneOf(
        "08 00 02 00 00 00 00",
        ExceptionCode.ILLEGAL_DATA_VALUE,
        PduViolation.ILLEGAL_VALUE,
        PduViolation.TRAILING_BYTES);
    HexSpecVectorsSupport.requestRejectedAsOneOf(
        "08 00 02 00", ExceptionCode.ILLEGAL_DATA_VALUE, PduViolation.ILLEGAL_VALUE, PduViolation.TRUNCATED);
  }

  @Test
  void getCommEventLogWith64EventsAccepted() {
    byte[] events = new byte[64];
    java.util.Arrays.fill(events, (byte) 0x40);
    responseVector(
        "0C 46 00 00 01 08 01 21" + " 40".repeat(64), new GetCommEventLogResponse(false, 0x0108, 0x0121, events));
  }

  @Test
  void getCommEventLogWith65EventsRejected() {
    // §6.10: the log holds at most 64 events.
    HexSpecVectorsSupport.responseRejectedAsOneOf(
        "0C 47 00 00 01 08 01 21" + " 40".repeat(65),
        ExceptionCode.ILLEGAL_DATA_VALUE,
        PduViolation.QUANTITY_OUT_OF_RANGE,
        PduViolation.BYTE_COUNT_MISMATCH);
  }

  @Test
  void getCommEventLogByteCountBelow6Rejected() {
    responseRejected("0C 05 00 00 01 08 01", PduViolation.BYTE_COUNT_MISMATCH, 5, ExceptionCode.ILLEGAL_DATA_VALUE);
  }
}
