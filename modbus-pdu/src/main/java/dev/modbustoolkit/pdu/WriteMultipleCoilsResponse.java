package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC0F Write Multiple Coils response (echo of address and quantity): starting address and quantity 1..{@value ModbusLimits#MAX_WRITE_COILS}, with address + quantity at most
 * 65536.
 *
 * @param address the first address (0-based, as on the wire)
 * @param quantity the number of coils
 */
public record WriteMultipleCoilsResponse(int address, int quantity) implements ModbusResponse {
  /** Validates quantity (QUANTITY_OUT_OF_RANGE) before the address range (ADDRESS_OUT_OF_RANGE), as the spec does. */
  public WriteMultipleCoilsResponse {
    Checks.quantity(quantity, ModbusLimits.MAX_WRITE_COILS, "WRITE_MULTIPLE_COILS");
    Checks.addressRange(address, quantity, "WRITE_MULTIPLE_COILS");
  }

  @Override
  public int functionCode() {
    return FunctionCode.WRITE_MULTIPLE_COILS.code();
  }
}
