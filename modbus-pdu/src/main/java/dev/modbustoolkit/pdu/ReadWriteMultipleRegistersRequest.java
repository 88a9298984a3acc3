package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import dev.modbustoolkit.pdu.internal.Ownership;
import java.util.Arrays;

/**
 * FC17 Read/Write Multiple Registers request: read address, read quantity 1..125, write address, write quantity
 * 1..121, byte count 2 * write quantity, then the registers to write (the write happens before the read).
 *
 * @param readAddress the read address
 * @param readQuantity the read quantity
 * @param writeAddress the write address
 * @param writeValues the write values
 */
public record ReadWriteMultipleRegistersRequest(int readAddress, int readQuantity, int writeAddress,
    short[] writeValues) implements ModbusRequest {
  private static final String WHERE = "READ_WRITE_MULTIPLE_REGISTERS";

  /** Validates both quantities (QUANTITY_OUT_OF_RANGE) before both address ranges (ADDRESS_OUT_OF_RANGE). */
  public ReadWriteMultipleRegistersRequest {
    Checks.length(readQuantity, 1, ModbusLimits.MAX_READ_WRITE_READ, "readQuantity", WHERE);
    Checks.length(writeValues.length, 1, ModbusLimits.MAX_READ_WRITE_WRITE, "writeQuantity", WHERE);
    Checks.addressRange(readAddress, readQuantity, "readAddress", WHERE);
    Checks.addressRange(writeAddress, writeValues.length, "writeAddress", WHERE);
    writeValues = Ownership.adopt(writeValues);
  }

  /**
   * From int write values, each 0..65535 (ILLEGAL_VALUE).
   *
   * @param readAddress the read address
   * @param readQuantity the read quantity
   * @param writeAddress the write address
   * @param writeValues the write values
   * @return the new {@code ReadWriteMultipleRegistersRequest}
   */
  public static ReadWriteMultipleRegistersRequest of(int readAddress, int readQuantity, int writeAddress,
      int... writeValues) {
    return new ReadWriteMultipleRegistersRequest(readAddress, readQuantity, writeAddress,
        Ownership.handOver(Checks.registers(writeValues, WHERE)));
  }

  /** {@return a copy of the registers to write} */
  @Override
  public short[] writeValues() {
    return writeValues.clone();
  }

  /** {@return number of registers to write} */
  public int writeQuantity() {
    return writeValues.length;
  }

  /**
   * {@return register to write i, unsigned 0..65535}
   *
   * @param i the index (0-based)
   */
  public int writeValue(int i) {
    return writeValues[i] & 0xFFFF;
  }

  /** The record's own array, not a copy: for {@link ModbusPduCodec}, which only reads it. */
  short[] sharedWriteValues() {
    return writeValues;
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_WRITE_MULTIPLE_REGISTERS.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadWriteMultipleRegistersRequest other && readAddress == other.readAddress
        && readQuantity == other.readQuantity && writeAddress == other.writeAddress
        && Arrays.equals(writeValues, other.writeValues);
  }

  @Override
  public int hashCode() {
    return ((31 * readAddress + readQuantity) * 31 + writeAddress) * 31 + Arrays.hashCode(writeValues);
  }

  @Override
  public String toString() {
    return "ReadWriteMultipleRegistersRequest[readAddress=" + readAddress + ", readQuantity=" + readQuantity
        + ", writeAddress=" + writeAddress + ", writeValues=" + Hex.words(writeValues) + "]";
  }
}
