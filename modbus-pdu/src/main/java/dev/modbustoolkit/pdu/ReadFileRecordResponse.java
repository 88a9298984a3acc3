package dev.modbustoolkit.pdu;

import java.util.List;

/**
 * FC14 Read File Record response: response data length, then per sub-request a file response length (1 + 2n),
 * reference type 6 and n registers. The data length ranges over 4..251: the spec table says 0x07..0xF5, but one
 * sub-response of one register is 4 bytes and a legal request may ask for up to 251.
 *
 * @param records the records
 */
public record ReadFileRecordResponse(List<FileRecordData> records) implements ModbusResponse {
  /** Validates the response data length (BYTE_COUNT_MISMATCH); keeps an immutable copy. */
  public ReadFileRecordResponse {
    records = List.copyOf(records);
    long length = 0;
    for (FileRecordData r : records) {
      length += 2 + 2L * r.recordLength();
    }
    if (length < ModbusLimits.MIN_READ_FILE_RESPONSE_LENGTH || length > ModbusLimits.MAX_READ_FILE_RESPONSE_LENGTH) {
      throw new PduValueException(PduViolation.BYTE_COUNT_MISMATCH, length,
          "response data length " + length + " out of range 4..251 for READ_FILE_RECORD");
    }
  }

  /**
   * Varargs convenience.
   *
   * @param records the records
   * @return the new {@code ReadFileRecordResponse}
   */
  public static ReadFileRecordResponse of(FileRecordData... records) {
    return new ReadFileRecordResponse(List.of(records));
  }

  /** {@return the response data length field} */
  public int responseDataLength() {
    int length = 0;
    for (int i = 0; i < records.size(); i++) {
      length += records.get(i).fileResponseLength() + 1;
    }
    return length;
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_FILE_RECORD.code();
  }
}
