package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejectedAnyValue;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseRejectedAnyValue;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseVector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Spec V1.1b3 §7: exception responses, exception codes, and PDUs rejected before any function code logic. */
class ExceptionSpecVectorsTest {

  @Test
  void exceptionCodesAreTheSpecCodes() {
    assertThat(ExceptionCode.values())
        .extracting(ExceptionCode::code)
        .containsExactly(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0A, 0x0B);
    assertThat(ExceptionCode.of(0x09)).isEmpty();
    assertThat(ExceptionCode.of(0x0A)).contains(ExceptionCode.GATEWAY_PATH_UNAVAILABLE);
  }

  /** Every function code of the contract, with an exception code its §6 section names. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "81 02, 01, 02", // §7 example: 01 04 A1 00 01 -> 81 02
    "82 02, 02, 02",
    "83 02, 03, 02",
    "84 03, 04, 03",
    "85 03, 05, 03",
    "86 02, 06, 02",
    "87 04, 07, 04",
    "88 01, 08, 01",
    "8B 04, 0B, 04",
    "8C 04, 0C, 04",
    "8F 03, 0F, 03",
    "90 02, 10, 02",
    "91 04, 11, 04",
    "94 02, 14, 02",
    "95 03, 15, 03",
    "96 02, 16, 02",
    "97 03, 17, 03",
    "98 03, 18, 03",
    "AB 01, 2B, 01",
    "C1 01, 41, 01", // user-defined 65
    "E4 04, 64, 04", // user-defined 100
    "83 05, 03, 05",
    "83 06, 03, 06",
    "94 07, 14, 07",
    "94 08, 14, 08",
    "83 0A, 03, 0A",
    "83 0B, 03, 0B",
  })
  void exceptionResponseForEveryFunctionCode(String wire, String functionCode, String exceptionCode) {
    int fc = Integer.parseInt(functionCode, 16);
    int code = Integer.parseInt(exceptionCode, 16);
    ExceptionCode known = ExceptionCode.of(code).orElseThrow();
    ExceptionResponse expected = new ExceptionResponse(fc, known);
    responseVector(wire, expected);
    assertThat(expected).isEqualTo(new ExceptionResponse(fc, code));
    // functionCode() is the original code, without the 0x80 flag.
    assertThat(expected.functionCode()).isEqualTo(fc);
    assertThat(expected.exceptionCode()).isEqualTo(code);
    assertThat(expected.knownExceptionCode()).contains(known);
  }

  /** The hot-path writer gives the same bytes as the record's encoding, at the buffer's position. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "81 02, 01, 02", // §7 example: 01 04 A1 00 01 -> 81 02
    "83 0B, 03, 0B",
    "90 02, 10, 02",
    "AB 01, 2B, 01",
    "E4 04, 64, 04",
    "FF 01, 7F, 01", // the highest function code
    "83 02, 83, 02", // a code byte that already carries 0x80 is not changed
    "80 01, 00, 01", // low seven bits only: what the caller passes is never widened
    "83 FF, 03, FF", // an exception code outside the spec table
  })
  void writeExceptionWritesTheSpecBytes(String wire, String functionCode, String exceptionCode) {
    int fc = Integer.parseInt(functionCode, 16);
    int code = Integer.parseInt(exceptionCode, 16);
    ByteBuffer out = ByteBuffer.allocate(8).put((byte) 0xEE);

    int written = ExceptionResponse.writeException(fc, code, out);

    assertThat(written).isEqualTo(2);
    assertThat(out.position()).isEqualTo(3);
    assertThat(HexSpecVectorsSupport.hex(wire)).isEqualTo(Arrays.copyOfRange(out.array(), 1, 3));
    ExceptionCode.of(code).ifPresent(known -> {
      ByteBuffer typed = ByteBuffer.allocate(2);
      assertThat(ExceptionResponse.writeException(fc, known, typed)).isEqualTo(2);
      assertThat(typed.array()).isEqualTo(HexSpecVectorsSupport.hex(wire));
    });
  }

  @Test
  void writeExceptionIntoAFullBufferWritesNothing() {
    ByteBuffer out = ByteBuffer.allocate(3).position(2);

    assertThrows(BufferOverflowException.class,
        () -> ExceptionResponse.writeException(3, ExceptionCode.ILLEGAL_DATA_ADDRESS, out));
    assertThat(out.position()).isEqualTo(2);
    assertThat(out.get(2)).isZero();
  }

  @Test
  void exceptionCodeOutsideTheSpecTableIsKept() {
    // Devices send codes the spec does not define; the client must still see them.
    ExceptionResponse expected = new ExceptionResponse(0x03, 0x0C);
    responseVector("83 0C", expected);
    assertThat(expected.knownExceptionCode()).isEmpty();
    responseVector("83 FF", new ExceptionResponse(0x03, 0xFF));
  }

  @Test
  void exceptionResponseForAnUnknownFunctionCodeIsKept() {
    // §7 example of exception 01: the server does not know the function; the reply still carries its code.
    ExceptionResponse expected = new ExceptionResponse(0x09, ExceptionCode.ILLEGAL_FUNCTION);
    responseVector("89 01", expected);
  }

  @Test
  void exceptionResponseWithoutCodeRejected() {
    responseRejectedAnyValue("83", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void exceptionResponseWithTrailingByteRejected() {
    responseRejected("83 02 00", PduViolation.TRAILING_BYTES, 1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void unknownFunctionCode09Rejected() {
    // 0x09 is not a public function code: the state diagrams' first test answers exception 01.
    ModbusDecodeException e =
        requestRejected("09 00 00", PduViolation.UNSUPPORTED_FUNCTION_CODE, 0x09, ExceptionCode.ILLEGAL_FUNCTION);
    assertThat(e.functionCode()).isIn(-1, 0x09);
  }

  @Test
  void unknownFunctionCode29Rejected() {
    ModbusDecodeException e =
        requestRejected("29", PduViolation.UNSUPPORTED_FUNCTION_CODE, 0x29, ExceptionCode.ILLEGAL_FUNCTION);
    assertThat(e.functionCode()).isIn(-1, 0x29);
  }

  @Test
  void functionCodeZeroRejected() {
    requestRejected("00 00 00 00 01", PduViolation.UNSUPPORTED_FUNCTION_CODE, 0x00, ExceptionCode.ILLEGAL_FUNCTION);
  }

  @Test
  void unknownFunctionCodeInResponseRejected() {
    ModbusDecodeException e =
        responseRejected("09 00", PduViolation.UNSUPPORTED_FUNCTION_CODE, 0x09, ExceptionCode.ILLEGAL_FUNCTION);
    assertThat(e.functionCode()).isIn(-1, 0x09);
  }

  @Test
  void emptyRequestRejected() {
    ModbusDecodeException e =
        requestRejected("", PduViolation.EMPTY_PDU, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(e.functionCode()).isEqualTo(-1);
  }

  @Test
  void emptyResponseRejected() {
    ModbusDecodeException e =
        responseRejected("", PduViolation.EMPTY_PDU, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(e.functionCode()).isEqualTo(-1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"01", "01 00 13 00", "03 00 6B 00", "05 00 AC FF", "06 00 01 00", "0F 00 13 00 0A", "16 00 04 00 F2 00", "18"})
  void truncatedRequestRejected(String wire) {
    requestRejectedAnyValue(wire, PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"01 03 CD 6B", "03 06 02 2B 00 00 00", "0B FF FF 01", "18 00 06 00 02 01 B8 12", "07"})
  void truncatedResponseRejected(String wire) {
    responseRejectedAnyValue(wire, PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"01 00 13 00 13 00", "03 00 6B 00 03 FF", "05 00 AC FF 00 00", "0B 00", "0C 00", "18 04 DE 00"})
  void trailingBytesInRequestRejected(String wire) {
    requestRejected(wire, PduViolation.TRAILING_BYTES, 1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"01 03 CD 6B 05 00", "03 06 02 2B 00 00 00 64 00", "07 6D 00", "10 00 01 00 02 00"})
  void trailingBytesInResponseRejected(String wire) {
    responseRejected(wire, PduViolation.TRAILING_BYTES, 1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void decodeExceptionIsStackless() {
    // A server sees malformed frames as normal traffic; filling a stack trace per frame would be waste.
    ModbusDecodeException e =
        assertThrows(ModbusDecodeException.class, () -> ModbusPduCodec.decodeRequest(ByteBuffer.allocate(0)));
    assertThat(e.getStackTrace()).isEmpty();
  }

  @Test
  void violationsMapToTheStateDiagramExceptionCodes() {
    assertThat(PduViolation.UNSUPPORTED_FUNCTION_CODE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
    assertThat(PduViolation.UNSUPPORTED_SUB_FUNCTION.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
    assertThat(PduViolation.QUANTITY_OUT_OF_RANGE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(PduViolation.BYTE_COUNT_MISMATCH.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(PduViolation.ILLEGAL_VALUE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(PduViolation.TRUNCATED.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(PduViolation.TRAILING_BYTES.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(PduViolation.EMPTY_PDU.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(PduViolation.ADDRESS_OUT_OF_RANGE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    assertThat(PduViolation.FILE_RECORD_OUT_OF_RANGE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }
}
