package dev.modbustoolkit.server.core.internal;

import dev.modbustoolkit.pdu.DeviceIdObject;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ReadDeviceIdCode;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answers Read Device Identification (spec 6.21) from a sorted list of objects: stream access per category with
 * "more follows" splitting, and individual access.
 */
public final class DeviceIdReader {
  /** Function code, MEI type, read device id code, conformity level, more follows, next object id, count. */
  private static final int HEADER_LENGTH = 7;

  private DeviceIdReader() {}

  /**
   * The response, or null when the request names an object that does not exist in individual access (the caller
   * answers ILLEGAL_DATA_ADDRESS).
   *
   * @param objects sorted by id, each fitting alone into one response
   */
  public static @Nullable ReadDeviceIdentificationResponse read(
      List<DeviceIdObject> objects, int conformityLevel, ReadDeviceIdCode code, int objectId) {
    return switch (code) {
      case SPECIFIC -> individual(objects, conformityLevel, objectId);
      case BASIC -> stream(objects, conformityLevel, code, objectId, DeviceIdObject.MAJOR_MINOR_REVISION);
      // The categories nest: a regular stream starts with the basic objects, an extended one with both.
      case REGULAR -> stream(objects, conformityLevel, code, objectId, 0x7F);
      case EXTENDED -> stream(objects, conformityLevel, code, objectId, 0xFF);
    };
  }

  private static @Nullable ReadDeviceIdentificationResponse individual(
      List<DeviceIdObject> objects, int conformityLevel, int objectId) {
    for (DeviceIdObject o : objects) {
      if (o.id() == objectId) {
        return new ReadDeviceIdentificationResponse(ReadDeviceIdCode.SPECIFIC, conformityLevel, false, 0, List.of(o));
      }
    }
    return null;
  }

  private static ReadDeviceIdentificationResponse stream(
      List<DeviceIdObject> objects, int conformityLevel, ReadDeviceIdCode code, int objectId, int lastId) {
    boolean known = false;
    for (DeviceIdObject o : objects) {
      known |= o.id() == objectId && o.id() <= lastId;
    }
    // Spec: an object id that matches no object of the category restarts the stream at object 0.
    int start = known ? objectId : 0;
    List<DeviceIdObject> chosen = new ArrayList<>();
    int length = HEADER_LENGTH;
    for (DeviceIdObject o : objects) {
      if (o.id() < start || o.id() > lastId) {
        continue;
      }
      if (length + 2 + o.length() > ModbusLimits.MAX_PDU_LENGTH) {
        return new ReadDeviceIdentificationResponse(code, conformityLevel, true, o.id(), chosen);
      }
      chosen.add(o);
      length += 2 + o.length();
    }
    return new ReadDeviceIdentificationResponse(code, conformityLevel, false, 0, chosen);
  }
}
