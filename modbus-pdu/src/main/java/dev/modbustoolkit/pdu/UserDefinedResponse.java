package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;

/**
 * A response with a user-defined function code (65..72, 100..110): opaque data of 0..252 bytes.
 *
 * @param functionCode the function code
 * @param data the bytes
 */
public record UserDefinedResponse(int functionCode, byte[] data) implements ModbusResponse {
  /** Validates the fields and keeps a copy of data. */
  public UserDefinedResponse {
    if (!FunctionCode.isUserDefined(functionCode)) {
      throw new PduValueException(PduViolation.UNSUPPORTED_FUNCTION_CODE, functionCode,
          "functionCode " + functionCode + " is not user-defined (65..72, 100..110)");
    }
    Checks.length(data.length, 0, ModbusLimits.MAX_USER_DEFINED_DATA_LENGTH, "data length", "function code " + functionCode);
    data = data.clone();
  }

  /** {@return a copy of the data} */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** {@return number of data bytes} */
  public int dataLength() {
    return data.length;
  }

  /**
   * Data byte i, unsigned.
   *
   * @param i the index (0-based)
   * @return the data byte
   */
  public int dataByte(int i) {
    return Byte.toUnsignedInt(data[i]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserDefinedResponse other && functionCode == other.functionCode && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * functionCode + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "UserDefinedResponse[" + "functionCode=" + functionCode + ", " + "data=" + Hex.bytes(data) + "]";
  }
}
