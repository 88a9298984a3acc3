package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One object of a Read Device Identification response: object id 0..255 and its value (0..245 bytes; ASCII
 * strings for the basic and regular objects).
 *
 * @param id the object id (0..255)
 * @param value the value
 */
public record DeviceIdObject(int id, byte[] value) {
  private static final String WHERE = "READ_DEVICE_IDENTIFICATION";

  /** Object id of VendorName. */
  public static final int VENDOR_NAME = 0x00;
  /** Object id of ProductCode. */
  public static final int PRODUCT_CODE = 0x01;
  /** Object id of MajorMinorRevision. */
  public static final int MAJOR_MINOR_REVISION = 0x02;
  /** Object id of VendorUrl. */
  public static final int VENDOR_URL = 0x03;
  /** Object id of ProductName. */
  public static final int PRODUCT_NAME = 0x04;
  /** Object id of ModelName. */
  public static final int MODEL_NAME = 0x05;
  /** Object id of UserApplicationName. */
  public static final int USER_APPLICATION_NAME = 0x06;

  /** Validates the id 0..255 (ILLEGAL_VALUE) and value length 0..245 (QUANTITY_OUT_OF_RANGE); keeps a copy. */
  public DeviceIdObject {
    Checks.u8(id, "object id", WHERE);
    Checks.length(value.length, 0, ModbusLimits.MAX_DEVICE_ID_OBJECT_LENGTH, "object length", WHERE);
    value = value.clone();
  }

  /**
   * {@return an object whose value is a string, one byte per character (ISO-8859-1, a superset of ASCII)}
   *
   * @param id the object id (0..255)
   * @param value the value
   */
  public static DeviceIdObject of(int id, String value) {
    return new DeviceIdObject(id, value.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** {@return a copy of the value} */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /** {@return the object length field} */
  public int length() {
    return value.length;
  }

  /**
   * {@return value byte i, unsigned}
   *
   * @param i the index (0-based)
   */
  public int valueByte(int i) {
    return Byte.toUnsignedInt(value[i]);
  }

  /** {@return the value as a string, one character per byte (ISO-8859-1)} */
  public String valueAsString() {
    return new String(value, StandardCharsets.ISO_8859_1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceIdObject other && id == other.id && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * id + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "DeviceIdObject[id=0x" + Integer.toHexString(id) + ", value=" + Hex.bytes(value) + "]";
  }
}
