package dev.modbustoolkit.pdu.internal;

import static dev.modbustoolkit.pdu.internal.Wire.putU8;

import dev.modbustoolkit.pdu.DeviceIdObject;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceResponse;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.PduViolation;
import dev.modbustoolkit.pdu.ReadDeviceIdCode;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** FC2B Encapsulated Interface Transport: MEI 0x0E Read Device Identification, other MEI types opaque (spec 6.19-6.21). */
public final class EncapsulatedInterfaceCodec {
  private static final int FC2B = 0x2B;
  private static final int MEI_0E = ModbusLimits.MEI_READ_DEVICE_IDENTIFICATION;

  private EncapsulatedInterfaceCodec() {}

  /** fc, MEI type, read device id code, object id. */
  public static final int DEVICE_ID_REQUEST_LENGTH = 4;

  /** fc, MEI type, data. */
  public static int length(EncapsulatedInterfaceRequest r) {
    return 2 + r.dataLength();
  }

  /** fc, MEI type, data. */
  public static int length(EncapsulatedInterfaceResponse r) {
    return 2 + r.dataLength();
  }

  /** fc, MEI, code, conformity, more follows, next id, number of objects, then id, length, value per object. */
  public static int length(ReadDeviceIdentificationResponse r) {
    List<DeviceIdObject> objects = r.objects();
    int length = 7;
    for (int i = 0; i < objects.size(); i++) {
      length += 2 + objects.get(i).length();
    }
    return length;
  }

  /** Writes the whole PDU. */
  public static void encode(ReadDeviceIdentificationRequest r, ByteBuffer out) {
    putU8(out, FC2B);
    putU8(out, MEI_0E);
    putU8(out, r.readDeviceIdCode().code());
    putU8(out, r.objectId());
  }

  /** Writes the whole PDU. */
  public static void encode(ReadDeviceIdentificationResponse r, ByteBuffer out) {
    List<DeviceIdObject> objects = r.objects();
    putU8(out, FC2B);
    putU8(out, MEI_0E);
    putU8(out, r.readDeviceIdCode().code());
    putU8(out, r.conformityLevel());
    putU8(out, r.moreFollows() ? 0xFF : 0x00);
    putU8(out, r.nextObjectId());
    putU8(out, objects.size());
    for (int i = 0; i < objects.size(); i++) {
      DeviceIdObject object = objects.get(i);
      putU8(out, object.id());
      putU8(out, object.length());
      for (int j = 0; j < object.length(); j++) {
        putU8(out, object.valueByte(j));
      }
    }
  }

  /** Writes the whole PDU. */
  public static void encode(EncapsulatedInterfaceRequest r, ByteBuffer out) {
    putU8(out, FC2B);
    putU8(out, r.meiType());
    for (int i = 0; i < r.dataLength(); i++) {
      putU8(out, r.dataByte(i));
    }
  }

  /** Writes the whole PDU. */
  public static void encode(EncapsulatedInterfaceResponse r, ByteBuffer out) {
    putU8(out, FC2B);
    putU8(out, r.meiType());
    for (int i = 0; i < r.dataLength(); i++) {
      putU8(out, r.dataByte(i));
    }
  }

  // ---- decoders: the function code has been consumed

  /** Decodes the rest of an FC2B request: MEI 0x0E or 0x0D, any other is UNSUPPORTED_SUB_FUNCTION. */
  public static ModbusRequest request(ByteBuffer in) {
    int meiType = Wire.u8(in, FC2B);
    if (meiType == MEI_0E) {
      Wire.exactly(in, 2, FC2B);
      ReadDeviceIdCode code = readDeviceIdCode(in);
      return new ReadDeviceIdentificationRequest(code, Wire.u8(in, FC2B));
    }
    if (meiType == ModbusLimits.MEI_CANOPEN_GENERAL_REFERENCE) {
      return new EncapsulatedInterfaceRequest(meiType, Wire.rest(in));
    }
    throw Wire.fail(PduViolation.UNSUPPORTED_SUB_FUNCTION, FC2B, meiType,
        "MEI type 0x" + Integer.toHexString(meiType) + " is not supported (0x0D, 0x0E)");
  }

  /** Decodes the rest of an FC2B response: MEI 0x0E structured, any other MEI type opaque. */
  public static ModbusResponse response(ByteBuffer in) {
    int meiType = Wire.u8(in, FC2B);
    if (meiType != MEI_0E) {
      return new EncapsulatedInterfaceResponse(meiType, Wire.rest(in));
    }
    Wire.need(in, 5, FC2B);
    ReadDeviceIdCode code = readDeviceIdCode(in);
    int conformityLevel = Wire.u8(in, FC2B);
    int moreFollows = Wire.u8(in, FC2B);
    if (moreFollows != 0x00 && moreFollows != 0xFF) {
      throw Wire.fail(PduViolation.ILLEGAL_VALUE, FC2B, moreFollows,
          "more follows 0x" + Integer.toHexString(moreFollows) + " must be 0x00 or 0xFF");
    }
    int nextObjectId = Wire.u8(in, FC2B);
    int numberOfObjects = Wire.u8(in, FC2B);
    List<DeviceIdObject> objects = new ArrayList<>(numberOfObjects);
    for (int i = 0; i < numberOfObjects; i++) {
      int id = Wire.u8(in, FC2B);
      int length = Wire.u8(in, FC2B);
      objects.add(new DeviceIdObject(id, Wire.bytes(in, length, FC2B)));
    }
    Wire.end(in, FC2B);
    return new ReadDeviceIdentificationResponse(code, conformityLevel, moreFollows == 0xFF, nextObjectId, objects);
  }

  private static ReadDeviceIdCode readDeviceIdCode(ByteBuffer in) {
    int value = Wire.u8(in, FC2B);
    Optional<ReadDeviceIdCode> code = ReadDeviceIdCode.of(value);
    if (code.isEmpty()) {
      throw Wire.fail(PduViolation.ILLEGAL_VALUE, FC2B, value, "read device id code " + value + " must be 1..4");
    }
    return code.get();
  }
}
