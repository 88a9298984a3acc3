package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC06 Write Single Register response (echo of the request): register address and a 16-bit value.
 *
 * @param address the first address (0-based, as on the wire)
 * @param value the value
 */
public record WriteSingleRegisterResponse(int address, int value) implements ModbusResponse {
  /** Validates the value 0..65535 (ILLEGAL_VALUE) before the address (ADDRESS_OUT_OF_RANGE). */
  public WriteSingleRegisterResponse {
    Checks.u16(value, "register value", "WRITE_SINGLE_REGISTER");
    Checks.address(address, "WRITE_SINGLE_REGISTER");
  }

  @Override
  public int functionCode() {
    return FunctionCode.WRITE_SINGLE_REGISTER.code();
  }
}
