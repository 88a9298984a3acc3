package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Tools;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The example profiles served over Modbus TCP on loopback: moving values, blocks, identification, mbpoll. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorProfileIT {
  private static final Pattern VALUE_LINE = Pattern.compile("^\\[(\\d+)]:\\s+(-?\\d+)", Pattern.MULTILINE);

  @Test
  void theEnergyMeterAnswersFromItsProfile() throws Exception {
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--profile", "examples/energy-meter.yaml");
    try (Simulator simulator = new Simulator(options)) {
      simulator.start();
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      // Drive the values from the test: far beyond the clock, so the engine's own thread changes nothing more.
      long at = TimeUnit.HOURS.toNanos(100) + TimeUnit.SECONDS.toNanos(15);
      simulator.device().engine().advanceTo(at);
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        // voltage at a quarter of its 60 s period: the sine's top, 232.0 V = 2320 (0x0910)
        byte[] answer = exchange(out, in, mbap(1, 1, "03 0000 0001"), 11);
        assertThat(answer).isEqualTo(hex("0001 0000 0005 01 03 02 0910"));
        // past the measurement block: exception 02
        assertThat(exchange(out, in, mbap(2, 1, "03 003F 0002"), 9)).isEqualTo(hex("0002 0000 0003 01 83 02"));
        // half of the float32 current-l1 (2-3): 02, whole: answered
        assertThat(exchange(out, in, mbap(20, 1, "03 0003 0001"), 9)).isEqualTo(hex("0014 0000 0003 01 83 02"));
        assertThat(exchange(out, in, mbap(21, 1, "03 0002 0002"), 13)).startsWith(hex("0015 0000 0007 01 03 04"));
        // a write into the read-only block: 02; into the settings block: accepted
        assertThat(exchange(out, in, mbap(3, 1, "06 0000 0001"), 9)).isEqualTo(hex("0003 0000 0003 01 86 02"));
        assertThat(exchange(out, in, mbap(4, 1, "06 0100 00C8"), 12)).isEqualTo(hex("0004 0000 0006 01 06 0100 00C8"));
        assertThat(simulator.device().point(1, "ct-ratio").orElseThrow().readNumber()).isEqualTo(200);
        // the nameplate string, first character first
        byte[] name = exchange(out, in, mbap(5, 1, "03 03E8 0008"), 9 + 16);
        assertThat(new String(name, 9, 15, StandardCharsets.ISO_8859_1)).isEqualTo("EM3-2026-000042");
        // FC 11: byte count, "EM-3", run indicator FF
        assertThat(exchange(out, in, mbap(6, 1, "11"), 7 + 2 + 4 + 1))
            .isEqualTo(hex("0006 0000 0008 01 11 05 454D2D33 FF"));
        // FC 2B/0E, read device id code 04 (one object), object 04: the product name
        String product = "Three-phase energy meter (simulated)";
        // MBAP 7; 2B 0E 04, conformity, more follows, next id, count; object id, length; the value
        byte[] id = exchange(out, in, mbap(7, 1, "2B 0E 04 04"), 7 + 7 + 2 + product.length());
        assertThat(new String(id, 7 + 7 + 2, product.length(), StandardCharsets.ISO_8859_1)).isEqualTo(product);
        // unit 2 is not in the profile
        assertThat(exchange(out, in, mbap(8, 2, "03 0000 0001"), 9)).isEqualTo(hex("0008 0000 0003 02 83 0B"));
      }
    }
  }

  /** The README's quick start: the energy meter, then mbpoll reads the voltage and frequency, and they move. */
  @Test
  void mbpollReadsAMovingValue() throws Exception {
    var mbpoll = Tools.require("mbpoll", "mbpoll");
    try (Simulator simulator = new Simulator(
        SimulatorOptions.parse("--port", "0", "--profile", "examples/energy-meter.yaml"))) {
      simulator.start();
      String port = String.valueOf(simulator.tcpServer().orElseThrow().localAddress().getPort());
      List<String> cmd = List.of(mbpoll.toString(), "-m", "tcp", "-p", port, "-a", "1", "-r", "1", "-c", "2", "-1",
          "127.0.0.1");
      List<Integer> voltages = new ArrayList<>();
      long base = TimeUnit.HOURS.toNanos(100);
      for (int second = 0; second < 3; second++) {
        simulator.device().engine().advanceTo(base + TimeUnit.SECONDS.toNanos(5 * second));
        Tools.Result r = Tools.run(Duration.ofSeconds(30), cmd);
        assertThat(r.exitCode()).as(r.output()).isZero();
        Matcher m = VALUE_LINE.matcher(r.output());
        assertThat(m.find()).as(r.output()).isTrue();
        voltages.add(Integer.parseInt(m.group(2)));
        assertThat(m.find()).as("frequency, %s", r.output()).isTrue();
        assertThat(Integer.parseInt(m.group(2))).as("frequency x100").isBetween(4980, 5020);
      }
      assertThat(voltages).allSatisfy(v -> assertThat(v).isBetween(2280, 2320));
      assertThat(voltages).as("it moves").doesNotHaveDuplicates();
    }
  }

  @Test
  void aWrittenSetpointMovesTheTankLevel() throws Exception {
    try (Simulator simulator = new Simulator(
        SimulatorOptions.parse("--port", "0", "--profile", "examples/tank.yaml"))) {
      simulator.start();
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      var engine = simulator.device().engine();
      long base = TimeUnit.HOURS.toNanos(100);
      engine.advanceTo(base);
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        // 100 h at 2.0 m: the level sits at its setpoint; FC 16 writes 4.0 m (0x40800000)
        assertThat(level(out, in, 1)).isEqualTo(2.0f);
        assertThat(exchange(out, in, mbap(2, 1, "10 0000 0002 04 4080 0000"), 12))
            .isEqualTo(hex("0002 0000 0006 01 10 0000 0002"));
        engine.advanceTo(base + TimeUnit.SECONDS.toNanos(20));
        float after = level(out, in, 3);
        assertThat((double) after).isBetween(3.2, 3.3);   // 4 - 2/e = 3.26 after one time constant
      }
    }
  }

  /** The pumping station serves unit 3 over UDP (and serial) only: Modbus TCP answers it 0x0B, UDP answers. */
  @Test
  void unitsAreServedOnTheTransportsTheProfileNames() throws Exception {
    try (Simulator simulator = new Simulator(
        SimulatorOptions.parse("--port", "0", "--udp", "0", "--profile", "examples/pumping-station.yaml"));
        java.net.DatagramSocket client = new java.net.DatagramSocket()) {
      simulator.start();
      assertThat(simulator.units(dev.modbustoolkit.simulator.profile.Transport.TCP)).containsExactly(1, 2);
      assertThat(simulator.units(dev.modbustoolkit.simulator.profile.Transport.UDP)).containsExactly(1, 2, 3);
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        assertThat(exchange(s.getOutputStream(), s.getInputStream(), mbap(1, 3, "04 0000 0002"), 9))
            .isEqualTo(hex("0001 0000 0003 03 84 0B"));
        assertThat(exchange(s.getOutputStream(), s.getInputStream(), mbap(2, 2, "03 0000 0001"), 11))
            .isEqualTo(hex("0002 0000 0005 02 03 02 05AA"));   // 1450 rpm, the shared map's setpoint
      }
      client.setSoTimeout(5_000);
      var udp = simulator.udpServer().orElseThrow().localAddress();
      byte[] request = mbap(3, 3, "04 0000 0002");
      client.send(new java.net.DatagramPacket(request, request.length, udp));
      byte[] buffer = new byte[300];
      java.net.DatagramPacket answer = new java.net.DatagramPacket(buffer, buffer.length);
      client.receive(answer);
      assertThat(java.util.Arrays.copyOf(buffer, 9)).isEqualTo(hex("0003 0000 0007 03 04 04"));
    }
  }

  private static float level(OutputStream out, InputStream in, int transaction) throws Exception {
    byte[] a = exchange(out, in, mbap(transaction, 1, "04 0000 0002"), 13);
    return Float.intBitsToFloat((a[9] & 0xFF) << 24 | (a[10] & 0xFF) << 16 | (a[11] & 0xFF) << 8 | a[12] & 0xFF);
  }
}
