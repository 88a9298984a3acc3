package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.testkit.ChildProcess;
import dev.modbustoolkit.testkit.Tools;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulator in-process and as the packaged runnable jar in a child JVM. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorIT {
  private static final Pattern LISTENING = Pattern.compile("listening on (\\S+):(\\d+) ");

  /** FC03 on unit {@code unit}, address {@code address}, one register; returns the value. */
  private static int readRegister(Socket s, int unit, int address) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(new byte[] {0, 1, 0, 0, 0, 6, (byte) unit, 3, (byte) (address >>> 8), (byte) address, 0, 1});
    byte[] answer = new byte[11];
    new DataInputStream(s.getInputStream()).readFully(answer);
    assertThat(answer[7]).as("function code").isEqualTo((byte) 3);
    return ((answer[9] & 0xFF) << 8) | (answer[10] & 0xFF);
  }

  /** FC06 on unit {@code unit}; returns the echoed value. */
  private static int writeRegister(Socket s, int unit, int address, int value) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(new byte[] {0, 2, 0, 0, 0, 6, (byte) unit, 6, (byte) (address >>> 8), (byte) address,
        (byte) (value >>> 8), (byte) value});
    byte[] answer = new byte[12];
    new DataInputStream(s.getInputStream()).readFully(answer);
    assertThat(answer[7]).as("function code").isEqualTo((byte) 6);
    return ((answer[10] & 0xFF) << 8) | (answer[11] & 0xFF);
  }

  @Test
  void everyUnitHasItsOwnFullDataModelAndUnit0And255ReachTheLowest() throws Exception {
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--unit", "2", "--unit", "5");
    try (Simulator simulator = new Simulator(options)) {
      simulator.start();
      InetSocketAddress address = simulator.tcpServer().orElseThrow().localAddress();
      assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(simulator.rtuServer()).isEmpty();
      assertThat(simulator.rtuOverTcpServer()).isEmpty();
      assertThat(simulator.faults().isEmpty()).isTrue();
      try (Socket s = new Socket(address.getAddress(), address.getPort())) {
        s.setSoTimeout(5_000);
        assertThat(writeRegister(s, 2, 65535, 0x1234)).isEqualTo(0x1234);
        assertThat(writeRegister(s, 5, 0, 0x0505)).isEqualTo(0x0505);
        assertThat(readRegister(s, 2, 65535)).isEqualTo(0x1234);
        assertThat(readRegister(s, 5, 65535)).isZero();
        assertThat(readRegister(s, 0, 65535)).as("unit 0 is unit 2").isEqualTo(0x1234);
        assertThat(readRegister(s, 255, 65535)).as("unit 255 is unit 2").isEqualTo(0x1234);
      }
      assertThat(simulator.models().get(2).holdingRegisters().get(65535)).isEqualTo(0x1234);
      assertThat(simulator.models().get(5).holdingRegisters().get(0)).isEqualTo(0x0505);
      assertThat(simulator.dispatcher().units()).containsExactlyInAnyOrder(2, 5);
    }
  }

  /**
   * The packaged jar with the example fault file (Jackson and SnakeYAML must be in it) and RTU over TCP: prints
   * the fault summary and where each server listens, serves both, and stops gracefully on Ctrl-C.
   */
  @Test
  void theRunnableJarStartsPrintsWhereItListensAndStopsGracefullyOnCtrlC() throws Exception {
    Path jar = Path.of("target", "modbus-simulator.jar");
    assertThat(jar).as("built by the package phase").exists();
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> lines;
    try (ChildProcess child = ChildProcess.startInterruptible(new ProcessBuilder(javaBin, "-jar", jar.toString(), "--port", "0",
        "--unit", "1", "--rtu-over-tcp", "0", "--faults", "examples/faults.yaml"))) {
      // Every read of the child's output is bounded: a simulator that hangs fails the test with its output.
      child.awaitLine(Duration.ofSeconds(30), "Press Ctrl-C to stop."::equals);
      lines = child.lines();
      assertThat(lines).anyMatch(l -> l.startsWith(
          "Faults: 13 from examples/faults.yaml, seed 42 (from the file): slow-reads (delay), "));
      int tcpPort = port(lines, "(Modbus TCP)");
      int rtuPort = port(lines, "(Modbus RTU over TCP)");
      try (Socket s = new Socket("127.0.0.1", tcpPort)) {
        s.setSoTimeout(5_000);
        assertThat(writeRegister(s, 1, 100, 4242)).isEqualTo(4242);
        assertThat(readRegister(s, 1, 100)).isEqualTo(4242);
      }
      try (Socket s = new Socket("127.0.0.1", rtuPort)) {
        s.setSoTimeout(5_000);
        assertThat(Frames.exchange(s.getOutputStream(), s.getInputStream(), Frames.rtu("01 03 0064 0001"), 7))
            .isEqualTo(Frames.rtu("01 03 02 1092"));
        // the example's silent-block fault: nothing comes back for 2000..2099
        s.setSoTimeout(300);
        s.getOutputStream().write(Frames.rtu("01 03 07D0 0001"));
        assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
      }
      child.interrupt();
      int exit = child.awaitExit(Duration.ofSeconds(20));
      lines = child.lines();
      assertThat(lines).contains("Stopping the Modbus simulator...", "Modbus simulator stopped.");
      assertThat(lines).noneMatch(l -> l.contains("Exception"));
      // 130 = 128 + SIGINT: the JVM exits through its signal handler once the shutdown hook has run.
      assertThat(exit).isIn(0, 130);
    }
  }

  private static int port(List<String> lines, String transport) {
    for (String line : lines) {
      Matcher m = LISTENING.matcher(line);
      if (line.startsWith("Modbus simulator listening") && line.contains(transport) && m.find()) {
        assertThat(m.group(1)).isEqualTo("127.0.0.1");
        return Integer.parseInt(m.group(2));
      }
    }
    throw new AssertionError("no line for " + transport + " in " + lines);
  }

  @Test
  void aTakenPortIsAClearErrorWithStatus1() throws Exception {
    Path jar = Path.of("target", "modbus-simulator.jar");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Tools.Result r = Tools.run(Duration.ofSeconds(60), javaBin, "-jar", jar.toString(), "--port",
          String.valueOf(taken.getLocalPort()));
      String output = r.output();
      assertThat(r.exitCode()).as(output).isEqualTo(1);
      assertThat(output).contains("modbus-simulator: cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }
}
