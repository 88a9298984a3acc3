package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.LimitAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Limits of records made of 8- and 16-bit fields: FC05, FC06, FC07, FC0B, FC0C, FC16, FC18, exceptions. */
class SingleValueLimitsTest {

  @Test
  void writeSingleCoilAddressBounds() {
    assertThat(new WriteSingleCoilRequest(0, true).address()).isZero();
    assertThat(new WriteSingleCoilRequest(65535, false).address()).isEqualTo(65535);
    assertRejected(() -> new WriteSingleCoilRequest(-1, true), PduViolation.ADDRESS_OUT_OF_RANGE, -1);
    assertRejected(() -> new WriteSingleCoilRequest(65536, true), PduViolation.ADDRESS_OUT_OF_RANGE, 65536);
    assertThat(new WriteSingleCoilResponse(65535, true).address()).isEqualTo(65535);
    assertRejected(() -> new WriteSingleCoilResponse(65536, false), PduViolation.ADDRESS_OUT_OF_RANGE, 65536);
  }

  @Test
  void writeSingleCoilWireValues() {
    assertThat(new WriteSingleCoilRequest(1, true).wireValue()).isEqualTo(0xFF00);
    assertThat(new WriteSingleCoilRequest(1, false).wireValue()).isEqualTo(0x0000);
  }

