package dev.modbustoolkit.server.rtu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.PtyPair;
import dev.modbustoolkit.testkit.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The RTU and ASCII server on a socat pty pair, driven by real third-party masters: mbpoll (libmodbus) and
 * pymodbus's serial client. A pty carries neither baud rate nor parity (the kernel keeps 8 bits without parity and
 * moves bytes at memory speed), so the line settings in the test names are what both ends were asked for, not what
 * a wire carried: what the runs show is the framing, the server's silence timing at that baud rate, and that a
 * server asked for that setting opens the pty. pymodbus checks what its terminal really holds and fails (exit 3)
 * instead of falling back when the pty cannot carry the setting asked for. Skipped, visibly, only when a tool is
 * missing (failed under {@code CI=true}); how many steps ran against the real peers is printed after the suite.
 */
@Timeout(120)
class SerialClientsIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();

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

  @ParameterizedTest(name = "mbpoll on a pty, both ends asked for {0} {1} (a pty carries neither baud nor parity)")
  @CsvSource({"19200, 8E1, even", "19200, 8N1, none", "115200, 8E1, even", "115200, 8N1, none"})
  void mbpollReadsAndWrites(int baud, String format, String parity) throws Exception {
    Path mbpoll = Tools.require("mbpoll", "mbpoll");
    startServer(baud, format);
    List<String> base = List.of(mbpoll.toString(), "-m", "rtu", "-b", String.valueOf(baud), "-P", parity, "-d", "8",
        "-s", "1", "-o", "2", "-1");

    Tools.Result read = run(concat(base, "-a", "1", "-t", "4", "-r", "1", "-c", "10", ptys.client().toString()));
    assertThat(read.exitCode()).as(read.output()).isZero();
    assertThat(values(read.output())).containsExactly(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);
    PEER_STEPS.ran("mbpoll");

    Tools.Result write = run(concat(base, "-a", "2", "-t", "4", "-r", "5", ptys.client().toString(), "4321"));
    assertThat(write.exitCode()).as(write.output()).isZero();
    assertThat(bus.unit2.dataModel().holdingRegisters().get(4)).isEqualTo(4321);
    PEER_STEPS.ran("mbpoll");

    Tools.Result coils = run(concat(base, "-a", "1", "-t", "0", "-r", "1", "-c", "4", ptys.client().toString()));
    assertThat(coils.exitCode()).as(coils.output()).isZero();
    assertThat(values(coils.output())).containsExactly(1, 0, 1, 0);
    PEER_STEPS.ran("mbpoll");

    // unit 9 is not served: silence, so mbpoll times out
    Tools.Result other = run(concat(base, "-a", "9", "-o", "0.3", "-t", "4", "-r", "1", ptys.client().toString()));
    assertThat(other.output()).containsIgnoringCase("timed out");
    PEER_STEPS.ran("mbpoll");

    assertThat(server.statistics().responsesSent()).isEqualTo(3);
    assertThat(server.statistics().otherUnitRequests()).isGreaterThanOrEqualTo(1);
    assertThat(server.statistics().checksumErrors()).isZero();
  }

  @ParameterizedTest(name = "pymodbus RTU on a pty, both ends asked for {0} {1} (a pty carries no baud rate)")
  @CsvSource({"19200, 8N1, N", "115200, 8N1, N"})
  void pymodbusSerialClient(int baud, String format, String parity) throws Exception {
    startServer(baud, format);
    Map<String, String> results = TestBus.pymodbus(
        dir, "serial", ptys.client().toString(), String.valueOf(baud), parity, "1", "8", "rtu");
    bus.assertScriptResults(results);
    assertThat(results).containsEntry("client_line", "8" + parity);
    PEER_STEPS.ran("pymodbus", TestBus.SCRIPT_STEPS);
    assertThat(server.statistics().broadcasts()).isEqualTo(1);
    assertThat(server.statistics().otherUnitRequests()).isEqualTo(1);
    assertThat(server.statistics().checksumErrors()).isZero();
  }

  @ParameterizedTest(name = "pymodbus ASCII on a pty, both ends asked for {0} {1} (a pty carries no baud rate)")
  @CsvSource({"9600, 8N1, N, 8", "19200, 8N1, N, 8"})
  void pymodbusAsciiClient(int baud, String format, String parity, int dataBits) throws Exception {
    startServer(SerialMode.ASCII, SerialLineSettings.of(baud, format));
    Map<String, String> results = TestBus.pymodbus(
        dir, "serial", ptys.client().toString(), String.valueOf(baud), parity, "1", String.valueOf(dataBits), "ascii");
    bus.assertScriptResults(results);
    PEER_STEPS.ran("pymodbus", TestBus.SCRIPT_STEPS);
    assertThat(server.statistics().checksumErrors()).isZero();
  }

  /**
   * ASCII's usual 7E1 and RTU's 8E1 cannot be carried by a pty (7 bits are refused, parity is dropped): the client
   * fails, naming the setting, instead of falling back to 8N1 and passing as if 7E1 had been tested.
   */
  @ParameterizedTest(name = "pymodbus asked for {0} on a pty fails instead of falling back")
  @CsvSource({"7E1, E, 7, ascii", "8E1, E, 8, rtu"})
  void aLineSettingAPtyCannotCarryFailsTheClient(String format, String parity, int dataBits, String framer)
      throws Exception {
    startServer(SerialMode.RTU, SerialLineSettings.of(19200, "8N1"));
    Tools.Result r = TestBus.pymodbusRun(
        dir, "serial", ptys.client().toString(), "19200", parity, "1", String.valueOf(dataBits), framer);
    assertThat(r.exitCode()).as(r.output()).isEqualTo(3);
    assertThat(r.output()).contains("line_refused=" + dataBits + parity);
    PEER_STEPS.ran("pymodbus");
  }

  private static Tools.Result run(List<String> command) throws Exception {
    return Tools.run(Duration.ofSeconds(30), command);
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
