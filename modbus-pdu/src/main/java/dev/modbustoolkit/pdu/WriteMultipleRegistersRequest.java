package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import dev.modbustoolkit.pdu.internal.Ownership;
import java.util.Arrays;

/**
 * FC10 Write Multiple Registers request: starting address, quantity 1..123, byte count 2q, then the registers.
 *
 * @param address the first address (0-based, as on the wire)
 * @param values the values
 */
public record WriteMultipleRegistersRequest(int address, short[] values) implements ModbusRequest {
  private static final String WHERE = "WRITE_MULTIPLE_REGISTERS";

  /** Validates quantity (QUANTITY_OUT_OF_RANGE) then the address range (ADDRESS_OUT_OF_RANGE); keeps a copy. */
  public WriteMultipleRegistersRequest {
    Checks.quantity(values.length, ModbusLimits.MAX_WRITE_REGISTERS, WHERE);
    Checks.addressRange(address, values.length, WHERE);
    values = Ownership.adopt(values);
  }

  /**
   * From int values, each 0..65535 (ILLEGAL_VALUE).
   *
   * @param address the first address (0-based, as on the wire)
   * @param values the values
   * @return the new {@code WriteMultipleRegistersRequest}
   */
  public static WriteMultipleRegistersRequest of(int address, int... values) {
    return new WriteMultipleRegistersRequest(address, Ownership.handOver(Checks.registers(values, WHERE)));
  }

  /** {@return a copy of the registers} */
  @Override
  public short[] values() {
    return values.clone();
  }

  /** {@return number of registers} */
  public int quantity() {
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

  /** The record's own array, not a copy: for {@link ModbusPduCodec}, which only reads it. */
  short[] sharedValues() {
    return values;
  }

  @Override
  public int functionCode() {
    return FunctionCode.WRITE_MULTIPLE_REGISTERS.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteMultipleRegistersRequest other && address == other.address
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * address + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "WriteMultipleRegistersRequest[address=" + address + ", values=" + Hex.words(values) + "]";
  }
}
