package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.bytes;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestDecodesTo;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestVector;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseVector;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spec V1.1b3 §6.1, 6.2, 6.5, 6.11: coils and discrete inputs, examples and state-diagram failures. */
class BitAccessSpecVectorsTest {

  // ---- FC01 Read Coils (§6.1): coils 20-38 -----------------------------------------------------------------------

  @Test
  void readCoilsRequestSpecExample() {
    requestVector("01 00 13 00 13", new ReadCoilsRequest(0x13, 0x13));
  }

  @Test
  void readCoilsResponseSpecExample() {
    ReadCoilsResponse expected = new ReadCoilsResponse(bytes(0xCD, 0x6B, 0x05));
    responseVector("01 03 CD 6B 05", expected);
    // Coils 27..20 = CD: coil 20 is the LSB of the first byte.
    assertThat(expected.coil(0)).isTrue();
    assertThat(expected.coil(1)).isFalse();
    assertThat(expected.coil(7)).isTrue();
    // Coils 38..36 = 101 in the last byte, the five high bits padded with zero.
    assertThat(expected.coil(16)).isTrue();
    assertThat(expected.coil(17)).isFalse();
    assertThat(expected.coil(18)).isTrue();
  }

  @Test
  void readCoilsResponsePackedFromCoilsLsbFirst() {
    ReadCoilsResponse packed =
        ReadCoilsResponse.of(
            true, false, true, true, false, false, true, true, // coils 20..27 -> CD
            true, true, false, true, false, true, true, false, // coils 28..35 -> 6B
            true, false, true); // coils 36..38 -> 05
    assertThat(packed).isEqualTo(new ReadCoilsResponse(bytes(0xCD, 0x6B, 0x05)));
    HexSpecVectorsSupport.encodesTo(packed, "01 03 CD 6B 05");
  }

