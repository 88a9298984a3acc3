package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.regs;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejectedAnyValue;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestVector;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseVector;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec V1.1b3 §6.3, 6.4, 6.6, 6.12, 6.16, 6.17, 6.18: register access, examples and state-diagram failures. */
class RegisterAccessSpecVectorsTest {

  // ---- FC03 Read Holding Registers (§6.3): registers 108-110 -----------------------------------------------------

  @Test
  void readHoldingRegistersRequestSpecExample() {
    requestVector("03 00 6B 00 03", new ReadHoldingRegistersRequest(0x6B, 3));
  }

  @Test
  void readHoldingRegistersResponseSpecExample() {
    ReadHoldingRegistersResponse expected = ReadHoldingRegistersResponse.of(0x022B, 0x0000, 0x0064);
    responseVector("03 06 02 2B 00 00 00 64", expected);
    assertThat(expected).isEqualTo(new ReadHoldingRegistersResponse(regs(0x022B, 0x0000, 0x0064)));
    // The spec reads the registers as decimal 555, 0 and 100.
    assertThat(expected.quantity()).isEqualTo(3);
    assertThat(expected.value(0)).isEqualTo(555);
    assertThat(expected.value(1)).isZero();
    assertThat(expected.value(2)).isEqualTo(100);
  }

  @Test
  void readHoldingRegistersResponseValuesAreUnsigned() {
    ReadHoldingRegistersResponse expected = ReadHoldingRegistersResponse.of(0xFFFF, 0x8000);
    responseVector("03 04 FF FF 80 00", expected);
    assertThat(expected.value(0)).isEqualTo(0xFFFF);
    assertThat(expected.value(1)).isEqualTo(0x8000);
  }

