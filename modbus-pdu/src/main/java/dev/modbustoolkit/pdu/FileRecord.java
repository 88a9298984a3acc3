package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;

/**
 * One FC15 Write File Record sub-request (and its echo in the response): reference type 6 (implicit), file
 * number 1..65535, record number 0..0x270F and the registers to write (record length = number of values, >= 1).
 *
 * @param fileNumber the file number
 * @param recordNumber the record number
 * @param values the values
 */
public record FileRecord(int fileNumber, int recordNumber, short[] values) {
  private static final String WHERE = "WRITE_FILE_RECORD";

  /**
   * Validates file number, record number and record length, all three with FILE_RECORD_OUT_OF_RANGE (exception
   * 02 at a server): the spec's state diagram checks them together ("Reference Type = 6 AND File number OK AND
   * Record number OK AND Record length OK", else 02), so a record length of 0 is a bad reference, not a bad value.
   */
  public FileRecord {
    Checks.range(values.length, 1, 0xFFFF, PduViolation.FILE_RECORD_OUT_OF_RANGE, "recordLength", WHERE);
    Checks.range(fileNumber, 1, 0xFFFF, PduViolation.FILE_RECORD_OUT_OF_RANGE, "fileNumber", WHERE);
    Checks.range(recordNumber, 0, ModbusLimits.MAX_FILE_RECORD_NUMBER, PduViolation.FILE_RECORD_OUT_OF_RANGE,
        "recordNumber", WHERE);
    values = values.clone();
  }

  /**
   * From int values, each 0..65535 (ILLEGAL_VALUE).
   *
   * @param fileNumber the file number
   * @param recordNumber the record number
   * @param values the values
   * @return the new {@code FileRecord}
   */
  public static FileRecord of(int fileNumber, int recordNumber, int... values) {
    return new FileRecord(fileNumber, recordNumber, Checks.registers(values, WHERE));
  }

  /**
   * Always {@value ModbusLimits#FILE_REFERENCE_TYPE}.
   *
   * @return {@value ModbusLimits#FILE_REFERENCE_TYPE}
   */
  public int referenceType() {
    return ModbusLimits.FILE_REFERENCE_TYPE;
  }

  /** {@return a copy of the registers} */
  @Override
  public short[] values() {
    return values.clone();
  }

  /** {@return the record length field: number of registers} */
  public int recordLength() {
    return values.length;
  }

  /**
   * {@return register i, unsigned 0..65535}
   *
   * @param i the index (0-based)
   */
  public int value(int i) {
    return values[i] & 0xFFFF;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileRecord other && fileNumber == other.fileNumber && recordNumber == other.recordNumber
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return (31 * fileNumber + recordNumber) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FileRecord[fileNumber=" + fileNumber + ", recordNumber=" + recordNumber + ", values="
        + Hex.words(values) + "]";
  }
}