  @Test
  void writeSingleRegisterValueBounds() {
    assertThat(new WriteSingleRegisterRequest(0, 0).value()).isZero();
    assertThat(new WriteSingleRegisterRequest(65535, 65535).value()).isEqualTo(65535);
    assertRejected(() -> new WriteSingleRegisterRequest(0, -1), PduViolation.ILLEGAL_VALUE, -1);
    assertRejected(() -> new WriteSingleRegisterRequest(0, 65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> new WriteSingleRegisterResponse(0, 65536), PduViolation.ILLEGAL_VALUE, 65536);
  }

  @Test
  void writeSingleRegisterAddressBounds() {
    assertRejected(() -> new WriteSingleRegisterRequest(-1, 0), PduViolation.ADDRESS_OUT_OF_RANGE, -1);
    assertRejected(() -> new WriteSingleRegisterRequest(65536, 0), PduViolation.ADDRESS_OUT_OF_RANGE, 65536);
    assertRejected(() -> new WriteSingleRegisterResponse(65536, 0), PduViolation.ADDRESS_OUT_OF_RANGE, 65536);
    // value (03) is checked before the address (02)
    assertRejected(() -> new WriteSingleRegisterRequest(65536, 65536), PduViolation.ILLEGAL_VALUE, 65536);
  }

  @Test
  void maskWriteRegisterBounds() {
    MaskWriteRegisterRequest max = new MaskWriteRegisterRequest(65535, 65535, 65535);
    assertThat(max.andMask()).isEqualTo(65535);
    assertRejected(() -> new MaskWriteRegisterRequest(0, 65536, 0), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> new MaskWriteRegisterRequest(0, 0, -1), PduViolation.ILLEGAL_VALUE, -1);
    assertRejected(() -> new MaskWriteRegisterRequest(65536, 0, 0), PduViolation.ADDRESS_OUT_OF_RANGE, 65536);
    assertRejected(() -> new MaskWriteRegisterResponse(0, 0, 65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> new MaskWriteRegisterResponse(-1, 0, 0), PduViolation.ADDRESS_OUT_OF_RANGE, -1);
  }

  @Test
  void maskWriteAppliesTheSpecFormula() {
    // Spec 6.16 example: current 0x12, and 0xF2, or 0x25 -> 0x17
    assertThat(new MaskWriteRegisterRequest(4, 0xF2, 0x25).apply(0x12)).isEqualTo(0x17);
  }

  @Test
  void readFifoQueuePointerAddressBounds() {
    assertThat(new ReadFifoQueueRequest(65535).fifoPointerAddress()).isEqualTo(65535);
    assertRejected(() -> new ReadFifoQueueRequest(65536), PduViolation.ADDRESS_OUT_OF_RANGE, 65536);
    assertRejected(() -> new ReadFifoQueueRequest(-1), PduViolation.ADDRESS_OUT_OF_RANGE, -1);
  }

  @Test
  void readExceptionStatusOutputDataBounds() {
    assertThat(new ReadExceptionStatusResponse(0).outputData()).isZero();
    assertThat(new ReadExceptionStatusResponse(255).output(7)).isTrue();
    assertRejected(() -> new ReadExceptionStatusResponse(256), PduViolation.ILLEGAL_VALUE, 256);
    assertRejected(() -> new ReadExceptionStatusResponse(-1), PduViolation.ILLEGAL_VALUE, -1);
  }

  @Test
  void commEventCounterBounds() {
    assertThat(new GetCommEventCounterResponse(true, 65535).status()).isEqualTo(0xFFFF);
    assertThat(new GetCommEventCounterResponse(false, 0).status()).isZero();
    assertRejected(() -> new GetCommEventCounterResponse(false, 65536), PduViolation.ILLEGAL_VALUE, 65536);
    assertRejected(() -> new GetCommEventCounterResponse(false, -1), PduViolation.ILLEGAL_VALUE, -1);
  }

  @Test
  void commEventLogBounds() {
    assertThat(new GetCommEventLogResponse(false, 65535, 65535, new byte[0]).byteCount()).isEqualTo(6);
    assertThat(new GetCommEventLogResponse(false, 0, 0, new byte[64]).byteCount()).isEqualTo(70);
    assertRejected(() -> new GetCommEventLogResponse(false, 0, 0, new byte[65]),
        PduViolation.QUANTITY_OUT_OF_RANGE, 65);
    assertRejected(() -> new GetCommEventLogResponse(false, 65536, 0, new byte[0]), PduViolation.ILLEGAL_VALUE,
        65536);
    assertRejected(() -> new GetCommEventLogResponse(false, 0, -1, new byte[0]), PduViolation.ILLEGAL_VALUE, -1);
  }

  @Test
  void exceptionResponseFunctionCodeBounds() {
    assertThat(new ExceptionResponse(1, 1).wireFunctionCode()).isEqualTo(0x81);
    assertThat(new ExceptionResponse(127, 255).wireFunctionCode()).isEqualTo(0xFF);
    assertRejected(() -> new ExceptionResponse(0, 1), PduViolation.UNSUPPORTED_FUNCTION_CODE, 0);
    assertRejected(() -> new ExceptionResponse(128, 1), PduViolation.UNSUPPORTED_FUNCTION_CODE, 128);
  }

  @Test
  void exceptionResponseExceptionCodeBounds() {
    assertThat(new ExceptionResponse(3, 255).knownExceptionCode()).isEmpty();
    assertThat(new ExceptionResponse(3, ExceptionCode.GATEWAY_PATH_UNAVAILABLE).exceptionCode()).isEqualTo(0x0A);
    assertThat(new ExceptionResponse(3, 2).knownExceptionCode()).contains(ExceptionCode.ILLEGAL_DATA_ADDRESS);
    assertRejected(() -> new ExceptionResponse(3, 0), PduViolation.ILLEGAL_VALUE, 0);
    assertRejected(() -> new ExceptionResponse(3, 256), PduViolation.ILLEGAL_VALUE, 256);
  }

  @Test
  void readDeviceIdentificationRequestObjectIdBounds() {
    assertThat(new ReadDeviceIdentificationRequest(ReadDeviceIdCode.SPECIFIC, 255).objectId()).isEqualTo(255);
    assertThat(new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0).meiType()).isEqualTo(0x0E);
    assertRejected(() -> new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 256),
        PduViolation.ILLEGAL_VALUE, 256);
    assertRejected(() -> new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, -1),
        PduViolation.ILLEGAL_VALUE, -1);
  }
}
