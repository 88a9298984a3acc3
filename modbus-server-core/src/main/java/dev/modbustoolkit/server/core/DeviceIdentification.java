package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.DeviceIdObject;
import dev.modbustoolkit.pdu.ModbusLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The identification objects a {@link RegisterDevice} returns for Read Device Identification (FC 0x2B / MEI 0x0E):
 * the mandatory basic objects VendorName (0x00), ProductCode (0x01) and MajorMinorRevision (0x02), the optional
 * regular objects VendorUrl, ProductName, ModelName and UserApplicationName (0x03-0x06) and device-specific
 * extended objects (0x80-0xFF). Ids 0x07-0x7F are reserved by the spec.
 *
 * <p>Immutable. Each value is at most {@value #MAX_OBJECT_LENGTH} bytes, so that any single object fits into one
 * response (individual access).
 */
public final class DeviceIdentification {
  /** The longest object value: a 253-byte PDU minus 7 header bytes minus id and length of the object. */
  public static final int MAX_OBJECT_LENGTH = ModbusLimits.MAX_PDU_LENGTH - 7 - 2;

  /** First id of the extended category. */
  public static final int FIRST_EXTENDED_ID = 0x80;

  /** Conformity level bit 7: individual access (read device id code 04) is supported, as it always is here. */
  private static final int INDIVIDUAL_ACCESS = 0x80;

  private final List<DeviceIdObject> objects;
  private final DeviceIdObject[] byId = new DeviceIdObject[256];
  private final int conformityLevel;

  private DeviceIdentification(TreeMap<Integer, byte[]> values) {
    List<DeviceIdObject> list = new ArrayList<>(values.size());
    values.forEach((id, value) -> list.add(new DeviceIdObject(id, value)));
    this.objects = List.copyOf(list);
    int category = 0x01;
    for (DeviceIdObject o : objects) {
      byId[o.id()] = o;
      category = Math.max(category, o.id() >= FIRST_EXTENDED_ID ? 0x03 : o.id() > 0x02 ? 0x02 : 0x01);
    }
    this.conformityLevel = INDIVIDUAL_ACCESS | category;
  }

  /** {@return a builder; the three basic objects must be set before {@link Builder#build()}} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return all objects, sorted by id} */
  public List<DeviceIdObject> objects() {
    return objects;
  }

  /**
   * {@return the object with this id (0..255), if present}
   *
   * @param id the object id (0..255)
   */
  public Optional<DeviceIdObject> object(int id) {
    return id < 0 || id > 0xFF ? Optional.empty() : Optional.ofNullable(byId[id]);
  }

  /**
   * {@return the conformity level sent in every response: 0x81 basic, 0x82 regular, 0x83 extended (the highest category
   * with an object), bit 7 set because individual access is supported}
   */
  public int conformityLevel() {
    return conformityLevel;
  }

  /** Builds a {@link DeviceIdentification}. Not thread-safe. */
  public static final class Builder {
    private final TreeMap<Integer, byte[]> values = new TreeMap<>();

    private Builder() {}

    /**
     * VendorName (0x00, mandatory).
     *
     * @param value the value
     * @return this builder
     */
    public Builder vendorName(String value) {
      return object(DeviceIdObject.VENDOR_NAME, value);
    }

    /**
     * ProductCode (0x01, mandatory).
     *
     * @param value the value
     * @return this builder
     */
    public Builder productCode(String value) {
      return object(DeviceIdObject.PRODUCT_CODE, value);
    }

    /**
     * MajorMinorRevision (0x02, mandatory), e.g. "V2.11".
     *
     * @param value the value
     * @return this builder
     */
    public Builder majorMinorRevision(String value) {
      return object(DeviceIdObject.MAJOR_MINOR_REVISION, value);
    }

    /**
     * VendorUrl (0x03, regular).
     *
     * @param value the value
     * @return this builder
     */
    public Builder vendorUrl(String value) {
      return object(DeviceIdObject.VENDOR_URL, value);
    }

    /**
     * ProductName (0x04, regular).
     *
     * @param value the value
     * @return this builder
     */
    public Builder productName(String value) {
      return object(DeviceIdObject.PRODUCT_NAME, value);
    }

    /**
     * ModelName (0x05, regular).
     *
     * @param value the value
     * @return this builder
     */
    public Builder modelName(String value) {
      return object(DeviceIdObject.MODEL_NAME, value);
    }

    /**
     * UserApplicationName (0x06, regular).
     *
     * @param value the value
     * @return this builder
     */
    public Builder userApplicationName(String value) {
      return object(DeviceIdObject.USER_APPLICATION_NAME, value);
    }

    /**
     * {@return any object 0x00-0x06 or 0x80-0xFF, as an ISO-8859-1 string}
     *
     * @param id the object id (0..255)
     * @param value the value
     */
    public Builder object(int id, String value) {
      return object(id, value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * {@return any object 0x00-0x06 or 0x80-0xFF (replacing an earlier value)}
     *
     * @param id the object id (0..255)
     * @param value the value
     * @throws IllegalArgumentException for a reserved id (0x07-0x7F) or an id outside 0..255, or a value longer
     *     than {@value DeviceIdentification#MAX_OBJECT_LENGTH} bytes
     */
    public Builder object(int id, byte[] value) {
      Objects.requireNonNull(value, "value");
      if (id < 0 || id > 0xFF || (id > DeviceIdObject.USER_APPLICATION_NAME && id < FIRST_EXTENDED_ID)) {
        throw new IllegalArgumentException(
            "object id " + id + " is not 0x00-0x06 or 0x80-0xFF (0x07-0x7F are reserved)");
      }
      if (value.length > MAX_OBJECT_LENGTH) {
        throw new IllegalArgumentException(
            "object " + id + " value length " + value.length + " out of range 0.." + MAX_OBJECT_LENGTH);
      }
      values.put(id, value.clone());
      return this;
    }

    /**
     * {@return the identification}
     *
     * @throws IllegalStateException when a basic object (VendorName, ProductCode, MajorMinorRevision) is missing
     */
    public DeviceIdentification build() {
      for (int id = DeviceIdObject.VENDOR_NAME; id <= DeviceIdObject.MAJOR_MINOR_REVISION; id++) {
        if (!values.containsKey(id)) {
          throw new IllegalStateException("mandatory basic object " + id + " is missing");
        }
      }
      return new DeviceIdentification(values);
    }
  }
}
