package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A non-Java client: pymodbus (Debian's python3-pymodbus, run by /usr/bin/python3) in a subprocess. Skipped only
 * when python3 or pymodbus is not installed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PymodbusInteropIT {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  @Test
  void pymodbusReadsAndWritesEveryTable() throws Exception {
    assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
    assumeTrue(run(PYTHON.toString(), "-c", "import pymodbus").exitCode() == 0, "pymodbus not installed");

    InteropDevice device = new InteropDevice();
    ModbusTcpServer server = support.start(device.dispatcher(), b -> {});
    Path script = Files.createTempFile("pymodbus_client", ".py");
    try (InputStream in = PymodbusInteropIT.class.getResourceAsStream("/pymodbus_client.py")) {
      Files.write(script, in.readAllBytes());
      Result result = run(PYTHON.toString(), script.toString(), "127.0.0.1",
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

  static Result run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
