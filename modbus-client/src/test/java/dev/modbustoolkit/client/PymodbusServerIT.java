package dev.modbustoolkit.client;

import static dev.modbustoolkit.client.PeerChecks.unsigned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.DeviceIdObject;
import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.FileRecord;
import dev.modbustoolkit.pdu.ReadDeviceIdCode;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.testkit.ChildProcess;
import dev.modbustoolkit.testkit.PtyPair;
import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client against a pymodbus 3.x TCP server (Debian's python3-pymodbus, run by the python3 that can import it),
 * a child process bounded in time, over TCP and over a serial line (RTU and ASCII on a socat pty pair): every
 * function code pymodbus serves, its exceptions, a unit it ignores (a timeout), reconnect after it restarts on the
 * same port (TCP), a broadcast then a read (serial). Skipped when python3 or pymodbus is missing; failed
 * then under CI=true.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PymodbusServerIT {
  @TempDir Path dir;
  private @Nullable ChildProcess server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
  }

  /** Copies the server script out of the test resources; returns the python3 that can run it. */
  static Path script(Path dir) throws IOException {
    Path script = dir.resolve("pymodbus_server.py");
    try (InputStream in = PymodbusServerIT.class.getResourceAsStream("/pymodbus_server.py")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  private void startTcp(Path python, Path script, int port) throws Exception {
    server = ChildProcess.start(new ProcessBuilder(python.toString(), script.toString(), "tcp", "127.0.0.1",
        String.valueOf(port)));
    server.awaitLine(Duration.ofSeconds(30), "serving"::equals);
    PeerChecks.awaitListening(port);
  }

  @Test
  void everyFunctionCodeExceptionsTimeoutAndReconnectOverTcp() throws Exception {
    Path python = Tools.requirePython("python3-pymodbus", "pymodbus");
    Path script = script(dir);
    int port = PeerChecks.freePort();
    startTcp(python, script, port);
    PeerChecks checks = new PeerChecks("pymodbus TCP server");
    try (ModbusClient client = PeerChecks.tcp(port, Duration.ofSeconds(2)).build()) {
      BlockingModbusClient c = client.blocking();
      checks.tables(c);
      serialLineFunctions(c, checks);
      checks.timeout(client, () -> c.readHoldingRegisters(7, 0, 1)); // pymodbus ignores units it does not serve
      checks.reconnect(client, new PeerChecks.Restartable() {
        @Override
        public void stop() throws Exception {
          server.close();
        }

        @Override
        public void start() throws Exception {
          startTcp(python, script, port);
        }
      });
    }
    assertThat(checks.report()).isEqualTo(12 + 8 + 2);
  }

  @ParameterizedTest
  @EnumSource(SerialMode.class)
  void everyFunctionCodeExceptionsTimeoutAndBroadcastOnASerialLine(SerialMode mode) throws Exception {
    Path python = Tools.requirePython("python3-pymodbus python3-serial-asyncio", "pymodbus", "serial_asyncio");
    Path script = script(dir);
    PeerChecks checks = new PeerChecks("pymodbus " + mode + " server");
    try (PtyPair pty = PtyPair.start(dir)) {
      server = ChildProcess.start(new ProcessBuilder(python.toString(), script.toString(), "serial",
          pty.server().toString(), String.valueOf(SerialMasterIT.LINE.baudRate()),
          mode.name().toLowerCase(Locale.ROOT)));
      server.awaitLine(Duration.ofSeconds(30), "serving"::equals);
      try (ModbusClient client = ModbusClient.serial(pty.client().toString()).mode(mode)
          .lineSettings(SerialMasterIT.LINE).timeout(Duration.ofSeconds(1)).retry(RetryPolicy.NONE).build()) {
        BlockingModbusClient c = client.blocking();
        awaitFirstAnswer(c);
        checks.tables(c);
        serialLineFunctions(c, checks);
        checks.timeout(client, () -> c.readHoldingRegisters(7, 0, 1)); // pymodbus ignores units it does not serve
        SerialMasterIT.broadcastThenRead(client, checks);
      }
    }
    assertThat(checks.report()).isEqualTo(12 + 8 + 2);
  }

  /** Waits (up to 20 s) for the first answer: the serial server opens its end of the line after "serving". */
  static void awaitFirstAnswer(BlockingModbusClient c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try {
        c.readHoldingRegisters(1, 0, 1);
        return;
      } catch (ModbusTimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /**
   * The function codes beyond the tables that pymodbus 3.0 serves (on any link): FC 07, 08, 0B, 0C, 11, 15, 18 and
   * 2B/0E, with what pymodbus answers: 8 steps.
   */
  static void serialLineFunctions(BlockingModbusClient c, PeerChecks checks) {
    c.readExceptionStatus(1);
    checks.ran("FC07");
    assertThat(c.diagnostics(1, DiagnosticsRequest.of(DiagnosticSubFunction.RETURN_QUERY_DATA, 0xA55A)).data())
        .containsExactly(0xA5, 0x5A);
    checks.ran("FC08");
    assertThat(c.getCommEventCounter(1).eventCount()).isGreaterThanOrEqualTo(0);
    checks.ran("FC0B");
    assertThat(c.getCommEventLog(1).eventCount()).isGreaterThanOrEqualTo(0);
    checks.ran("FC0C");
    assertThat(c.reportServerId(1).data()).isNotEmpty();
    checks.ran("FC11");
    WriteFileRecordRequest file = WriteFileRecordRequest.of(new FileRecord(4, 7, new short[] {0x06AF, 0x04BE}));
    FileRecord echo = c.writeFileRecord(1, file).records().getFirst(); // pymodbus echoes, as the spec says
    assertThat(echo.fileNumber()).isEqualTo(4);
    assertThat(echo.recordNumber()).isEqualTo(7);
    assertThat(unsigned(echo.values())).containsExactly(0x06AF, 0x04BE);
    checks.ran("FC15");
    assertThat(c.readFifoQueue(1, 10).values()).isEmpty(); // pymodbus keeps no queues: always empty
    checks.ran("FC18");
    ReadDeviceIdentificationResponse id = c.readDeviceIdentification(1, ReadDeviceIdCode.BASIC, 0);
    List<DeviceIdObject> objects = id.objects();
    assertThat(objects).extracting(DeviceIdObject::id).containsExactly(0, 1, 2);
    assertThat(new String(objects.get(0).value(), StandardCharsets.US_ASCII)).isEqualTo("modbus-toolkit-it");
    assertThat(new String(objects.get(1).value(), StandardCharsets.US_ASCII)).isEqualTo("PYM");
    checks.ran("FC2B/0E");
  }
}