  @Test
  void readCoilsExceptionSpecExample() {
    // §7: request 01 04 A1 00 01 (coil 0x04A1 past the device's coils) answered with 81 02.
    responseVector("81 02", new ExceptionResponse(0x01, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void readCoilsQuantityZeroRejected() {
    requestRejected("01 00 13 00 00", PduViolation.QUANTITY_OUT_OF_RANGE, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readCoilsQuantity2001Rejected() {
    requestRejected("01 00 00 07 D1", PduViolation.QUANTITY_OUT_OF_RANGE, 2001, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readCoilsQuantity2000AtLastFittingAddressAccepted() {
    // 0xF830 + 2000 = 65536: the last coil read is 0xFFFF.
    requestVector("01 F8 30 07 D0", new ReadCoilsRequest(0xF830, 2000));
  }

  @Test
  void readCoilsRangePastLastAddressRejected() {
    ModbusDecodeException e =
        HexSpecVectorsSupport.requestRejectedAnyValue(
            "01 F8 31 07 D0", PduViolation.ADDRESS_OUT_OF_RANGE, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    assertThat(e.offendingValue()).isIn(0xF831L, 0xF831L + 2000);
  }

  // ---- FC02 Read Discrete Inputs (§6.2): inputs 197-218 ----------------------------------------------------------

  @Test
  void readDiscreteInputsRequestSpecExample() {
    requestVector("02 00 C4 00 16", new ReadDiscreteInputsRequest(0xC4, 0x16));
  }

  @Test
  void readDiscreteInputsResponseSpecExample() {
    ReadDiscreteInputsResponse expected = new ReadDiscreteInputsResponse(bytes(0xAC, 0xDB, 0x35));
    responseVector("02 03 AC DB 35", expected);
    // Inputs 204..197 = AC: input 197 is the LSB.
    assertThat(expected.input(0)).isFalse();
    assertThat(expected.input(2)).isTrue();
    assertThat(expected.input(7)).isTrue();
    // Inputs 218..213 = 110101 in the last byte.
    assertThat(expected.input(16)).isTrue();
    assertThat(expected.input(19)).isFalse();
    assertThat(expected.input(21)).isTrue();
  }

  @Test
  void readDiscreteInputsException() {
    responseVector("82 02", new ExceptionResponse(0x02, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void readDiscreteInputsQuantityZeroRejected() {
    requestRejected("02 00 C4 00 00", PduViolation.QUANTITY_OUT_OF_RANGE, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readDiscreteInputsQuantity2001Rejected() {
    requestRejected("02 00 C4 07 D1", PduViolation.QUANTITY_OUT_OF_RANGE, 2001, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC05 Write Single Coil (§6.5): coil 173 ON ----------------------------------------------------------------

  @Test
  void writeSingleCoilRequestSpecExample() {
    requestVector("05 00 AC FF 00", new WriteSingleCoilRequest(0xAC, true));
  }

  @Test
  void writeSingleCoilResponseSpecExample() {
    responseVector("05 00 AC FF 00", new WriteSingleCoilResponse(0xAC, true));
  }

  @Test
  void writeSingleCoilOff() {
    requestVector("05 00 AC 00 00", new WriteSingleCoilRequest(0xAC, false));
    responseVector("05 00 AC 00 00", new WriteSingleCoilResponse(0xAC, false));
  }

  @Test
  void writeSingleCoilException() {
    responseVector("85 03", new ExceptionResponse(0x05, ExceptionCode.ILLEGAL_DATA_VALUE));
  }

  @Test
  void writeSingleCoilValue1234Rejected() {
    // State diagram: Output Value == 0x0000 OR 0xFF00, else exception 03.
    requestRejected("05 00 AC 12 34", PduViolation.ILLEGAL_VALUE, 0x1234, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void writeSingleCoilValue00FFRejected() {
    // Byte order matters: 0x00FF is not ON.
    requestRejected("05 00 AC 00 FF", PduViolation.ILLEGAL_VALUE, 0x00FF, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC0F Write Multiple Coils (§6.11): coils 20-29 ------------------------------------------------------------

  private static final boolean[] COILS_20_TO_29 = {
    true, false, true, true, false, false, true, true, // CD
    true, false // 01
  };

  @Test
  void writeMultipleCoilsRequestSpecExample() {
    WriteMultipleCoilsRequest expected = new WriteMultipleCoilsRequest(0x13, COILS_20_TO_29);
    requestVector("0F 00 13 00 0A 02 CD 01", expected);
    assertThat(expected.quantity()).isEqualTo(10);
    assertThat(expected.value(0)).isTrue();
    assertThat(expected.value(1)).isFalse();
    assertThat(expected.value(8)).isTrue();
    assertThat(expected.value(9)).isFalse();
  }

  @Test
  void writeMultipleCoilsUnusedHighBitsIgnoredOnDecode() {
    // Bits 2..7 of the last byte carry no coil: a sender's junk there must not change the request.
    requestDecodesTo("0F 00 13 00 0A 02 CD FD", new WriteMultipleCoilsRequest(0x13, COILS_20_TO_29));
  }

  @Test
  void writeMultipleCoilsResponseSpecExample() {
    responseVector("0F 00 13 00 0A", new WriteMultipleCoilsResponse(0x13, 0x0A));
  }

  @Test
  void writeMultipleCoilsException() {
    responseVector("8F 03", new ExceptionResponse(0x0F, ExceptionCode.ILLEGAL_DATA_VALUE));
  }

  @Test
  void writeMultipleCoilsByteCountMismatchRejected() {
    // 10 coils need ceil(10/8) = 2 bytes; the request says 3 (and sends 3).
    requestRejected("0F 00 13 00 0A 03 CD 01 00", PduViolation.BYTE_COUNT_MISMATCH, 3, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void writeMultipleCoilsQuantity1969Rejected() {
    // 0x7B1 coils would need 247 bytes; the limit is 0x7B0.
    StringBuilder wire = new StringBuilder("0F 00 00 07 B1 F7");
    wire.append(" 00".repeat(0xF7));
    requestRejected(wire.toString(), PduViolation.QUANTITY_OUT_OF_RANGE, 0x7B1, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void writeMultipleCoilsTruncatedRejected() {
    // Byte count 2 but only one data byte arrived.
    HexSpecVectorsSupport.requestRejectedAnyValue("0F 00 13 00 0A 02 CD", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- The same limits on the encode side ------------------------------------------------------------------------

  @Test
  void recordsRefuseTheValuesTheStateDiagramsReject() {
    HexSpecVectorsSupport.refused(() -> new ReadCoilsRequest(0x13, 0), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    HexSpecVectorsSupport.refused(() -> new ReadCoilsRequest(0x00, 2001), PduViolation.QUANTITY_OUT_OF_RANGE, 2001);
    HexSpecVectorsSupport.refused(() -> new ReadDiscreteInputsRequest(0xC4, 2001), PduViolation.QUANTITY_OUT_OF_RANGE, 2001);
    HexSpecVectorsSupport.refused(
        () -> new WriteMultipleCoilsRequest(0x00, new boolean[0x7B1]), PduViolation.QUANTITY_OUT_OF_RANGE, 0x7B1);
    HexSpecVectorsSupport.refused(() -> new ReadCoilsRequest(0xF831, 2000), PduViolation.ADDRESS_OUT_OF_RANGE, 0xF831 + 2000);
  }

  // ---- Response byte count limits (§6.1: byte count N = quantity / 8 rounded up, 2000 coils -> 250) ----------------

  @Test
  void readCoilsResponseWith250BytesAccepted() {
    byte[] status = new byte[250];
    java.util.Arrays.fill(status, (byte) 0x5A);
    responseVector("01 FA" + " 5A".repeat(250), new ReadCoilsResponse(status));
  }

  @Test
  void readCoilsResponseByteCount251Rejected() {
    ModbusDecodeException e =
        HexSpecVectorsSupport.responseRejectedAsOneOf(
            "01 FB" + " 00".repeat(251),
            ExceptionCode.ILLEGAL_DATA_VALUE,
            PduViolation.QUANTITY_OUT_OF_RANGE,
            PduViolation.BYTE_COUNT_MISMATCH);
    assertThat(e.offendingValue()).isEqualTo(251);
  }

  @Test
  void readCoilsResponseByteCountZeroRejected() {
    ModbusDecodeException e =
        HexSpecVectorsSupport.responseRejectedAsOneOf(
            "01 00", ExceptionCode.ILLEGAL_DATA_VALUE, PduViolation.QUANTITY_OUT_OF_RANGE, PduViolation.BYTE_COUNT_MISMATCH);
    assertThat(e.offendingValue()).isZero();
  }

  @Test
  void writeMultipleCoils1968Accepted() {
    // 0x7B0 coils in 0xF6 bytes: the largest FC0F request (252-byte PDU).
    boolean[] values = new boolean[0x7B0];
    java.util.Arrays.fill(values, true);
    requestVector("0F 00 00 07 B0 F6" + " FF".repeat(0xF6), new WriteMultipleCoilsRequest(0, values));
  }

  @Test
  void writeSingleCoilResponseValue1234Rejected() {
    HexSpecVectorsSupport.responseRejected(
        "05 00 AC 12 34", PduViolation.ILLEGAL_VALUE, 0x1234, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void writeMultipleCoilsResponseQuantityZeroRejected() {
    HexSpecVectorsSupport.responseRejected(
        "0F 00 13 00 00", PduViolation.QUANTITY_OUT_OF_RANGE, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
  }
}
