package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;

/**
 * FC2B Encapsulated Interface Transport response for an MEI type other than 0x0E: the MEI type and opaque data of 0..251 bytes.
 *
 * @param meiType the mei type
 * @param data the bytes
 */
public record EncapsulatedInterfaceResponse(int meiType, byte[] data) implements ModbusResponse {
  /** Validates the fields and keeps a copy of data. */
  public EncapsulatedInterfaceResponse {
    Checks.u8(meiType, "meiType", "ENCAPSULATED_INTERFACE_TRANSPORT");
    if (meiType == ModbusLimits.MEI_READ_DEVICE_IDENTIFICATION) {
      throw new PduValueException(PduViolation.ILLEGAL_VALUE, meiType,
          "meiType 14 (0x0E) must use ReadDeviceIdentificationResponse");
    }
    Checks.length(data.length, 0, ModbusLimits.MAX_MEI_DATA_LENGTH, "data length", "ENCAPSULATED_INTERFACE_TRANSPORT");
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
  public int functionCode() {
    return FunctionCode.ENCAPSULATED_INTERFACE_TRANSPORT.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncapsulatedInterfaceResponse other && meiType == other.meiType && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * meiType + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "EncapsulatedInterfaceResponse[" + "meiType=0x" + Integer.toHexString(meiType) + ", " + "data=" + Hex.bytes(data) + "]";
  }
}
