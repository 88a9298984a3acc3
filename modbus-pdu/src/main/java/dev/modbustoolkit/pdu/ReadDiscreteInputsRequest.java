package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC02 Read Discrete Inputs request: starting address and quantity 1..{@value ModbusLimits#MAX_READ_BITS}, with address + quantity at most
 * 65536.
 *
 * @param address the first address (0-based, as on the wire)
 * @param quantity the number of inputs
 */
public record ReadDiscreteInputsRequest(int address, int quantity) implements ModbusRequest {
  /** Validates quantity (QUANTITY_OUT_OF_RANGE) before the address range (ADDRESS_OUT_OF_RANGE), as the spec does. */
  public ReadDiscreteInputsRequest {
    Checks.quantity(quantity, ModbusLimits.MAX_READ_BITS, "READ_DISCRETE_INPUTS");
    Checks.addressRange(address, quantity, "READ_DISCRETE_INPUTS");
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_DISCRETE_INPUTS.code();
  }
}
