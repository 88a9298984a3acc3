package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;

/**
 * One FC14 Read File Record sub-response: file response length 1 + 2n (1 byte), reference type 6 (implicit),
 * then n registers (1..127, so that the length fits its byte).
 *
 * @param values the values
 */
public record FileRecordData(short[] values) {
  /** Validates 1..127 registers (QUANTITY_OUT_OF_RANGE) and keeps a copy. */
  public FileRecordData {
    Checks.length(values.length, 1, 127, "recordLength", "READ_FILE_RECORD");
    values = values.clone();
  }

  /**
   * From int values, each 0..65535 (ILLEGAL_VALUE).
   *
   * @param values the values
   * @return the new {@code FileRecordData}
   */
  public static FileRecordData of(int... values) {
    return new FileRecordData(Checks.registers(values, "READ_FILE_RECORD"));
  }

  /**
   * Always {@value ModbusLimits#FILE_REFERENCE_TYPE}.
   *
   * @return {@value ModbusLimits#FILE_REFERENCE_TYPE}
   */
  public int referenceType() {
    return ModbusLimits.FILE_REFERENCE_TYPE;
  }

  /** {@return the file response length field: 1 + 2 * number of registers} */
  public int fileResponseLength() {
    return 1 + 2 * values.length;
  }

  /** {@return a copy of the registers} */
  @Override
  public short[] values() {
    return values.clone();
  }

  /** {@return number of registers} */
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
    return o instanceof FileRecordData other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "FileRecordData[values=" + Hex.words(values) + "]";
  }
}
