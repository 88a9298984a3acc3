package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.regs;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestRejected;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.requestVector;
import static dev.modbustoolkit.pdu.HexSpecVectorsSupport.responseVector;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec V1.1b3 §6.14, 6.15: file record access, examples and state-diagram failures. */
class FileRecordSpecVectorsTest {

  // ---- FC14 Read File Record (§6.14): file 4 record 1 length 2, file 3 record 9 length 2 -------------------------

  @Test
  void readFileRecordRequestSpecExample() {
    ReadFileRecordRequest expected =
        new ReadFileRecordRequest(List.of(new FileRecordReference(4, 1, 2), new FileRecordReference(3, 9, 2)));
    // Byte count 0x0E = two 7-byte sub-requests, each starting with reference type 06.
    requestVector("14 0E 06 00 04 00 01 00 02 06 00 03 00 09 00 02", expected);
    assertThat(expected.references()).hasSize(2);
  }

  @Test
  void readFileRecordResponseSpecExample() {
    ReadFileRecordResponse expected =
        new ReadFileRecordResponse(
            List.of(new FileRecordData(regs(0x0DFE, 0x0020)), new FileRecordData(regs(0x33CD, 0x0040))));
    // Resp data length 0x0C; each sub-response: file resp length 05 (type byte + 2 registers), type 06, data.
    responseVector("14 0C 05 06 0D FE 00 20 05 06 33 CD 00 40", expected);
  }

  @Test
  void readFileRecordHighestRecordNumberAccepted() {
    requestVector("14 07 06 FF FF 27 0F 00 01", new ReadFileRecordRequest(List.of(new FileRecordReference(0xFFFF, 0x270F, 1))));
  }

