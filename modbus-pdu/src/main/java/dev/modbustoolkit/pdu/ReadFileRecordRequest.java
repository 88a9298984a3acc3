package dev.modbustoolkit.pdu;

import java.util.List;

/**
 * FC14 Read File Record request: byte count 0x07..0xF5 (7 bytes per sub-request), then the sub-requests. The
 * response they ask for must fit in a 253-byte PDU.
 *
 * @param references the references
 */
public record ReadFileRecordRequest(List<FileRecordReference> references) implements ModbusRequest {
  /**
   * Validates the byte count (BYTE_COUNT_MISMATCH, offending value 7 * references) and the expected response
   * length (QUANTITY_OUT_OF_RANGE, offending value the response PDU length); keeps an immutable copy.
   */
  public ReadFileRecordRequest {
    references = List.copyOf(references);
    long byteCount = (long) ModbusLimits.READ_FILE_SUB_REQUEST_LENGTH * references.size();
    if (byteCount < ModbusLimits.MIN_READ_FILE_BYTE_COUNT || byteCount > ModbusLimits.MAX_READ_FILE_BYTE_COUNT) {
      throw new PduValueException(PduViolation.BYTE_COUNT_MISMATCH, byteCount,
          "byte count " + byteCount + " out of range 7..245 (1..35 sub-requests) for READ_FILE_RECORD");
    }
    long response = responseLength(references);
    if (response > ModbusLimits.MAX_PDU_LENGTH) {
      throw new PduValueException(PduViolation.QUANTITY_OUT_OF_RANGE, response,
          "response length " + response + " exceeds " + ModbusLimits.MAX_PDU_LENGTH + " for READ_FILE_RECORD");
    }
  }

  /**
   * Varargs convenience.
   *
   * @param references the references
   * @return the new {@code ReadFileRecordRequest}
   */
  public static ReadFileRecordRequest of(FileRecordReference... references) {
    return new ReadFileRecordRequest(List.of(references));
  }

  /** {@return the byte count field: 7 per sub-request} */
  public int byteCount() {
    return ModbusLimits.READ_FILE_SUB_REQUEST_LENGTH * references.size();
  }

  /** {@return length of the response PDU this request asks for: fc, data length, then 2 + 2n per sub-response} */
  public int expectedResponseLength() {
    return (int) responseLength(references);
  }

  private static long responseLength(List<FileRecordReference> references) {
    long length = 2;
    for (FileRecordReference r : references) {
      length += 2 + 2L * r.recordLength();
    }
    return length;
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_FILE_RECORD.code();
  }
}
