package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A non-Java client: pymodbus (Debian's python3-pymodbus, run by the python3 on the PATH) in a subprocess. Skipped
 * only when python3 or pymodbus is not installed (failed then under CI=true).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PymodbusInteropIT {
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  @Test
  void pymodbusReadsAndWritesEveryTable() throws Exception {
    Path python = Tools.requirePython("python3-pymodbus", "pymodbus");

    InteropDevice device = new InteropDevice();
    ModbusTcpServer server = support.start(device.dispatcher(), b -> {});
    Path script = Files.createTempFile("pymodbus_client", ".py");
    try (InputStream in = PymodbusInteropIT.class.getResourceAsStream("/pymodbus_client.py")) {
      Files.write(script, in.readAllBytes());
      Result result = run(python.toString(), script.toString(), "127.0.0.1",
          String.valueOf(server.localAddress().getPort()));
      assertThat(result.exitCode()).as("pymodbus client output:%n%s", result.output()).isZero();
      Map<String, String> lines = result.keyValues();
      assertThat(lines).as(result.output()).containsEntry("coils", "1,0,0,1,0,0,1,0,0,1,0,0,1,0,0,1")
          .containsEntry("discrete", "1,0,1,0,1,0,1,0,1,0,1,0,1,0,1,0")
          .containsEntry("holding", "1000,1001,1002,1003,1004,1005,1006,1007,1008,1009")
          .containsEntry("input", "2000,2001,2002,2003,2004,2005,2006,2007,2008,2009")
          .containsEntry("write_coil", "ok")
          .containsEntry("write_coils", "ok")
          .containsEntry("write_register", "ok")
          .containsEntry("write_registers", "ok")
          .containsEntry("mask_write", "ok")
          .containsEntry("readwrite", "7,8,9,0,0")
          .containsEntry("unknown_unit", "11");
    } finally {
      Files.deleteIfExists(script);
    }
    device.assertWritesArrived();
  }

  record Result(int exitCode, String output) {
    Map<String, String> keyValues() {
      Map<String, String> map = new LinkedHashMap<>();
      for (String line : output.split("\\R")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          map.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
      return map;
    }
  }

  /** Runs a command; its output is read on a thread of its own, and it is killed and failed after 30 s. */
  static Result run(String... command) throws IOException, InterruptedException {
    Tools.Result r = Tools.run(Duration.ofSeconds(30), command);
    return new Result(r.exitCode(), r.output());
  }
}
