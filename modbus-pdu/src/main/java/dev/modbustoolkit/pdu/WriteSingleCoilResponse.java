package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC05 Write Single Coil response (echo of the request): output address and ON/OFF, sent as 0xFF00 / 0x0000 on the wire.
 *
 * @param address the first address (0-based, as on the wire)
 * @param value the value
 */
public record WriteSingleCoilResponse(int address, boolean value) implements ModbusResponse {
  /** The wire value for ON. */
  public static final int ON = 0xFF00;
  /** The wire value for OFF. */
  public static final int OFF = 0x0000;

  /** Validates the address 0..65535. */
  public WriteSingleCoilResponse {
    Checks.address(address, "WRITE_SINGLE_COIL");
  }

  /** {@return the 16-bit output value on the wire: 0xFF00 or 0x0000} */
  public int wireValue() {
    return value ? ON : OFF;
  }

  @Override
  public int functionCode() {
    return FunctionCode.WRITE_SINGLE_COIL.code();
  }
}
