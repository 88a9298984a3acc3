package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import dev.modbustoolkit.pdu.internal.Ownership;
import java.util.Arrays;

/**
 * FC0F Write Multiple Coils request: starting address, quantity 1..1968, byte count ceil(q / 8), then the coil
 * values packed LSB-first. Unused high bits of the last byte are ignored on decode and written 0 on encode.
 *
 * @param address the first address (0-based, as on the wire)
 * @param values the values
 */
public record WriteMultipleCoilsRequest(int address, boolean[] values) implements ModbusRequest {
  private static final String WHERE = "WRITE_MULTIPLE_COILS";

  /** Validates quantity (QUANTITY_OUT_OF_RANGE) then the address range (ADDRESS_OUT_OF_RANGE); keeps a copy. */
  public WriteMultipleCoilsRequest {
    Checks.quantity(values.length, ModbusLimits.MAX_WRITE_COILS, WHERE);
    Checks.addressRange(address, values.length, WHERE);
    values = Ownership.adopt(values);
  }

  /**
   * Varargs convenience.
   *
   * @return the new {@code WriteMultipleCoilsRequest}
   */
  public static WriteMultipleCoilsRequest of(int address, boolean... values) {
    return new WriteMultipleCoilsRequest(address, values);
  }

  /** {@return a copy of the coil values} */
  @Override
  public boolean[] values() {
    return values.clone();
  }

  /** {@return number of coils} */
  public int quantity() {
    return values.length;
  }

  /**
   * {@return coil i}
   *
   * @param i the index (0-based)
   */
  public boolean value(int i) {
    return values[i];
  }

  /** {@return the byte count field: ceil(quantity / 8)} */
  public int byteCount() {
    return (values.length + 7) / 8;
  }

  @Override
  public int functionCode() {
    return FunctionCode.WRITE_MULTIPLE_COILS.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WriteMultipleCoilsRequest other && address == other.address
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * address + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "WriteMultipleCoilsRequest[address=" + address + ", values=" + Hex.bits(values) + "]";
  }
}
