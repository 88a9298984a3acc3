package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC01 Read Coils request: starting address and quantity 1..{@value ModbusLimits#MAX_READ_BITS}, with address + quantity at most
 * 65536.
 *
 * @param address the first address (0-based, as on the wire)
 * @param quantity the number of coils
 */
public record ReadCoilsRequest(int address, int quantity) implements ModbusRequest {
  /** Validates quantity (QUANTITY_OUT_OF_RANGE) before the address range (ADDRESS_OUT_OF_RANGE), as the spec does. */
  public ReadCoilsRequest {
    Checks.quantity(quantity, ModbusLimits.MAX_READ_BITS, "READ_COILS");
    Checks.addressRange(address, quantity, "READ_COILS");
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_COILS.code();
  }
}
