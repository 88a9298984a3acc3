package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC16 Mask Write Register response (echo of the request): the register becomes (current AND andMask) OR (orMask AND (NOT andMask)).
 *
 * @param address the first address (0-based, as on the wire)
 * @param andMask the and mask
 * @param orMask the or mask
 */
public record MaskWriteRegisterResponse(int address, int andMask, int orMask) implements ModbusResponse {
  /** Validates both masks 0..65535 (ILLEGAL_VALUE), then the address (ADDRESS_OUT_OF_RANGE). */
  public MaskWriteRegisterResponse {
    Checks.u16(andMask, "andMask", "MASK_WRITE_REGISTER");
    Checks.u16(orMask, "orMask", "MASK_WRITE_REGISTER");
    Checks.address(address, "MASK_WRITE_REGISTER");
  }

  /**
   * {@return the register value the mask write produces from the current one}
   *
   * @param current the current
   */
  public int apply(int current) {
    return ((current & andMask) | (orMask & ~andMask)) & 0xFFFF;
  }

  @Override
  public int functionCode() {
    return FunctionCode.MASK_WRITE_REGISTER.code();
  }
}
