package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC10 Write Multiple Registers response (echo of address and quantity): starting address and quantity 1..{@value ModbusLimits#MAX_WRITE_REGISTERS}, with address + quantity at most
 * 65536.
 *
 * @param address the first address (0-based, as on the wire)
 * @param quantity the number of registers
 */
public record WriteMultipleRegistersResponse(int address, int quantity) implements ModbusResponse {
  /** Validates quantity (QUANTITY_OUT_OF_RANGE) before the address range (ADDRESS_OUT_OF_RANGE), as the spec does. */
  public WriteMultipleRegistersResponse {
    Checks.quantity(quantity, ModbusLimits.MAX_WRITE_REGISTERS, "WRITE_MULTIPLE_REGISTERS");
    Checks.addressRange(address, quantity, "WRITE_MULTIPLE_REGISTERS");
  }

  @Override
  public int functionCode() {
    return FunctionCode.WRITE_MULTIPLE_REGISTERS.code();
  }
}
