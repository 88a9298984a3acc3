package dev.modbustoolkit.pdu;

import static dev.modbustoolkit.pdu.LimitAssertions.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FC14/FC15: file and record numbers, record lengths, byte counts and the 253-byte PDU limit. */
class FileRecordLimitsTest {

  private static FileRecordReference ref(int recordLength) {
    return new FileRecordReference(4, 1, recordLength);
  }

  @Test
  void referenceFileNumberBounds() {
    assertThat(new FileRecordReference(1, 0, 1).fileNumber()).isEqualTo(1);
    assertThat(new FileRecordReference(65535, 0, 1).referenceType()).isEqualTo(6);
    assertRejected(() -> new FileRecordReference(0, 0, 1), PduViolation.FILE_RECORD_OUT_OF_RANGE, 0);
    assertRejected(() -> new FileRecordReference(65536, 0, 1), PduViolation.FILE_RECORD_OUT_OF_RANGE, 65536);
  }

  @Test
  void referenceRecordNumberBounds() {
    assertThat(new FileRecordReference(1, 0x270F, 1).recordNumber()).isEqualTo(9999);
    assertRejected(() -> new FileRecordReference(1, 0x2710, 1), PduViolation.FILE_RECORD_OUT_OF_RANGE, 10000);
    assertRejected(() -> new FileRecordReference(1, -1, 1), PduViolation.FILE_RECORD_OUT_OF_RANGE, -1);
  }

  @Test
  void referenceRecordLengthAtLeastOne() {
    // The spec's FC14 diagram checks file, record and length together and answers 02 for any of them.
    assertRejected(() -> ref(0), PduViolation.FILE_RECORD_OUT_OF_RANGE, 0);
    assertRejected(() -> ref(65536), PduViolation.FILE_RECORD_OUT_OF_RANGE, 65536);
    assertRejected(() -> new FileRecordReference(0, 0, 0), PduViolation.FILE_RECORD_OUT_OF_RANGE, 0);
    assertThat(PduViolation.FILE_RECORD_OUT_OF_RANGE.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }

  @Test
  void readRequestTakesOneTo35SubRequests() {
    assertRejected(() -> new ReadFileRecordRequest(List.of()), PduViolation.BYTE_COUNT_MISMATCH, 0);
    assertThat(ReadFileRecordRequest.of(ref(1)).byteCount()).isEqualTo(7);
    assertThat(new ReadFileRecordRequest(Collections.nCopies(35, ref(1))).byteCount()).isEqualTo(0xF5);
    assertRejected(() -> new ReadFileRecordRequest(Collections.nCopies(36, ref(1))),
        PduViolation.BYTE_COUNT_MISMATCH, 252);
  }

  @Test
  void readRequestMustAskForAResponseThatFits() {
    // fc + length + (length + type + 2n): 2 + 2 + 248 = 252 for 124 registers, 254 for 125
    assertThat(ReadFileRecordRequest.of(ref(124)).expectedResponseLength()).isEqualTo(252);
    assertRejected(() -> ReadFileRecordRequest.of(ref(125)), PduViolation.QUANTITY_OUT_OF_RANGE, 254);
    assertRejected(() -> ReadFileRecordRequest.of(ref(60), ref(64)), PduViolation.QUANTITY_OUT_OF_RANGE, 254);
    assertThat(ReadFileRecordRequest.of(ref(60), ref(63)).expectedResponseLength()).isEqualTo(252);
  }

  @Test
  void fileRecordNumbersAndLength() {
    assertThat(FileRecord.of(65535, 9999, 1).recordLength()).isEqualTo(1);
    assertRejected(() -> FileRecord.of(0, 0, 1), PduViolation.FILE_RECORD_OUT_OF_RANGE, 0);
    assertRejected(() -> FileRecord.of(65536, 0, 1), PduViolation.FILE_RECORD_OUT_OF_RANGE, 65536);
    assertRejected(() -> FileRecord.of(1, 10000, 1), PduViolation.FILE_RECORD_OUT_OF_RANGE, 10000);
    assertRejected(() -> FileRecord.of(1, 0), PduViolation.FILE_RECORD_OUT_OF_RANGE, 0);
  }

  @Test
  void writeRequestDataLengthNineTo251() {
    assertRejected(() -> new WriteFileRecordRequest(List.of()), PduViolation.BYTE_COUNT_MISMATCH, 0);
    assertThat(WriteFileRecordRequest.of(FileRecord.of(1, 0, 1)).dataLength()).isEqualTo(9);
    // one record: 7 + 2 * 122 = 251
    assertThat(WriteFileRecordRequest.of(new FileRecord(1, 0, new short[122])).dataLength()).isEqualTo(251);
    assertRejected(() -> WriteFileRecordRequest.of(new FileRecord(1, 0, new short[123])),
        PduViolation.BYTE_COUNT_MISMATCH, 253);
    assertRejected(() -> new WriteFileRecordRequest(Collections.nCopies(28, FileRecord.of(1, 0, 1))),
        PduViolation.BYTE_COUNT_MISMATCH, 252);
  }

  @Test
  void writeResponseHasTheSameLimits() {
    assertThat(WriteFileRecordResponse.of(new FileRecord(1, 0, new short[122])).dataLength()).isEqualTo(251);
    assertRejected(() -> new WriteFileRecordResponse(List.of()), PduViolation.BYTE_COUNT_MISMATCH, 0);
    assertRejected(() -> WriteFileRecordResponse.of(new FileRecord(1, 0, new short[123])),
        PduViolation.BYTE_COUNT_MISMATCH, 253);
  }

  @Test
  void fileRecordDataOneTo127Registers() {
    assertRejected(() -> new FileRecordData(new short[0]), PduViolation.QUANTITY_OUT_OF_RANGE, 0);
    assertThat(new FileRecordData(new short[127]).fileResponseLength()).isEqualTo(255);
    assertRejected(() -> new FileRecordData(new short[128]), PduViolation.QUANTITY_OUT_OF_RANGE, 128);
  }

  @Test
  void readResponseDataLengthFourTo251() {
    assertRejected(() -> new ReadFileRecordResponse(List.of()), PduViolation.BYTE_COUNT_MISMATCH, 0);
    assertThat(ReadFileRecordResponse.of(FileRecordData.of(1)).responseDataLength()).isEqualTo(4);
    assertThat(ReadFileRecordResponse.of(new FileRecordData(new short[124])).responseDataLength()).isEqualTo(250);
    assertRejected(() -> ReadFileRecordResponse.of(new FileRecordData(new short[125])),
        PduViolation.BYTE_COUNT_MISMATCH, 252);
  }
}
