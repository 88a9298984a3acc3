package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import dev.modbustoolkit.pdu.internal.Ownership;
import java.util.Arrays;

/**
 * FC03 Read Holding Registers response: byte count 2n, then n registers. Values are unsigned 16-bit, held as {@code short}.
 *
 * @param values the values
 */
public record ReadHoldingRegistersResponse(short[] values) implements ModbusResponse {
  /** Validates 1..max values (QUANTITY_OUT_OF_RANGE) and keeps a copy. */
  public ReadHoldingRegistersResponse {
    Checks.length(values.length, 1, ModbusLimits.MAX_READ_REGISTERS, "quantity", "READ_HOLDING_REGISTERS");
    values = Ownership.adopt(values);
  }

  /**
   * From int values, each 0..65535 (ILLEGAL_VALUE).
   *
   * @param values the values
   * @return the new {@code ReadHoldingRegistersResponse}
   */
  public static ReadHoldingRegistersResponse of(int... values) {
    return new ReadHoldingRegistersResponse(Ownership.handOver(Checks.registers(values, "READ_HOLDING_REGISTERS")));
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
   * {@return register i as an unsigned value 0..65535}
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
    return FunctionCode.READ_HOLDING_REGISTERS.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadHoldingRegistersResponse other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ReadHoldingRegistersResponse[values=" + Hex.words(values) + "]";
  }
}
