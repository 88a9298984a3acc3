package dev.modbustoolkit.server.rtu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two devices (units 1 and 2) with known contents, and the pymodbus client script that exercises them
 * (modbus-testkit: python/modbus_client.py, shared with the TCP server's serial-framing IT).
 */
final class TestBus {
  final RegisterDevice unit1 = RegisterDevice.of(DataModel.dense());
  final RegisterDevice unit2 = RegisterDevice.of(DataModel.dense());
  final ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, unit1).unit(2, unit2).build();

  TestBus() {
    for (int i = 0; i < 10; i++) {
      unit1.dataModel().holdingRegisters().set(i, 100 + i);
    }
    unit2.dataModel().holdingRegisters().setRange(0, 200, 201);
    unit1.dataModel().coils().setBit(0, true);
    unit1.dataModel().coils().setBit(2, true);
  }

  /**
   * Runs the pymodbus script with {@code args} (see {@link #pymodbusRun}) and returns its {@code name=value} lines
   * (and its whole output under {@code _output}); fails unless it exits with 0.
   */
  static Map<String, String> pymodbus(Path dir, String... args) throws IOException, InterruptedException {
    Tools.Result r = pymodbusRun(dir, args);
    assertThat(r.exitCode()).as(r.output()).isZero();
    Map<String, String> map = new LinkedHashMap<>();
    for (String line : r.output().split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        map.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    map.put("_output", r.output());
    return map;
  }

  /**
   * Runs the pymodbus script with {@code args} on the first python3 on the PATH that has pymodbus and pyserial
   * (skipped naming the package when there is none, failed under CI=true), killed and failed after 60 s.
   */
  static Tools.Result pymodbusRun(Path dir, String... args) throws IOException, InterruptedException {
    Path python = Tools.requirePython("python3-pymodbus python3-serial python3-serial-asyncio",
        "pymodbus.client", "serial", "serial_asyncio");
    Path script = dir.resolve("modbus_client.py");
    if (!Files.exists(script)) {
      try (InputStream in = TestBus.class.getResourceAsStream("/python/modbus_client.py")) {
        Files.copy(in, script);
      }
    }
    List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
    command.addAll(List.of(args));
    return Tools.run(Duration.ofSeconds(60), command);
  }

  /** The number of checked steps the script ran against the server: its lines {@link #assertScriptResults} reads. */
  static final int SCRIPT_STEPS = 9;

  /** What the script must have seen, and what it must have changed. */
  void assertScriptResults(Map<String, String> results) {
    String output = results.get("_output");
    assertThat(results)
        .as(output)
        .containsEntry("read_unit1", "100,101,102,103,104,105,106,107,108,109")
        .containsEntry("write_single", "ok")
        .containsEntry("write_multiple", "ok")
        .containsEntry("read_back", "1,2,3")
        .containsEntry("read_unit2", "200,201")
        .containsEntry("coils", "1,0,1,0,0,0,0,0")
        .containsEntry("after_broadcast", "77");
    // FC 03 with quantity 126: exception 0x83 / ILLEGAL_DATA_VALUE
    assertThat(results.get("exception")).as(output).startsWith("error:").contains("(131, 3");
    // unit 9 is not served: no answer at all, not even an exception
    assertThat(results.get("other_unit")).as(output).startsWith("error:").doesNotContain("Exception Response");
    assertThat(unit1.dataModel().holdingRegisters().get(4)).isEqualTo(1234);
    assertThat(unit1.dataModel().holdingRegisters().get(30)).isEqualTo(77);
    assertThat(unit2.dataModel().holdingRegisters().get(30)).isEqualTo(77);
  }
}
