package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.LimitAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FC08 request: known sub-functions only, and the data each sub-function allows (spec 6.8.1). */
class DiagnosticsRequestLimitsTest {

  private static byte[] word(int w) {
    return new byte[] {(byte) (w >>> 8), (byte) w};
  }

  @ParameterizedTest
  @ValueSource(ints = {0x05, 0x09, 0x13, 0x15, 0xFFFF, -1, 0x10000})
  void unknownSubFunctionRejected(int subFunction) {
    assertRejected(() -> new DiagnosticsRequest(subFunction, word(0)), PduViolation.UNSUPPORTED_SUB_FUNCTION,
        subFunction);
  }

  @Test
  void returnQueryDataTakesZeroTo250Bytes() {
    assertThat(new DiagnosticsRequest(0, new byte[0]).dataLength()).isZero();
    assertThat(new DiagnosticsRequest(0, new byte[] {1, 2, 3}).dataLength()).isEqualTo(3);
    assertThat(new DiagnosticsRequest(0, new byte[250]).dataLength()).isEqualTo(250);
    assertRejected(() -> new DiagnosticsRequest(0, new byte[251]), PduViolation.QUANTITY_OUT_OF_RANGE, 251);
  }

  @Test
  void restartCommunicationsTakes0000OrFF00() {
    assertThat(new DiagnosticsRequest(0x01, word(0x0000)).dataLength()).isEqualTo(2);
    assertThat(new DiagnosticsRequest(0x01, word(0xFF00)).dataByte(0)).isEqualTo(0xFF);
    assertRejected(() -> new DiagnosticsRequest(0x01, word(0x00FF)), PduViolation.ILLEGAL_VALUE, 0x00FF);
    assertRejected(() -> new DiagnosticsRequest(0x01, word(0xFFFF)), PduViolation.ILLEGAL_VALUE, 0xFFFF);
    assertRejected(() -> new DiagnosticsRequest(0x01, new byte[0]), PduViolation.ILLEGAL_VALUE, 0);
  }

  @Test
  void changeAsciiDelimiterTakesACharacterThenZero() {
    assertThat(new DiagnosticsRequest(0x03, word(0x0A00)).dataByte(0)).isEqualTo(0x0A);
    assertThat(new DiagnosticsRequest(0x03, word(0xFF00)).dataByte(1)).isZero();
    assertRejected(() -> new DiagnosticsRequest(0x03, word(0x0A01)), PduViolation.ILLEGAL_VALUE, 0x0A01);
    assertRejected(() -> new DiagnosticsRequest(0x03, new byte[] {0x0A}), PduViolation.ILLEGAL_VALUE, 1);
  }

  @ParameterizedTest
  @EnumSource(value = DiagnosticSubFunction.class, mode = EnumSource.Mode.EXCLUDE,
      names = {"RETURN_QUERY_DATA", "RESTART_COMMUNICATIONS_OPTION", "CHANGE_ASCII_INPUT_DELIMITER"})
  void otherSubFunctionsTakeExactly0000(DiagnosticSubFunction sub) {
    DiagnosticsRequest ok = new DiagnosticsRequest(sub.code(), word(0));
    assertThat(ok.knownSubFunction()).contains(sub);
    assertRejected(() -> new DiagnosticsRequest(sub.code(), word(0x0001)), PduViolation.ILLEGAL_VALUE, 1);
    assertRejected(() -> new DiagnosticsRequest(sub.code(), word(0xFF00)), PduViolation.ILLEGAL_VALUE, 0xFF00);
    assertRejected(() -> new DiagnosticsRequest(sub.code(), new byte[0]), PduViolation.ILLEGAL_VALUE, 0);
    assertRejected(() -> new DiagnosticsRequest(sub.code(), new byte[4]), PduViolation.ILLEGAL_VALUE, 4);
  }

  @Test
  void everySubFunctionIsCovered() {
    // 15 sub-functions in the spec table, 0x00..0x04 and 0x0A..0x12, 0x14
    assertThat(EnumSet.allOf(DiagnosticSubFunction.class)).hasSize(15);
  }

  @Test
  void factoryBuildsADataWord() {
    DiagnosticsRequest r = DiagnosticsRequest.of(DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION, 0xFF00);
    assertThat(r.subFunction()).isEqualTo(0x01);
    assertThat(r.data()).containsExactly(0xFF, 0x00);
    assertRejected(() -> DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_QUERY_DATA, 65536),
        PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_QUERY_DATA, -1),
        PduViolation.ILLEGAL_VALUE, -1);
  }
}
