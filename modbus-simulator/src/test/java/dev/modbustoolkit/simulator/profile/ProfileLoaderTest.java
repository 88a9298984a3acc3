package dev.modbustoolkit.simulator.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.registers.WordOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the loader makes of a profile, and every kind of error it names by field. */
class ProfileLoaderTest {
  @TempDir Path dir;

  private DeviceProfile yaml(String text) {
    return ProfileLoader.parse(text, ProfileLoader.Syntax.YAML, dir);
  }

  private static final String POINT = "units:\n  - id: 1\n    points:\n      - ";

  @Test
  void theEnergyMeterExampleHasEveryPointType() throws Exception {
    DeviceProfile p = ProfileLoader.load(Path.of("examples/energy-meter.yaml"));
    assertThat(p.seed()).isEqualTo(7);
    RegisterMap map = p.maps().get(p.units().get(0).map());
    assertThat(map.wordOrder()).isEqualTo(WordOrder.CDAB);
    assertThat(map.points()).extracting(s -> s.type().profileName())
        .contains("bool", "int16", "uint16", "uint32", "uint64", "float32", "float64", "string", "bitfield");
    PointSpec serial = map.points().stream().filter(s -> s.name().equals("serial-number")).findFirst().orElseThrow();
    assertThat(serial.wordOrder()).as("text defaults to ABCD").isEqualTo(WordOrder.ABCD);
    assertThat(serial.access()).as("from its read-only block").isEqualTo(Access.READ_ONLY);
    PointSpec voltage = map.points().get(0);
    assertThat(voltage.tick()).isEqualTo(Duration.ofMillis(500));
    assertThat(voltage.value()).isEqualTo(new ValueSpec.Sine(228, 232, Duration.ofSeconds(60), 0));
    Identification id = p.units().get(0).identification();
    assertThat(id.objects()).containsEntry(0, "modbus-toolkit").containsEntry(0x80, "installed 2026-12-01");
    assertThat(new String(id.serverId(), java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("EM-3");
  }

  @Test
  void unitsNamingOneMapShareIt() throws Exception {
    DeviceProfile p = ProfileLoader.load(Path.of("examples/pumping-station.yaml"));
    assertThat(p.units()).extracting(UnitProfile::map).containsExactly("pump", "pump", "units[2]");
    assertThat(p.maps().get("units[2]").blocks(Table.COILS)).containsExactly(new BlockSpec(0, 100, Access.READ_WRITE));
    assertThat(p.units().get(0).transports()).containsExactlyInAnyOrder(Transport.values());
    assertThat(p.units().get(2).transports()).containsExactly(Transport.UDP, Transport.SERIAL);
  }

  @Test
  void jsonWorksToo() {
    DeviceProfile p = ProfileLoader.parse("{\"units\": [{\"id\": 3, \"size\": 10}]}", ProfileLoader.Syntax.JSON, dir);
    assertThat(p.maps().get("units[0]").blocks(Table.HOLDING_REGISTERS))
        .containsExactly(new BlockSpec(0, 10, Access.READ_WRITE));
    assertThat(p.seed()).isNull();
  }

  @Test
  void csvPlaybackReadsAColumnByHeaderOrIndex() throws Exception {
    Files.writeString(dir.resolve("v.csv"), "t,flow\n0,1.5\n1,2.5\n");
    Files.writeString(dir.resolve("plain.csv"), "7\n8\n9\n");
    DeviceProfile p = yaml(POINT + "{name: a, table: input-registers, address: 0, type: float32,"
        + " value: {type: csv, file: v.csv, column: flow}}\n"
        + "      - {name: b, table: input-registers, address: 2, type: uint16, value: {type: csv, file: plain.csv}}\n");
    var points = p.maps().get("units[0]").points();
    assertThat(((ValueSpec.CsvPlayback) points.get(0).value()).values()).containsExactly(1.5, 2.5);
    assertThat(((ValueSpec.CsvPlayback) points.get(1).value()).values()).containsExactly(7.0, 8.0, 9.0);
  }

  /** One bad profile per kind of error: the field the message starts with, and what it says. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: float}]}]"
          + "| units[0].points[0].type | unknown type 'float'",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0}]}]"
          + "| units[0].points[0].type | missing",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16},"
          + " {name: a, table: holding-registers, address: 1, type: uint16}]}]"
          + "| units[0].points[1].name | duplicate name 'a'",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: float32},"
          + " {name: b, table: holding-registers, address: 1, type: uint16}]}]"
          + "| units[0].points[1].address | overlaps point 'a'",
      "units: [{id: 1, tables: {holding-registers: [{start: 0, count: 10}]},"
          + " points: [{name: a, table: holding-registers, address: 9, type: float32}]}]"
          + "| units[0].points[0].address | not inside one address block",
      "units: [{id: 1, points: [{name: a, table: tables, address: 0, type: uint16}]}]"
          + "| units[0].points[0].table | unknown value 'tables'",
      "units: [{id: 1, points: [{name: a, table: coils, address: 0, type: uint16}]}]"
          + "| units[0].points[0].type | must be of type bool",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: bool}]}]"
          + "| units[0].points[0].type | type bool is for coils",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: string}]}]"
          + "| units[0].points[0].length | missing",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16, length: 4}]}]"
          + "| units[0].points[0].length | only a string point",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: int16, initial: 40000}]}]"
          + "| units[0].points[0].initial | outside the range of int16",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: string, length: 2,"
          + " initial: abc}]}]"
          + "| units[0].points[0].initial | longer than the point's 2 characters",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16, scale: 0}]}]"
          + "| units[0].points[0].scale | must not be 0",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16, wordOrder: abdc}]}]"
          + "| units[0].points[0].wordOrder | unknown value 'abdc'",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16, access: rw}]}]"
          + "| units[0].points[0].access | unknown value 'rw'",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16, colour: red}]}]"
          + "| units[0].points[0].colour | unknown field 'colour' for a point",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 65535, type: float32}]}]"
          + "| units[0].points[0].address | leaves 0..65535",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16, tick: 0s}]}]"
          + "| units[0].points[0].tick | must be more than 0",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16,"
          + " value: {type: wobble}}]}]"
          + "| units[0].points[0].value.type | unknown value type 'wobble'",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16,"
          + " value: {type: sine, min: 0, max: 10}}]}]"
          + "| units[0].points[0].value.period | missing",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16,"
          + " value: {type: sine, min: 0, max: 10, period: soon}}]}]"
          + "| units[0].points[0].value.period | is not a duration",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16,"
          + " value: {type: uniform, min: 10, max: 0}}]}]"
          + "| units[0].points[0].value | min 10.0 is above max 0.0",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16,"
          + " value: {type: random-walk, min: 0, max: 10, start: 20, step: 1}}]}]"
          + "| units[0].points[0].value.start | outside min..max",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16,"
          + " value: {type: first-order-lag, setpoint: sp, timeConstant: 5s}}]}]"
          + "| units[0].points[0].value.setpoint | no point named 'sp'",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: uint16,"
          + " value: {type: csv, file: nowhere.csv}}]}]"
          + "| units[0].points[0].value.file | does not exist",
      "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: string, length: 4,"
          + " value: {type: constant, value: 1}}]}]"
          + "| units[0].points[0].value | a string point does not move",
      "units: [{id: 1, tables: {holding-registers: [{start: 0, count: 10}, {start: 5, count: 10}]}}]"
          + "| units[0].tables.holding-registers[1] | overlaps block 0..9",
      "units: [{id: 1, tables: {registers: [{start: 0, count: 10}]}}]"
          + "| units[0].tables.registers | unknown table 'registers'",
      "units: [{id: 1, tables: {coils: [{start: 65000, count: 1000}]}}]"
          + "| units[0].tables.coils[0].count | out of range 1..536",
      "units: [{id: 1, size: 10, tables: {}}]"
          + "| units[0].size | either 'size'",
      "units: [{id: 0}]"
          + "| units[0].id | 0 out of range 1..247",
      "units: [{id: 1}, {id: 1}]"
          + "| units[1].id | unit 1 appears twice",
      "units: [{id: 1, map: meter}]"
          + "| units[0].map | no map 'meter'",
      "{maps: {m: {size: 4}}, units: [{id: 1, map: m, size: 8}]}"
          + "| units[0].size | takes its size from the map",
      "units: [{id: 1, identification: {vendorName: v, productCode: p}}]"
          + "| units[0].identification.revision | missing",
      "units: [{id: 1, identification: {vendorName: v, productCode: p, revision: r, objects: {7: x}}}]"
          + "| units[0].identification.objects.7 | not an extended object",
      "units: [{id: 1, identification: {vendorName: v, productCode: p, revision: r, running: yes please}}]"
          + "| units[0].identification.running | expected true or false",
      "units: 3"
          + "| units | expected a list of units",
      "units: []"
          + "| units | at least one unit",
      "{seed: x, units: [{id: 1}]}"
          + "| seed | expected an integer",
      "{wordOrder: abdc, units: [{id: 1}]}"
          + "| wordOrder | unknown value",
      "units: [{id: 1, transports: [tcp, modem]}]"
          + "| units[0].transports[1] | unknown value 'modem'",
      "units: [{id: 1, transports: []}]"
          + "| units[0].transports | at least one transport",
      "unit: [{id: 1}]"
          + "| units | missing",
  })
  void badProfilesNameTheField(String text, String field, String message) {
    assertThatThrownBy(() -> yaml(text))
        .isInstanceOf(ProfileException.class)
        .satisfies(e -> assertThat(((ProfileException) e).field()).isEqualTo(field.strip()))
        .hasMessageStartingWith(field.strip() + ": ")
        .hasMessageContaining(message.strip());
  }

  @Test
  void malformedTextAndEmptyFilesNameNoField() {
    assertThatThrownBy(() -> yaml("units: [ {id: 1"))
        .isInstanceOf(ProfileException.class).hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> ProfileLoader.parse("{\"units\": [}", ProfileLoader.Syntax.JSON, dir))
        .isInstanceOf(ProfileException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> yaml("")).isInstanceOf(ProfileException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> yaml("units: [{id: 1}]\nunits: [{id: 2}]"))
        .isInstanceOf(ProfileException.class).hasMessageContaining("Duplicate field 'units'");
  }

  @Test
  void namesTakeEverySpelling() {
    DeviceProfile p = yaml("units: [{id: 1, tables: {holdingRegisters: [{start: 0, count: 4, access: READ_ONLY}]},"
        + " points: [{name: a, table: HOLDING_REGISTERS, address: 0, type: uint16, wordOrder: BADC}]}]");
    assertThat(p.maps().get("units[0]").points().get(0).access()).isEqualTo(Access.READ_ONLY);
    assertThat(p.maps().get("units[0]").points().get(0).wordOrder()).isEqualTo(WordOrder.BADC);
  }
}
