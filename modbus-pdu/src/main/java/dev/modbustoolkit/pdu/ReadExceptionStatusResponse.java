package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC07 Read Exception Status response: the eight exception status outputs, output 0 in bit 0.
 *
 * @param outputData the output data
 */
public record ReadExceptionStatusResponse(int outputData) implements ModbusResponse {
  /** Validates outputData 0..255 (ILLEGAL_VALUE). */
  public ReadExceptionStatusResponse {
    Checks.u8(outputData, "outputData", "READ_EXCEPTION_STATUS");
  }

  /**
   * Exception status output i (0..7).
   *
   * @param i the index (0-based)
   * @return whether output i is on
   */
  public boolean output(int i) {
    java.util.Objects.checkIndex(i, 8);
    return (outputData & (1 << i)) != 0;
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_EXCEPTION_STATUS.code();
  }
}
