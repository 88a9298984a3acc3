package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.Tools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pymodbus's TCP client with its RTU and ASCII framers against the server's RTU and ASCII framings: reads, writes,
 * an exception, a unit nobody serves (no answer at all) and a broadcast. Under {@code CI=true} a missing pymodbus
 * fails instead of skipping, since {@code .ci/run} installs it.
 */
@Timeout(120)
class PymodbusSerialFramingIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();

  @TempDir Path dir;
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"rtu", "ascii"})
  void pymodbusOverTcpWithSerialFramers(String framer) throws Exception {
    String python = Tools.requirePython("python3-pymodbus", "pymodbus.client").toString();
    RegisterDevice unit1 = RegisterDevice.of(DataModel.dense());
    RegisterDevice unit2 = RegisterDevice.of(DataModel.dense());
    for (int i = 0; i < 10; i++) {
      unit1.dataModel().holdingRegisters().set(i, 100 + i);
    }
    unit2.dataModel().holdingRegisters().setRange(0, 200, 201);
    unit1.dataModel().coils().setBit(0, true);
    unit1.dataModel().coils().setBit(2, true);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, unit1).unit(2, unit2).build();
    ModbusTcpServer server = support.start(dispatcher,
        b -> b.framing("rtu".equals(framer) ? TcpFraming.RTU : TcpFraming.ASCII));
    Path script = dir.resolve("modbus_client.py");
    try (InputStream in = getClass().getResourceAsStream("/python/modbus_client.py")) {
      Files.copy(in, script);
    }
    Result r = run(List.of(python, script.toString(), "tcp", "127.0.0.1",
        String.valueOf(server.localAddress().getPort()), framer));
    assertThat(r.exitCode()).as(r.output()).isZero();
    Map<String, String> results = r.keyValues();
    assertThat(results).as(r.output())
        .containsEntry("read_unit1", "100,101,102,103,104,105,106,107,108,109")
        .containsEntry("write_single", "ok")
        .containsEntry("write_multiple", "ok")
        .containsEntry("read_back", "1,2,3")
        .containsEntry("read_unit2", "200,201")
        .containsEntry("coils", "1,0,1,0,0,0,0,0")
        .containsEntry("after_broadcast", "77");
    // FC 03 with quantity 126: exception 0x83 / ILLEGAL_DATA_VALUE
    assertThat(results.get("exception")).as(r.output()).startsWith("error:").contains("(131, 3");
    // Unit 9 is not served: no answer at all, not even an exception.
    assertThat(results.get("other_unit")).as(r.output()).startsWith("error:").doesNotContain("Exception Response");
    assertThat(unit1.dataModel().holdingRegisters().get(4)).isEqualTo(1234);
    assertThat(unit1.dataModel().holdingRegisters().get(30)).isEqualTo(77);
    assertThat(unit2.dataModel().holdingRegisters().get(30)).isEqualTo(77);
    PEER_STEPS.ran("pymodbus", results.size());
  }

  record Result(int exitCode, String output) {
    Map<String, String> keyValues() {
      Map<String, String> map = new LinkedHashMap<>();
      for (String line : output.split("\\R")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          map.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return map;
    }
  }

  /** Runs a command, merging stderr into stdout; killed and failed after 60 s. */
  private static Result run(List<String> command) throws Exception {
    Tools.Result r = Tools.run(Duration.ofSeconds(60), command);
    return new Result(r.exitCode(), r.output());
  }
}