  @Test
  void readHoldingRegistersException() {
    responseVector("83 02", new ExceptionResponse(0x03, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void readHoldingRegistersQuantity126Rejected() {
    requestRejected("03 00 6B 00 7E", PduViolation.QUANTITY_OUT_OF_RANGE, 126, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readHoldingRegistersQuantityZeroRejected() {
    requestRejected("03 00 6B 00 00", PduViolation.QUANTITY_OUT_OF_RANGE, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readHoldingRegistersAddressFFFFQuantity2Rejected() {
    ModbusDecodeException e =
        requestRejectedAnyValue("03 FF FF 00 02", PduViolation.ADDRESS_OUT_OF_RANGE, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    // Either the start address or the end of the range (0xFFFF + 2) names the fault.
    assertThat(e.offendingValue()).isIn(0xFFFFL, 0x10001L);
  }

  @Test
  void readHoldingRegistersQuantityCheckedBeforeAddress() {
    // State diagram order: quantity (03) before address (02), even when both are wrong.
    requestRejected("03 FF FF 00 7E", PduViolation.QUANTITY_OUT_OF_RANGE, 126, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readHoldingRegisters125EndingAtLastAddressAccepted() {
    // 0xFF83 + 125 = 65536.
    requestVector("03 FF 83 00 7D", new ReadHoldingRegistersRequest(0xFF83, 125));
  }

  @Test
  void readHoldingRegistersAddressFFFFQuantity1Accepted() {
    requestVector("03 FF FF 00 01", new ReadHoldingRegistersRequest(0xFFFF, 1));
  }

  @Test
  void readHoldingRegistersResponseOddByteCountRejected() {
    // Byte count must be 2 x N; 3 data bytes cannot be registers.
    responseRejected("03 03 02 2B 00", PduViolation.BYTE_COUNT_MISMATCH, 3, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC04 Read Input Registers (§6.4): register 9 --------------------------------------------------------------

  @Test
  void readInputRegistersRequestSpecExample() {
    requestVector("04 00 08 00 01", new ReadInputRegistersRequest(0x08, 1));
  }

  @Test
  void readInputRegistersResponseSpecExample() {
    ReadInputRegistersResponse expected = ReadInputRegistersResponse.of(0x000A);
    responseVector("04 02 00 0A", expected);
    assertThat(expected).isEqualTo(new ReadInputRegistersResponse(regs(0x000A)));
    assertThat(expected.value(0)).isEqualTo(10);
  }

  @Test
  void readInputRegistersException() {
    responseVector("84 03", new ExceptionResponse(0x04, ExceptionCode.ILLEGAL_DATA_VALUE));
  }

  @Test
  void readInputRegistersQuantity126Rejected() {
    requestRejected("04 00 08 00 7E", PduViolation.QUANTITY_OUT_OF_RANGE, 126, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC06 Write Single Register (§6.6): register 2 = 3 ---------------------------------------------------------

  @Test
  void writeSingleRegisterRequestSpecExample() {
    requestVector("06 00 01 00 03", new WriteSingleRegisterRequest(0x01, 0x03));
  }

  @Test
  void writeSingleRegisterResponseSpecExample() {
    responseVector("06 00 01 00 03", new WriteSingleRegisterResponse(0x01, 0x03));
  }

  @Test
  void writeSingleRegisterFullRange() {
    requestVector("06 FF FF FF FF", new WriteSingleRegisterRequest(0xFFFF, 0xFFFF));
  }

  @Test
  void writeSingleRegisterException() {
    responseVector("86 02", new ExceptionResponse(0x06, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  // ---- FC10 Write Multiple Registers (§6.12): registers 2-3 = 00 0A, 01 02 ---------------------------------------

  @Test
  void writeMultipleRegistersRequestSpecExample() {
    WriteMultipleRegistersRequest expected = WriteMultipleRegistersRequest.of(0x01, 0x000A, 0x0102);
    requestVector("10 00 01 00 02 04 00 0A 01 02", expected);
    assertThat(expected).isEqualTo(new WriteMultipleRegistersRequest(0x01, regs(0x000A, 0x0102)));
    assertThat(expected.quantity()).isEqualTo(2);
    assertThat(expected.value(1)).isEqualTo(0x0102);
  }

  @Test
  void writeMultipleRegistersResponseSpecExample() {
    responseVector("10 00 01 00 02", new WriteMultipleRegistersResponse(0x01, 0x02));
  }

  @Test
  void writeMultipleRegistersException() {
    responseVector("90 02", new ExceptionResponse(0x10, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void writeMultipleRegistersQuantity124Rejected() {
    // 124 registers with a consistent byte count 0xF8 and all 248 data bytes present.
    String wire = "10 00 01 00 7C F8" + " 00".repeat(0xF8);
    requestRejected(wire, PduViolation.QUANTITY_OUT_OF_RANGE, 124, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void writeMultipleRegistersQuantity123Accepted() {
    int[] values = new int[123];
    StringBuilder wire = new StringBuilder("10 00 00 00 7B F6");
    for (int i = 0; i < values.length; i++) {
      values[i] = 0x0100 + i;
      wire.append(String.format(" %02X %02X", values[i] >> 8, values[i] & 0xFF));
    }
    requestVector(wire.toString(), WriteMultipleRegistersRequest.of(0, values));
  }

  @Test
  void writeMultipleRegistersByteCountMismatchRejected() {
    // 2 registers need 4 bytes; the request says 3 (and sends 3).
    requestRejected("10 00 01 00 02 03 00 0A 01", PduViolation.BYTE_COUNT_MISMATCH, 3, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void writeMultipleRegistersAddressPastEndRejected() {
    ModbusDecodeException e =
        requestRejectedAnyValue(
            "10 FF FF 00 02 04 00 0A 01 02", PduViolation.ADDRESS_OUT_OF_RANGE, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    assertThat(e.offendingValue()).isIn(0xFFFFL, 0x10001L);
  }

  @Test
  void writeMultipleRegistersTruncatedRejected() {
    requestRejectedAnyValue("10 00 01 00 02 04 00 0A 01", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC16 Mask Write Register (§6.16): register 5, AND 00F2, OR 0025 -------------------------------------------

  @Test
  void maskWriteRegisterRequestSpecExample() {
    requestVector("16 00 04 00 F2 00 25", new MaskWriteRegisterRequest(0x04, 0x00F2, 0x0025));
  }

  @Test
  void maskWriteRegisterResponseSpecExample() {
    responseVector("16 00 04 00 F2 00 25", new MaskWriteRegisterResponse(0x04, 0x00F2, 0x0025));
  }

  @Test
  void maskWriteRegisterException() {
    responseVector("96 02", new ExceptionResponse(0x16, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void maskWriteRegisterTrailingByteRejected() {
    requestRejected("16 00 04 00 F2 00 25 00", PduViolation.TRAILING_BYTES, 1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC17 Read/Write Multiple Registers (§6.17): read 4-9, write 15-17 -----------------------------------------

  @Test
  void readWriteMultipleRegistersRequestSpecExample() {
    ReadWriteMultipleRegistersRequest expected =
        new ReadWriteMultipleRegistersRequest(0x03, 0x06, 0x0E, regs(0x00FF, 0x00FF, 0x00FF));
    requestVector("17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF", expected);
    assertThat(expected.writeQuantity()).isEqualTo(3);
    assertThat(expected.writeValue(2)).isEqualTo(0xFF);
  }

  @Test
  void readWriteMultipleRegistersResponseSpecExample() {
    ReadWriteMultipleRegistersResponse expected =
        new ReadWriteMultipleRegistersResponse(regs(0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF));
    responseVector("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF", expected);
  }

  @Test
  void readWriteMultipleRegistersException() {
    responseVector("97 03", new ExceptionResponse(0x17, ExceptionCode.ILLEGAL_DATA_VALUE));
  }

  @Test
  void readWriteMultipleRegistersWriteQuantity122Rejected() {
    // Write quantity 0x7A with a consistent write byte count 0xF4 and all 244 bytes present.
    String wire = "17 00 03 00 06 00 0E 00 7A F4" + " 00".repeat(0xF4);
    requestRejected(wire, PduViolation.QUANTITY_OUT_OF_RANGE, 122, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readWriteMultipleRegistersWriteQuantity121Accepted() {
    short[] values = new short[121];
    StringBuilder wire = new StringBuilder("17 00 03 00 06 00 0E 00 79 F2");
    for (int i = 0; i < values.length; i++) {
      values[i] = (short) (0xA000 + i);
      wire.append(String.format(" %02X %02X", (0xA000 + i) >> 8, (0xA000 + i) & 0xFF));
    }
    requestVector(wire.toString(), new ReadWriteMultipleRegistersRequest(0x03, 0x06, 0x0E, values));
  }

  @Test
  void readWriteMultipleRegistersReadQuantity126Rejected() {
    requestRejected(
        "17 00 03 00 7E 00 0E 00 03 06 00 FF 00 FF 00 FF",
        PduViolation.QUANTITY_OUT_OF_RANGE,
        126,
        ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readWriteMultipleRegistersWriteByteCountMismatchRejected() {
    requestRejected(
        "17 00 03 00 06 00 0E 00 03 04 00 FF 00 FF",
        PduViolation.BYTE_COUNT_MISMATCH,
        4,
        ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC18 Read FIFO Queue (§6.18): FIFO at 1246 holding 440 and 4740 -------------------------------------------

  @Test
  void readFifoQueueRequestSpecExample() {
    requestVector("18 04 DE", new ReadFifoQueueRequest(0x04DE));
  }

  @Test
  void readFifoQueueResponseSpecExample() {
    // Byte count 0x0006 covers the FIFO count (2 bytes) and two registers.
    responseVector("18 00 06 00 02 01 B8 12 84", new ReadFifoQueueResponse(regs(0x01B8, 0x1284)));
  }

  @Test
  void readFifoQueueEmptyResponse() {
    responseVector("18 00 02 00 00", new ReadFifoQueueResponse(regs()));
  }

  @Test
  void readFifoQueueException() {
    // §6.18: a FIFO count above 31 is answered with exception 03.
    responseVector("98 03", new ExceptionResponse(0x18, ExceptionCode.ILLEGAL_DATA_VALUE));
  }

  @Test
  void readFifoQueueRequestTruncatedRejected() {
    requestRejectedAnyValue("18 04", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- The same limits on the encode side ------------------------------------------------------------------------

  @Test
  void recordsRefuseTheValuesTheStateDiagramsReject() {
    HexSpecVectorsSupport.refused(() -> new ReadHoldingRegistersRequest(0x6B, 126), PduViolation.QUANTITY_OUT_OF_RANGE, 126);
    HexSpecVectorsSupport.refused(() -> new ReadInputRegistersRequest(0x08, 0), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    HexSpecVectorsSupport.refused(
        () -> WriteMultipleRegistersRequest.of(0x01, new int[124]), PduViolation.QUANTITY_OUT_OF_RANGE, 124);
    HexSpecVectorsSupport.refused(
        () -> new ReadWriteMultipleRegistersRequest(0x03, 0x06, 0x0E, new short[122]),
        PduViolation.QUANTITY_OUT_OF_RANGE,
        122);
    HexSpecVectorsSupport.refused(
        () -> new ReadHoldingRegistersRequest(0xFFFF, 2), PduViolation.ADDRESS_OUT_OF_RANGE, 0x10001);
    HexSpecVectorsSupport.refused(
        () -> WriteMultipleRegistersRequest.of(0x01, 0x000A, 0x10000), PduViolation.ILLEGAL_VALUE, 0x10000);
  }

  // ---- Response limits -------------------------------------------------------------------------------------------

  @Test
  void readInputRegistersResponseWith125RegistersAccepted() {
    int[] values = new int[125];
    StringBuilder wire = new StringBuilder("04 FA");
    for (int i = 0; i < values.length; i++) {
      values[i] = 0xFF00 + i;
      wire.append(String.format(" %02X %02X", values[i] >> 8, values[i] & 0xFF));
    }
    responseVector(wire.toString(), ReadInputRegistersResponse.of(values));
  }

  @Test
  void readInputRegistersResponseWith126RegistersRejected() {
    HexSpecVectorsSupport.responseRejectedAsOneOf(
        "04 FC" + " 00".repeat(0xFC),
        ExceptionCode.ILLEGAL_DATA_VALUE,
        PduViolation.QUANTITY_OUT_OF_RANGE,
        PduViolation.BYTE_COUNT_MISMATCH);
  }

  @Test
  void writeMultipleRegistersResponseQuantity124Rejected() {
    responseRejected("10 00 01 00 7C", PduViolation.QUANTITY_OUT_OF_RANGE, 124, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readFifoQueueWith31ValuesAccepted() {
    int[] values = new int[31];
    StringBuilder wire = new StringBuilder("18 00 40 00 1F");
    for (int i = 0; i < values.length; i++) {
      values[i] = 0x1200 + i;
      wire.append(String.format(" %02X %02X", values[i] >> 8, values[i] & 0xFF));
    }
    responseVector(wire.toString(), ReadFifoQueueResponse.of(values));
  }

  @Test
  void readFifoQueueCount32Rejected() {
    // §6.18: at most 31 queue registers.
    responseRejected(
        "18 00 42 00 20" + " 00".repeat(64), PduViolation.QUANTITY_OUT_OF_RANGE, 32, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readFifoQueueByteCountDisagreesWithFifoCountRejected() {
    // Byte count 8 announces 3 registers after the count, but FIFO count says 2 and two follow.
    HexSpecVectorsSupport.responseRejectedAsOneOf(
        "18 00 08 00 02 01 B8 12 84",
        ExceptionCode.ILLEGAL_DATA_VALUE,
        PduViolation.BYTE_COUNT_MISMATCH,
        PduViolation.TRUNCATED);
    // Byte count 6 fits the data, but FIFO count says 3.
    responseRejected("18 00 06 00 03 01 B8 12 84", PduViolation.BYTE_COUNT_MISMATCH, 6, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readWriteMultipleRegistersAddressRangesCheckedSeparately() {
    // Both the read range and the write range must end by 65536.
    requestRejectedAnyValue(
        "17 FF FF 00 02 00 00 00 01 02 00 00", PduViolation.ADDRESS_OUT_OF_RANGE, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    requestRejectedAnyValue(
        "17 00 00 00 01 FF FF 00 02 04 00 00 00 00", PduViolation.ADDRESS_OUT_OF_RANGE, ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }
}
