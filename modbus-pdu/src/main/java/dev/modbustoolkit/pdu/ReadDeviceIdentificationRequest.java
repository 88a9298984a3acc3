package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC2B / MEI 0x0E Read Device Identification request: read device id code and the first object id wanted.
 *
 * @param readDeviceIdCode the read device id code
 * @param objectId the object id
 */
public record ReadDeviceIdentificationRequest(ReadDeviceIdCode readDeviceIdCode, int objectId)
    implements ModbusRequest {
  /** Validates the object id 0..255 (ILLEGAL_VALUE). */
  public ReadDeviceIdentificationRequest {
    Checks.u8(objectId, "objectId", "READ_DEVICE_IDENTIFICATION");
  }

  /**
   * Always 0x0E.
   *
   * @return 0x0E
   */
  public int meiType() {
    return ModbusLimits.MEI_READ_DEVICE_IDENTIFICATION;
  }

  @Override
  public int functionCode() {
    return FunctionCode.ENCAPSULATED_INTERFACE_TRANSPORT.code();
  }
}
