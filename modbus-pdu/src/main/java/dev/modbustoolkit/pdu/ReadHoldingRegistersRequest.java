package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC03 Read Holding Registers request: starting address and quantity 1..{@value ModbusLimits#MAX_READ_REGISTERS}, with address + quantity at most
 * 65536.
 *
 * @param address the first address (0-based, as on the wire)
 * @param quantity the number of registers
 */
public record ReadHoldingRegistersRequest(int address, int quantity) implements ModbusRequest {
  /** Validates quantity (QUANTITY_OUT_OF_RANGE) before the address range (ADDRESS_OUT_OF_RANGE), as the spec does. */
  public ReadHoldingRegistersRequest {
    Checks.quantity(quantity, ModbusLimits.MAX_READ_REGISTERS, "READ_HOLDING_REGISTERS");
    Checks.addressRange(address, quantity, "READ_HOLDING_REGISTERS");
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_HOLDING_REGISTERS.code();
  }
}
