package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modbustoolkit.testkit.PtyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RTU server on a socat pty pair, driven by real third-party masters: mbpoll (libmodbus) and pymodbus's
 * serial client, at 19200 and 115200 baud, 8E1 and 8N1. Skipped (assumption) only when a tool is missing.
 */
@Timeout(120)
class SerialClientsIT {
  @TempDir Path dir;

  final TestBus bus = new TestBus();
  PtyPair ptys;
  ModbusRtuServer server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.close();
    }
    if (ptys != null) {
      ptys.close();
    }
  }

  void startServer(int baud, String format) throws Exception {
    startServer(SerialMode.RTU, SerialLineSettings.of(baud, format));
  }

  void startServer(SerialMode mode, SerialLineSettings line) throws Exception {
    ptys = PtyPair.start(dir);
    server = ModbusRtuServer.builder(bus.dispatcher)
        .mode(mode)
        .port(ptys.server().toString())
        .lineSettings(line)
        // a loaded CI machine can hold a pty write back: be lenient with the silences
        .timingTolerance(Duration.ofMillis(20))
        .build()
        .start();
  }

  @ParameterizedTest(name = "mbpoll {0} {1}")
  @CsvSource({"19200, 8E1, even", "19200, 8N1, none", "115200, 8E1, even", "115200, 8N1, none"})
  void mbpollReadsAndWrites(int baud, String format, String parity) throws Exception {
    assumeTrue(Tools.onPath("mbpoll"), "mbpoll is not installed");
    startServer(baud, format);
    List<String> base = List.of("mbpoll", "-m", "rtu", "-b", String.valueOf(baud), "-P", parity, "-d", "8", "-s",
        "1", "-o", "2", "-1");

    Tools.Result read = Tools.run(concat(base, "-a", "1", "-t", "4", "-r", "1", "-c", "10", ptys.client().toString()), 30);
    assertThat(read.exitCode()).as(read.output()).isZero();
    assertThat(values(read.output())).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);

    Tools.Result write = Tools.run(concat(base, "-a", "2", "-t", "4", "-r", "5", ptys.client().toString(), "4321"), 30);
    assertThat(write.exitCode()).as(write.output()).isZero();
    assertThat(bus.unit2.dataModel().holdingRegisters().get(4)).isEqualTo(4321);

    Tools.Result coils = Tools.run(concat(base, "-a", "1", "-t", "0", "-r", "1", "-c", "4", ptys.client().toString()), 30);
    assertThat(coils.exitCode()).as(coils.output()).isZero();
    assertThat(values(coils.output())).containsExactly(1, 0, 1, 0);

    // unit 9 is not served: silence, so mbpoll times out
    Tools.Result other = Tools.run(concat(base, "-a", "9", "-o", "0.3", "-t", "4", "-r", "1", ptys.client().toString()), 30);
    assertThat(other.output()).containsIgnoringCase("timed out");

    assertThat(server.statistics().responsesSent()).isEqualTo(3);
    assertThat(server.statistics().otherUnitRequests()).isGreaterThanOrEqualTo(1);
    assertThat(server.statistics().checksumErrors()).isZero();
  }

  @ParameterizedTest(name = "pymodbus {0} {1}")
  @CsvSource({"19200, 8E1, E", "19200, 8N1, N", "115200, 8E1, E", "115200, 8N1, N"})
  void pymodbusSerialClient(int baud, String format, String parity) throws Exception {
    assumeTrue(Tools.pythonHas("pymodbus.client", "serial"), "pymodbus is not installed");
    startServer(baud, format);
    Map<String, String> results = TestBus.pymodbus(
        dir, "serial", ptys.client().toString(), String.valueOf(baud), parity, "1", "8", "rtu");
    bus.assertScriptResults(results);
    assertThat(server.statistics().broadcasts()).isEqualTo(1);
    assertThat(server.statistics().otherUnitRequests()).isEqualTo(1);
    assertThat(server.statistics().checksumErrors()).isZero();
  }

  @ParameterizedTest(name = "pymodbus ASCII {0} {1}")
  @CsvSource({"19200, 7E1, E, 7", "9600, 8N1, N, 8"})
  void pymodbusAsciiClient(int baud, String format, String parity, int dataBits) throws Exception {
    assumeTrue(Tools.pythonHas("pymodbus.client", "serial"), "pymodbus is not installed");
    startServer(SerialMode.ASCII, SerialLineSettings.of(baud, format));
    Map<String, String> results = TestBus.pymodbus(
        dir, "serial", ptys.client().toString(), String.valueOf(baud), parity, "1", String.valueOf(dataBits), "ascii");
    bus.assertScriptResults(results);
    assertThat(server.statistics().checksumErrors()).isZero();
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }

  /** mbpoll prints "[ref]: value" lines. */
  private static List<Integer> values(String output) {
    Matcher m = Pattern.compile("\\[\\d+\\]:\\s+(-?\\d+)").matcher(output);
    List<Integer> values = new ArrayList<>();
    while (m.find()) {
      values.add(Integer.parseInt(m.group(1)));
    }
    return values;
  }
}
