package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.DeviceIdObject;
import dev.modbustoolkit.registers.DataModel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Identification objects (spec 6.21): id ranges, lookup, and stream boundaries of Read Device Identification. */
class DeviceIdentificationTest {

  private static DeviceIdentification.Builder basic() {
    return DeviceIdentification.builder().vendorName("V").productCode("P").majorMinorRevision("1");
  }

  private static @Nullable String call(DeviceIdentification identification, String request) {
    RegisterDevice device = RegisterDevice.builder(DataModel.dense()).identification(identification).build();
    return Pdus.call(ModbusDispatcher.builder().unit(1, device).build(), SERIAL, 1, request);
  }

  private static String objectHex(int id, String value) {
    return String.format("%02X%02X", id, value.length())
        + HexFormat.of().withUpperCase().formatHex(value.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void objectIdsAreTheBasicAndRegularRangeAndTheExtendedRange() {
    DeviceIdentification id = basic().userApplicationName("U").object(0xFF, "last").object(0x80, "first").build();

    assertThat(id.objects()).extracting(DeviceIdObject::id).containsExactly(0, 1, 2, 6, 0x80, 0xFF);
    assertThat(id.conformityLevel()).isEqualTo(0x83);
    for (int reserved : new int[] {-1, 0x07, 0x7F, 0x100}) {
      assertThatThrownBy(() -> basic().object(reserved, "x")).as("id %d", reserved)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void objectLooksUpByIdAndIsEmptyOutsideTheByteRange() {
    DeviceIdentification id = basic().object(0xFF, "last").build();

    assertThat(id.object(0)).map(DeviceIdObject::valueAsString).contains("V");
    assertThat(id.object(0xFF)).map(DeviceIdObject::valueAsString).contains("last");
    assertThat(id.object(3)).isEmpty();
    assertThat(id.object(-1)).isEmpty();
    assertThat(id.object(0x100)).isEmpty();
    assertThat(id.conformityLevel()).isEqualTo(0x83);
    assertThat(basic().build().conformityLevel()).isEqualTo(0x81);
  }

  @Test
  void aBasicStreamMayStartAtItsLastObject() {
    DeviceIdentification id = basic().productName("N").build();

    assertThat(call(id, "2B 0E 01 02")).isEqualTo(norm("2B 0E 01 82 00 00 01" + objectHex(2, "1")));
    assertThat(call(id, "2B 0E 02 04")).isEqualTo(norm("2B 0E 02 82 00 00 01" + objectHex(4, "N")));
  }

  @Test
  void anExtendedStreamMayStartAtObject255() {
    DeviceIdentification id = basic().object(0xFF, "Z").build();

    assertThat(call(id, "2B 0E 03 FF")).isEqualTo(norm("2B 0E 03 83 00 00 01" + objectHex(0xFF, "Z")));
  }

  @Test
  void aStreamOfExactly253BytesIsSentWhole() {
    String value = "e".repeat(253 - 7 - 3 * 3 - 2);
    DeviceIdentification id = basic().object(0x80, value).build();

    String response = call(id, "2B 0E 03 00");

    assertThat(response).startsWith(norm("2B 0E 03 83 00 00 04")).hasSize(2 * 253);
    assertThat(response).endsWith(objectHex(0x80, value));
  }

  @Test
  void aStreamOneBytePast253IsSplit() {
    String value = "e".repeat(253 - 7 - 3 * 3 - 2 + 1);
    DeviceIdentification id = basic().object(0x80, value).build();

    assertThat(call(id, "2B 0E 03 00")).isEqualTo(norm("2B 0E 03 83 FF 80 03"
        + objectHex(0, "V") + objectHex(1, "P") + objectHex(2, "1")));
    assertThat(call(id, "2B 0E 03 80")).isEqualTo(norm("2B 0E 03 83 00 00 01" + objectHex(0x80, value)));
  }
}
