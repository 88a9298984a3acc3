package dev.modbustoolkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdCode;
import dev.modbustoolkit.testkit.ChildProcess;
import dev.modbustoolkit.testkit.PtyPair;
import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a libmodbus server: a small C program (src/test/resources/libmodbus_server.c) compiled by the
 * test with the C compiler on the PATH and Debian's libmodbus-dev, run as a child process bounded in time: every
 * function code libmodbus serves, its exceptions, a unit it never answers (a timeout), reconnect after it restarts.
 * Skipped when cc or libmodbus-dev is missing; failed then under CI=true.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LibmodbusServerIT {
  @TempDir Path dir;
  private @Nullable ChildProcess server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  /** Compiles the server into {@code dir}; skips (fails under CI=true) when the compiler or libmodbus is missing. */
  static Path compile(Path dir) throws IOException, InterruptedException {
    Path cc = Tools.require("cc", "gcc");
    Path source = dir.resolve("libmodbus_server.c");
    try (InputStream in = LibmodbusServerIT.class.getResourceAsStream("/libmodbus_server.c")) {
      Files.write(source, in.readAllBytes());
    }
    Path binary = dir.resolve("libmodbus_server");
    Tools.Result r = Tools.run(Duration.ofSeconds(60), cc.toString(), "-O1", "-o", binary.toString(),
        source.toString(), "-I/usr/include/modbus", "-lmodbus");
    if (r.exitCode() != 0) {
      String message = "cannot build the libmodbus server (Debian package libmodbus-dev: apt-get install "
          + "libmodbus-dev):\n" + r.output();
      if ("true".equals(System.getenv("CI")) || !r.output().contains("modbus")) {
        throw new AssertionError(message);
      }
      abort(message + "\ntest skipped");
    }
    return binary;
  }

  private void startTcp(Path binary, int port) throws Exception {
    server = ChildProcess.start(new ProcessBuilder(binary.toString(), "tcp", String.valueOf(port)));
    server.awaitLine(Duration.ofSeconds(20), "serving"::equals);
  }

  @Test
  void everyFunctionCodeExceptionsTimeoutAndReconnectOverTcp() throws Exception {
    Path binary = compile(dir);
    int port = PeerChecks.freePort();
    startTcp(binary, port);
    PeerChecks checks = new PeerChecks("libmodbus TCP server");
    try (ModbusClient client = PeerChecks.tcp(port, Duration.ofSeconds(2)).build()) {
      BlockingModbusClient c = client.blocking();
      checks.tables(c);
      beyondTheTables(c, checks);
      checks.timeout(client, () -> c.readHoldingRegisters(9, 0, 1)); // the server reads unit 9 and never answers
      checks.reconnect(client, new PeerChecks.Restartable() {
        @Override
        public void stop() throws Exception {
          server.close();
        }

        @Override
        public void start() throws Exception {
          startTcp(binary, port);
        }
      });
    }
    assertThat(checks.report()).isEqualTo(12 + 3 + 2);
  }

  @Test
  void everyFunctionCodeExceptionsTimeoutAndBroadcastOverRtuOnAPtyPair() throws Exception {
    Path binary = compile(dir);
    PeerChecks checks = new PeerChecks("libmodbus RTU server");
    try (PtyPair pty = PtyPair.start(dir)) {
      server = ChildProcess.start(new ProcessBuilder(binary.toString(), "rtu", pty.server().toString(),
          String.valueOf(SerialMasterIT.LINE.baudRate())));
      server.awaitLine(Duration.ofSeconds(20), "serving"::equals);
      try (ModbusClient client = ModbusClient.serial(pty.client().toString()).lineSettings(SerialMasterIT.LINE)
          .timeout(Duration.ofSeconds(1)).retry(RetryPolicy.NONE).build()) {
        BlockingModbusClient c = client.blocking();
        checks.tables(c);
        reportServerId(c, checks);
        checks.timeout(client, () -> c.readHoldingRegisters(9, 0, 1)); // libmodbus RTU ignores other units
        SerialMasterIT.broadcastThenRead(client, checks);
      }
    }
    assertThat(checks.report()).isEqualTo(12 + 1 + 2);
  }

  /**
   * What libmodbus 3.1 serves beyond the tables: FC 11 (Report Server ID: its id byte, run indicator ON and its
   * version string), and exception 01 for function codes it does not implement (FC 08, 2B): 3 steps. Over TCP
   * only: on a serial line libmodbus frames a request by its function code, so it cannot even read one it does not
   * implement (it takes the first two data bytes for the CRC, and answers nothing).
   */
  static void beyondTheTables(BlockingModbusClient c, PeerChecks checks) {
    reportServerId(c, checks);
    PeerChecks.assertException(
        () -> c.diagnostics(1, DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_QUERY_DATA, 1)), 0x08, 0x01);
    checks.ran("exception 01 (FC08)");
    PeerChecks.assertException(() -> c.readDeviceIdentification(1, ReadDeviceIdCode.BASIC, 0), 0x2B, 0x01);
    checks.ran("exception 01 (FC2B)");
  }

  /** FC 11, Report Server ID: libmodbus's id byte, run indicator ON, then "LMB" and its version: 1 step. */
  static void reportServerId(BlockingModbusClient c, PeerChecks checks) {
    byte[] id = c.reportServerId(1).data();
    assertThat(id.length).isGreaterThan(2);
    assertThat(id[1] & 0xFF).as("run indicator").isEqualTo(0xFF);
    assertThat(new String(id, 2, id.length - 2, StandardCharsets.US_ASCII)).startsWith("LMB");
    checks.ran("FC11");
  }
}
