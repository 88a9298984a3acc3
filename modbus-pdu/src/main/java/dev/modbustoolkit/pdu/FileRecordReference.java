package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * One FC14 Read File Record sub-request: reference type 6 (implicit), file number 1..65535, record number
 * 0..0x270F and record length (registers to read) of at least 1.
 *
 * @param fileNumber the file number
 * @param recordNumber the record number
 * @param recordLength the record length
 */
public record FileRecordReference(int fileNumber, int recordNumber, int recordLength) {
  private static final String WHERE = "READ_FILE_RECORD";

  /**
   * Validates file number, record number and record length, all three with FILE_RECORD_OUT_OF_RANGE (exception
   * 02 at a server): the spec's state diagram checks them together ("Reference Type = 6 AND File number OK AND
   * Record number OK AND Record length OK", else 02), so a record length of 0 is a bad reference, not a bad value.
   */
  public FileRecordReference {
    Checks.range(recordLength, 1, 0xFFFF, PduViolation.FILE_RECORD_OUT_OF_RANGE, "recordLength", WHERE);
    Checks.range(fileNumber, 1, 0xFFFF, PduViolation.FILE_RECORD_OUT_OF_RANGE, "fileNumber", WHERE);
    Checks.range(recordNumber, 0, ModbusLimits.MAX_FILE_RECORD_NUMBER, PduViolation.FILE_RECORD_OUT_OF_RANGE,
        "recordNumber", WHERE);
  }

  /**
   * Always {@value ModbusLimits#FILE_REFERENCE_TYPE}.
   *
   * @return {@value ModbusLimits#FILE_REFERENCE_TYPE}
   */
  public int referenceType() {
    return ModbusLimits.FILE_REFERENCE_TYPE;
  }
}
