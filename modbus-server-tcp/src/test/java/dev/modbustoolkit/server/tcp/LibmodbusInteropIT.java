package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.server.tcp.PymodbusInteropIT.Result;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.Tools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A C client built on libmodbus (Debian's libmodbus-dev), compiled in the test with {@code cc}, over every
 * function code libmodbus frames (01-07, 0F, 10, 11, 16, 17, and exceptions 02, 03, 0B), in both I/O modes. The
 * client's source, src/test/resources/libmodbus/libmodbus_client.c, says why 08, 0B, 0C, 14, 15, 18 and 2B are
 * left to {@link PymodbusInteropIT}. Skipped, visibly, when cc or libmodbus's headers are missing (failed under
 * {@code CI=true}); how many steps ran against libmodbus is printed after the suite.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LibmodbusInteropIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();

  @TempDir Path dir;
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  @ParameterizedTest(name = "libmodbus over every function code it frames, {0}")
  @EnumSource(IoMode.class)
  void libmodbusOverEveryFunctionCodeItFrames(IoMode ioMode) throws Exception {
    Path client = compile();
    InteropDevice device = new InteropDevice();
    ModbusTcpServer server = support.start(device.dispatcher(), b -> b.ioMode(ioMode));
    Result result = PymodbusInteropIT.run(client.toString(), "127.0.0.1",
        String.valueOf(server.localAddress().getPort()));
    assertThat(result.exitCode()).as("libmodbus client output:%n%s", result.output()).isZero();
    Map<String, String> lines = result.keyValues();
    assertThat(lines).as(result.output())
        .containsEntry("coils", "1,0,0,1,0,0,1,0,0,1,0,0,1,0,0,1")
        .containsEntry("discrete", "1,0,1,0,1,0,1,0,1,0,1,0,1,0,1,0")
        .containsEntry("holding", "1000,1001,1002,1003,1004,1005,1006,1007,1008,1009")
        .containsEntry("input", "2000,2001,2002,2003,2004,2005,2006,2007,2008,2009")
        .containsEntry("write_coil", "ok")
        .containsEntry("write_coils", "ok")
        .containsEntry("write_register", "ok")
        .containsEntry("write_registers", "ok")
        .containsEntry("mask_write", "ok")
        .containsEntry("readwrite", "7,8,9,0,0")
        .containsEntry("server_id", "696e7465726f70ff7631")      // "interop", run indicator ON, "v1"
        // MBAP header (7), function code, status: libmodbus checked the length against what 07 answers
        .containsEntry("exception_status", InteropDevice.EXCEPTION_STATUS + " length=9")
        .containsEntry("illegal_address", "2")
        .containsEntry("quantity_126", "83 03 length=9")
        .containsEntry("unknown_unit", "11")
        .containsEntry("after_exceptions", "1000");
    device.assertWritesArrived();
    PEER_STEPS.ran("libmodbus", lines.size() - 1);
  }

  /** Compiles the client into the test's directory with cc and libmodbus (pkg-config's flags when it is there). */
  private Path compile() throws Exception {
    Path cc = Tools.require("cc", "build-essential");
    Path source = dir.resolve("libmodbus_client.c");
    try (InputStream in = getClass().getResourceAsStream("/libmodbus/libmodbus_client.c")) {
      Files.copy(in, source);
    }
    Path binary = dir.resolve("libmodbus_client");
    List<String> command = new ArrayList<>(List.of(cc.toString(), "-Wall", "-o", binary.toString(), source.toString()));
    command.addAll(libmodbusFlags());
    Tools.Result r = Tools.run(Duration.ofSeconds(60), command);
    if (r.exitCode() != 0 && r.output().contains("modbus.h")) {
      return Tools.missing("libmodbus's headers (modbus.h) are not installed: " + r.output().strip(), "libmodbus-dev");
    }
    assertThat(r.exitCode()).as("cc %s:%n%s", command, r.output()).isZero();
    return binary;
  }

  private static List<String> libmodbusFlags() throws Exception {
    Optional<Path> pkgConfig = Tools.find("pkg-config");
    if (pkgConfig.isPresent()) {
      Tools.Result r = Tools.run(Duration.ofSeconds(30), pkgConfig.get().toString(), "--cflags", "--libs", "libmodbus");
      if (r.exitCode() == 0) {
        return List.of(r.output().strip().split("\\s+"));
      }
    }
    return List.of("-I/usr/include/modbus", "-lmodbus");
  }
}
