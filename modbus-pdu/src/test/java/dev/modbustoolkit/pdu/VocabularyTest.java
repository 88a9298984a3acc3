package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Enums, limits and error types of the public vocabulary. */
class VocabularyTest {

  @ParameterizedTest
  @EnumSource(FunctionCode.class)
  void functionCodeLooksUpByItsCode(FunctionCode fc) {
    assertThat(FunctionCode.of(fc.code())).contains(fc);
    assertThat(FunctionCode.isUserDefined(fc.code())).isFalse();
  }

  @Test
  void functionCodeValuesAreTheSpecOnes() {
    assertThat(Arrays.stream(FunctionCode.values()).mapToInt(FunctionCode::code))
        .containsExactly(0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0F, 0x10, 0x11, 0x14, 0x15,
            0x16, 0x17, 0x18, 0x2B);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 0x09, 0x0A, 0x0D, 0x12, 0x2A, 0x80, 0x81, 0xFF, 0x100, Integer.MAX_VALUE})
  void unknownFunctionCodesAreEmpty(int code) {
    assertThat(FunctionCode.of(code)).isEmpty();
  }

  @Test
  void userDefinedRangesAre65To72And100To110() {
    assertThat(FunctionCode.isUserDefined(64)).isFalse();
    assertThat(FunctionCode.isUserDefined(65)).isTrue();
    assertThat(FunctionCode.isUserDefined(72)).isTrue();
    assertThat(FunctionCode.isUserDefined(73)).isFalse();
    assertThat(FunctionCode.isUserDefined(99)).isFalse();
    assertThat(FunctionCode.isUserDefined(100)).isTrue();
    assertThat(FunctionCode.isUserDefined(110)).isTrue();
    assertThat(FunctionCode.isUserDefined(111)).isFalse();
  }

  @Test
  void exceptionCodesAreTheSpecOnes() {
    assertThat(Arrays.stream(ExceptionCode.values()).mapToInt(ExceptionCode::code))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 0x0A, 0x0B);
    for (ExceptionCode c : ExceptionCode.values()) {
      assertThat(ExceptionCode.of(c.code())).contains(c);
    }
    assertThat(ExceptionCode.of(0)).isEmpty();
    assertThat(ExceptionCode.of(9)).isEmpty();
    assertThat(ExceptionCode.of(0x0C)).isEmpty();
  }

  @Test
  void diagnosticSubFunctionsAreTheSpecOnes() {
    assertThat(Arrays.stream(DiagnosticSubFunction.values()).mapToInt(DiagnosticSubFunction::code))
        .containsExactly(0x00, 0x01, 0x02, 0x03, 0x04, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x14);
    for (DiagnosticSubFunction s : DiagnosticSubFunction.values()) {
      assertThat(DiagnosticSubFunction.of(s.code())).contains(s);
    }
    assertThat(DiagnosticSubFunction.of(0x13)).isEmpty();
    assertThat(DiagnosticSubFunction.of(0x05)).isEmpty();
  }

  @Test
  void readDeviceIdCodesAreOneToFour() {
    assertThat(ReadDeviceIdCode.of(1)).contains(ReadDeviceIdCode.BASIC);
    assertThat(ReadDeviceIdCode.of(2)).contains(ReadDeviceIdCode.REGULAR);
    assertThat(ReadDeviceIdCode.of(3)).contains(ReadDeviceIdCode.EXTENDED);
    assertThat(ReadDeviceIdCode.of(4)).contains(ReadDeviceIdCode.SPECIFIC);
    assertThat(ReadDeviceIdCode.of(0)).isEmpty();
    assertThat(ReadDeviceIdCode.of(5)).isEmpty();
  }

  @Test
  void violationsMapToTheContractsExceptionCodes() {
    assertThat(PduViolation.UNSUPPORTED_FUNCTION_CODE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
    assertThat(PduViolation.UNSUPPORTED_SUB_FUNCTION.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_FUNCTION);
    for (PduViolation v : new PduViolation[] {PduViolation.QUANTITY_OUT_OF_RANGE, PduViolation.BYTE_COUNT_MISMATCH,
        PduViolation.ILLEGAL_VALUE, PduViolation.TRUNCATED, PduViolation.TRAILING_BYTES, PduViolation.EMPTY_PDU}) {
      assertThat(v.exceptionCode()).as(v.name()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    }
    assertThat(PduViolation.ADDRESS_OUT_OF_RANGE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    assertThat(PduViolation.FILE_RECORD_OUT_OF_RANGE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void limitsAreTheSpecOnes() {
    assertThat(ModbusLimits.MAX_PDU_LENGTH).isEqualTo(253);
    assertThat(ModbusLimits.MAX_READ_BITS).isEqualTo(0x7D0);
    assertThat(ModbusLimits.MAX_READ_REGISTERS).isEqualTo(0x7D);
    assertThat(ModbusLimits.MAX_WRITE_COILS).isEqualTo(0x7B0);
    assertThat(ModbusLimits.MAX_WRITE_REGISTERS).isEqualTo(0x7B);
    assertThat(ModbusLimits.MAX_READ_WRITE_READ).isEqualTo(0x7D);
    assertThat(ModbusLimits.MAX_READ_WRITE_WRITE).isEqualTo(0x79);
    assertThat(ModbusLimits.MAX_FIFO_COUNT).isEqualTo(31);
    assertThat(ModbusLimits.MAX_FILE_RECORD_NUMBER).isEqualTo(9999);
    assertThat(ModbusLimits.FILE_REFERENCE_TYPE).isEqualTo(6);
    assertThat(ModbusLimits.MAX_ADDRESS).isEqualTo(65535);
  }

  @Test
  void pduValueExceptionCarriesViolationAndValue() {
    PduValueException e = new PduValueException(PduViolation.ILLEGAL_VALUE, 70000, "value 70000 out of range");
    assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("value 70000 out of range");
    assertThat(e.violation()).isEqualTo(PduViolation.ILLEGAL_VALUE);
    assertThat(e.offendingValue()).isEqualTo(70000);
  }

  @Test
  void modbusDecodeExceptionIsStacklessAndCarriesTheServerAnswer() {
    ModbusDecodeException e = new ModbusDecodeException(PduViolation.ADDRESS_OUT_OF_RANGE, 3, 65537, "range");
    assertThat(e.getStackTrace()).isEmpty();
    assertThat(e.functionCode()).isEqualTo(3);
    assertThat(e.offendingValue()).isEqualTo(65537);
    assertThat(e.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    assertThat(e).isNotInstanceOf(IllegalArgumentException.class);
  }
}
