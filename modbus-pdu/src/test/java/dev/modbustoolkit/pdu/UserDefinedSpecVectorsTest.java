package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.bytes;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestVector;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseVector;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.HexSpecVectorsSupport.Framing;
import org.junit.jupiter.api.Test;

/**
 * Spec V1.1b3 §5.1: user-defined function codes 65-72 and 100-110. The spec defines no content for them, so the
 * PDU layer carries the data untouched and cannot tell their length from a prefix.
 */
class UserDefinedSpecVectorsTest {

  @Test
  void userDefinedRanges() {
    assertThat(FunctionCode.isUserDefined(65)).isTrue();
    assertThat(FunctionCode.isUserDefined(72)).isTrue();
    assertThat(FunctionCode.isUserDefined(100)).isTrue();
    assertThat(FunctionCode.isUserDefined(110)).isTrue();
    assertThat(FunctionCode.isUserDefined(64)).isFalse();
    assertThat(FunctionCode.isUserDefined(73)).isFalse();
    assertThat(FunctionCode.isUserDefined(99)).isFalse();
    assertThat(FunctionCode.isUserDefined(111)).isFalse();
    assertThat(FunctionCode.of(65)).isEmpty();
  }

  @Test
  void userDefined65Request() {
    UserDefinedRequest expected = new UserDefinedRequest(65, bytes(0x01, 0x02, 0x03));
    requestVector("41 01 02 03", expected, Framing.OPAQUE);
    assertThat(expected.functionCode()).isEqualTo(0x41);
  }

  @Test
  void userDefined65Response() {
    responseVector("41 00 FF 80", new UserDefinedResponse(65, bytes(0x00, 0xFF, 0x80)), Framing.OPAQUE);
  }

  @Test
  void userDefined65WithoutData() {
    requestVector("41", new UserDefinedRequest(65, bytes()), Framing.OPAQUE);
    responseVector("41", new UserDefinedResponse(65, bytes()), Framing.OPAQUE);
  }

  @Test
  void userDefined65Exception() {
    responseVector("C1 01", new ExceptionResponse(65, ExceptionCode.ILLEGAL_FUNCTION));
  }

  @Test
  void userDefined100Request() {
    requestVector("64 DE AD BE EF", new UserDefinedRequest(100, bytes(0xDE, 0xAD, 0xBE, 0xEF)), Framing.OPAQUE);
  }

  @Test
  void userDefined100Response() {
    responseVector("64 00", new UserDefinedResponse(100, bytes(0x00)), Framing.OPAQUE);
  }

  @Test
  void userDefined100Exception() {
    responseVector("E4 04", new ExceptionResponse(100, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  @Test
  void userDefinedWithLongestData() {
    // 252 data bytes + the function code = the 253-byte PDU limit.
    byte[] data = new byte[252];
    StringBuilder wire = new StringBuilder("6E");
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) i;
      wire.append(String.format(" %02X", i));
    }
    requestVector(wire.toString(), new UserDefinedRequest(110, data), Framing.OPAQUE);
  }

  @Test
  void codeJustOutsideTheUserDefinedRangesRejected() {
    requestRejected("49 01 02", PduViolation.UNSUPPORTED_FUNCTION_CODE, 0x49, ExceptionCode.ILLEGAL_FUNCTION);
    requestRejected("6F 01 02", PduViolation.UNSUPPORTED_FUNCTION_CODE, 0x6F, ExceptionCode.ILLEGAL_FUNCTION);
  }

  @Test
  void userDefinedBeyondPduLimitRejected() {
    HexSpecVectorsSupport.requestRejectedAsOneOf(
        "6E" + " 00".repeat(253),
        ExceptionCode.ILLEGAL_DATA_VALUE,
        PduViolation.QUANTITY_OUT_OF_RANGE,
        PduViolation.BYTE_COUNT_MISMATCH);
  }
}
