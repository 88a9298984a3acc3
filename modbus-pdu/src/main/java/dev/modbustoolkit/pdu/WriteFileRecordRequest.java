package dev.modbustoolkit.pdu;

import java.util.List;

/**
 * FC15 Write File Record request: request data length 0x09..0xFB, then per record reference type 6, file number, record number, record length and the registers.
 *
 * @param records the records
 */
public record WriteFileRecordRequest(List<FileRecord> records) implements ModbusRequest {
  /** Validates the data length 9..251 (BYTE_COUNT_MISMATCH, offending value the length); keeps an immutable copy. */
  public WriteFileRecordRequest {
    records = List.copyOf(records);
    long length = 0;
    for (FileRecord r : records) {
      length += 7 + 2L * r.recordLength();
    }
    if (length < ModbusLimits.MIN_WRITE_FILE_DATA_LENGTH || length > ModbusLimits.MAX_WRITE_FILE_DATA_LENGTH) {
      throw new PduValueException(PduViolation.BYTE_COUNT_MISMATCH, length,
          "request data length " + length + " out of range 9..251 for WRITE_FILE_RECORD");
    }
  }

  /**
   * Varargs convenience.
   *
   * @param records the records
   * @return the new {@code WriteFileRecordRequest}
   */
  public static WriteFileRecordRequest of(FileRecord... records) {
    return new WriteFileRecordRequest(List.of(records));
  }

  /** {@return the request data length field: 7 + 2n per record} */
  public int dataLength() {
    int length = 0;
    for (int i = 0; i < records.size(); i++) {
      length += 7 + 2 * records.get(i).recordLength();
    }
    return length;
  }

  @Override
  public int functionCode() {
    return FunctionCode.WRITE_FILE_RECORD.code();
  }
}