  @Test
  void readFileRecordException() {
    responseVector("94 02", new ExceptionResponse(0x14, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void readFileRecordByteCountNotMultipleOf7Rejected() {
    // State diagram: 0x07 <= byte count <= 0xF5 else 03; 8 is in range but splits no sub-request.
    requestRejected(
        "14 08 06 00 04 00 01 00 02 00", PduViolation.BYTE_COUNT_MISMATCH, 8, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readFileRecordByteCountBelow7Rejected() {
    requestRejected("14 00", PduViolation.BYTE_COUNT_MISMATCH, 0, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readFileRecordReferenceTypeOtherThan6Rejected() {
    requestRejected(
        "14 07 07 00 04 00 01 00 02", PduViolation.FILE_RECORD_OUT_OF_RANGE, 7, ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void readFileRecordRecordNumber2710Rejected() {
    requestRejected(
        "14 07 06 00 04 27 10 00 02",
        PduViolation.FILE_RECORD_OUT_OF_RANGE,
        0x2710,
        ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void readFileRecordFileNumberZeroRejected() {
    requestRejected(
        "14 07 06 00 00 00 01 00 02", PduViolation.FILE_RECORD_OUT_OF_RANGE, 0, ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void readFileRecordTruncatedRejected() {
    // Byte count 0x0E announces two sub-requests; one arrives.
    HexSpecVectorsSupport.requestRejectedAnyValue(
        "14 0E 06 00 04 00 01 00 02", PduViolation.TRUNCATED, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  // ---- FC15 Write File Record (§6.15): file 4 record 7, three registers ------------------------------------------

  private static final FileRecord FILE_4_RECORD_7 = new FileRecord(4, 7, regs(0x06AF, 0x04BE, 0x100D));

  @Test
  void writeFileRecordRequestSpecExample() {
    // Request data length 0x0D: type 06, file 0004, record 0007, length 0003, then 3 registers.
    requestVector("15 0D 06 00 04 00 07 00 03 06 AF 04 BE 10 0D", new WriteFileRecordRequest(List.of(FILE_4_RECORD_7)));
  }

  @Test
  void writeFileRecordResponseSpecExample() {
    // The normal response is an echo of the request.
    responseVector("15 0D 06 00 04 00 07 00 03 06 AF 04 BE 10 0D", new WriteFileRecordResponse(List.of(FILE_4_RECORD_7)));
  }

  @Test
  void writeFileRecordTwoSubRequests() {
    WriteFileRecordRequest expected =
        new WriteFileRecordRequest(List.of(FILE_4_RECORD_7, new FileRecord(1, 0, regs(0xFFFF))));
    requestVector(
        "15 16 06 00 04 00 07 00 03 06 AF 04 BE 10 0D 06 00 01 00 00 00 01 FF FF", expected);
  }

  @Test
  void writeFileRecordException() {
    responseVector("95 02", new ExceptionResponse(0x15, ExceptionCode.ILLEGAL_DATA_ADDRESS));
  }

  @Test
  void writeFileRecordReferenceTypeOtherThan6Rejected() {
    requestRejected(
        "15 0D 05 00 04 00 07 00 03 06 AF 04 BE 10 0D",
        PduViolation.FILE_RECORD_OUT_OF_RANGE,
        5,
        ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void writeFileRecordRecordNumber2710Rejected() {
    requestRejected(
        "15 0D 06 00 04 27 10 00 03 06 AF 04 BE 10 0D",
        PduViolation.FILE_RECORD_OUT_OF_RANGE,
        0x2710,
        ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void writeFileRecordRecordLengthBeyondDataRejected() {
    // Record length 4 announces 8 data bytes, but the request data length 0x0D leaves room for 6.
    // The contract names no single violation for this; either wording of "lengths disagree" answers 03.
    ModbusDecodeException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ModbusDecodeException.class,
            () -> ModbusPduCodec.decodeRequest(HexSpecVectorsSupport.buffer("15 0D 06 00 04 00 07 00 04 06 AF 04 BE 10 0D")));
    assertThat(e.violation()).isIn(PduViolation.BYTE_COUNT_MISMATCH, PduViolation.TRUNCATED);
    assertThat(e.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE);
    assertThat(e.functionCode()).isEqualTo(0x15);
  }

  // ---- Limits ----------------------------------------------------------------------------------------------------

  @Test
  void readFileRecordSingleRegisterResponse() {
    // A legal request for one register has a 4-byte response data length. The spec's response table prints
    // "0x07 to 0xF5" for it (copied from the request table): this vector shows why a decoder must accept less.
    requestVector("14 07 06 00 04 00 01 00 01", new ReadFileRecordRequest(List.of(new FileRecordReference(4, 1, 1))));
    responseVector("14 04 03 06 12 34", new ReadFileRecordResponse(List.of(new FileRecordData(regs(0x1234)))));
  }

  @Test
  void readFileRecordRequestWhoseResponseCannotFitRejected() {
    // 0x7D registers need a 2 + 2 + 250 = 254-byte response; 0x7C still fit in 253.
    requestVector(
        "14 07 06 00 01 00 00 00 7C", new ReadFileRecordRequest(List.of(new FileRecordReference(1, 0, 0x7C))));
    requestRejected(
        "14 07 06 00 01 00 00 00 7D", PduViolation.QUANTITY_OUT_OF_RANGE, 254, ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void readFileRecordResponseReferenceTypeOtherThan6Rejected() {
    HexSpecVectorsSupport.responseRejected(
        "14 0C 05 07 0D FE 00 20 05 06 33 CD 00 40",
        PduViolation.FILE_RECORD_OUT_OF_RANGE,
        7,
        ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void readFileRecordResponseEvenFileRespLengthRejected() {
    // File resp length = 1 (reference type) + 2 x registers is always odd.
    HexSpecVectorsSupport.responseRejected(
        "14 0C 04 06 0D FE 00 20 05 06 33 CD 00 40",
        PduViolation.BYTE_COUNT_MISMATCH,
        4,
        ExceptionCode.ILLEGAL_DATA_VALUE);
  }

  @Test
  void writeFileRecordDataLengthBelow9Rejected() {
    requestRejected(
        "15 08 06 00 04 00 07 00 00 00", PduViolation.BYTE_COUNT_MISMATCH, 8, ExceptionCode.ILLEGAL_DATA_VALUE);
  }
}
