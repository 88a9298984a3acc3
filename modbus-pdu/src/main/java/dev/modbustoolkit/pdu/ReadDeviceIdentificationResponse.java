package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import java.util.List;

/**
 * FC2B / MEI 0x0E Read Device Identification response: read device id code, conformity level, more follows
 * (0xFF / 0x00 on the wire), next object id, number of objects, then (id, length, value) per object. The whole
 * PDU must fit in 253 bytes.
 *
 * @param readDeviceIdCode the read device id code
 * @param conformityLevel the conformity level
 * @param moreFollows the more follows
 * @param nextObjectId the next object id
 * @param objects the objects
 */
public record ReadDeviceIdentificationResponse(ReadDeviceIdCode readDeviceIdCode, int conformityLevel,
    boolean moreFollows, int nextObjectId, List<DeviceIdObject> objects) implements ModbusResponse {
  private static final String WHERE = "READ_DEVICE_IDENTIFICATION";

  /**
   * Validates conformity level and next object id 0..255 (ILLEGAL_VALUE) and the PDU length
   * (QUANTITY_OUT_OF_RANGE, offending value the PDU length); keeps an immutable copy of the objects.
   */
  public ReadDeviceIdentificationResponse {
    Checks.u8(conformityLevel, "conformityLevel", WHERE);
    Checks.u8(nextObjectId, "nextObjectId", WHERE);
    objects = List.copyOf(objects);
    long length = 7;
    for (DeviceIdObject o : objects) {
      length += 2 + o.length();
    }
    if (length > ModbusLimits.MAX_PDU_LENGTH) {
      throw new PduValueException(PduViolation.QUANTITY_OUT_OF_RANGE, length,
          "PDU length " + length + " exceeds " + ModbusLimits.MAX_PDU_LENGTH + " for " + WHERE);
    }
  }

  /**
   * Always 0x0E.
   *
   * @return 0x0E
   */
  public int meiType() {
    return ModbusLimits.MEI_READ_DEVICE_IDENTIFICATION;
  }

  /** {@return the number of objects field} */
  public int numberOfObjects() {
    return objects.size();
  }

  @Override
  public int functionCode() {
    return FunctionCode.ENCAPSULATED_INTERFACE_TRANSPORT.code();
  }
}
