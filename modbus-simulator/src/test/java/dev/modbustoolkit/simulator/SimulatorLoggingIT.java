package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.ChildProcess;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar's {@code --log-level} (slf4j-simple's level, set before anything logs) and the summary it prints
 * when it stops. Each run is a child JVM, for the level is fixed when a process's loggers are created.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SimulatorLoggingIT {
  private static final Pattern TCP_PORT = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) \\(Modbus TCP\\)");

  @TempDir Path dir;

  /**
   * At trace every request is one line (normal and exception answers alike, and the one a fault answered); at exit
   * the summary counts
   * the requests the device answered, the exception responses, and the fault that answered in the device's stead.
   */
  @Test
  void traceLogsEveryRequestAndTheExitSummaryCountsRequestsExceptionsAndFaults() throws Exception {
    Path faults = Files.writeString(dir.resolve("faults.yaml"), """
        faults:
          - id: busy-seven
            action: {type: exception, code: server-device-busy}
            trigger: {addresses: 7}
        """);
    List<String> lines;
    try (ChildProcess child = start("--port", "0", "--log-level", "trace", "--faults", faults.toString())) {
      int port = tcpPort(child);
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        // a normal answer, an exception from the device (address 65535 + 2 registers is past the table), one from
        // the fault (the device never sees it)
        assertThat(Frames.exchange(s.getOutputStream(), s.getInputStream(), Frames.mbap(1, 1, "03 0064 0001"), 11))
            .isEqualTo(Frames.mbap(1, 1, "03 02 0000"));
        assertThat(Frames.exchange(s.getOutputStream(), s.getInputStream(), Frames.mbap(2, 1, "03 FFFF 0002"), 9))
            .isEqualTo(Frames.mbap(2, 1, "83 02"));
        assertThat(Frames.exchange(s.getOutputStream(), s.getInputStream(), Frames.mbap(3, 1, "03 0007 0001"), 9))
            .isEqualTo(Frames.mbap(3, 1, "83 06"));
      }
      lines = stop(child);
    }
    List<String> traced = lines.stream().filter(l -> l.contains(" TRACE requests - ")).toList();
    assertThat(traced).as("one TRACE line per request").hasSize(3);
    assertThat(traced.get(0)).contains("TCP from 127.0.0.1:").contains("unit 1 FC 03: answer of 4 bytes");
    assertThat(traced.get(1)).contains("unit 1 FC 03: exception 02 in ");
    assertThat(traced.get(2)).contains("unit 1 FC 03: exception 06 from fault busy-seven");
    assertThat(lines).contains(
        "Served 2 requests (1 exception response), 1 fault fired, 1 connection, 36 bytes in, 29 bytes out.",
        "Faults fired: busy-seven 1.",
        "Modbus simulator stopped.");
  }

  /** At warn the INFO lines a run logs by default are gone; the start and stop lines (standard output) stay. */
  @Test
  void warnSilencesTheInfoLinesOfTheDefaultLevel() throws Exception {
    List<String> byDefault;
    try (ChildProcess child = start("--port", "0")) {
      tcpPort(child);
      byDefault = stop(child);
    }
    assertThat(byDefault).as("the default level logs INFO lines").anyMatch(l -> l.contains(" INFO "));
    List<String> atWarn;
    try (ChildProcess child = start("--port", "0", "--log-level=warn")) {
      tcpPort(child);
      atWarn = stop(child);
    }
    assertThat(atWarn).noneMatch(l -> l.contains(" INFO ")).noneMatch(l -> l.contains(" DEBUG "))
        .anyMatch(l -> l.startsWith("Modbus simulator listening on 127.0.0.1:"))
        .contains("Served 0 requests (0 exception responses), 0 faults fired, 0 connections, 0 bytes in, 0 bytes out.");
  }

  /** With the admin API the start lines are the simulator's: Helidon prints no notice of its own among them. */
  @Test
  void theAdminApiAddsItsLineAndNoHelidonNotice() throws Exception {
    List<String> lines;
    try (ChildProcess child = start("--port", "0", "--admin", "0")) {
      tcpPort(child);
      lines = stop(child);
    }
    assertThat(lines).anyMatch(l -> l.startsWith("Admin API and dashboard on http://127.0.0.1:"))
        .noneMatch(l -> l.contains("Helidon"))
        .contains("Modbus simulator stopped.");
  }

  /**
   * A real SIGHUP to the process reloads the fault file: the fault the file now names answers, the one it no longer
   * names is gone, and the process says so on standard output.
   */
  @Test
  void sighupReloadsTheFaultFile() throws Exception {
    Path faults = Files.writeString(dir.resolve("faults.yaml"), busyAt("seven", 7));
    try (ChildProcess child = start("--port", "0", "--faults", faults.toString())) {
      int port = tcpPort(child);
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        assertThat(Frames.exchange(s.getOutputStream(), s.getInputStream(), Frames.mbap(1, 1, "03 0007 0001"), 9))
            .isEqualTo(Frames.mbap(1, 1, "83 06"));
        Files.writeString(faults, busyAt("eight", 8));
        child.signal("HUP");
        child.awaitLine(Duration.ofSeconds(30), l -> l.startsWith("SIGHUP: reloaded: 1 faults"));
        // the same connection: address 7 is served by the device again, 8 is the new fault's
        assertThat(Frames.exchange(s.getOutputStream(), s.getInputStream(), Frames.mbap(2, 1, "03 0007 0001"), 11))
            .isEqualTo(Frames.mbap(2, 1, "03 02 0000"));
        assertThat(Frames.exchange(s.getOutputStream(), s.getInputStream(), Frames.mbap(3, 1, "03 0008 0001"), 9))
            .isEqualTo(Frames.mbap(3, 1, "83 06"));
      }
      assertThat(stop(child)).contains("Faults fired: eight 1.");
    }
  }

  private static String busyAt(String id, int address) {
    return "faults:\n  - id: " + id + "\n    action: {type: exception, code: server-device-busy}\n"
        + "    trigger: {addresses: " + address + "}\n";
  }

  private static ChildProcess start(String... args) throws Exception {
    Path jar = Path.of("target", "modbus-simulator.jar");
    assertThat(jar).as("built by the package phase").exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return ChildProcess.startInterruptible(new ProcessBuilder(command));
  }

  private static int tcpPort(ChildProcess child) throws Exception {
    child.awaitLine(Duration.ofSeconds(30), "Press Ctrl-C to stop."::equals);
    for (String line : child.lines()) {
      Matcher m = TCP_PORT.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("no Modbus TCP line in " + child.lines());
  }

  /** SIGINT, as Ctrl-C; returns every line the process wrote. */
  private static List<String> stop(ChildProcess child) throws Exception {
    child.interrupt();
    assertThat(child.awaitExit(Duration.ofSeconds(20))).isIn(0, 130);
    return child.lines();
  }
}
