package dev.modbustoolkit.gateway;

import static dev.modbustoolkit.gateway.PeerDevice.bits;
import static dev.modbustoolkit.gateway.PeerDevice.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.client.BlockingModbusClient;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.gateway.PeerBus.Device;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * pymodbus 3.x clients (Debian's python3-pymodbus, child processes bounded in time) upstream of the gateway's Modbus
 * TCP listener, and real devices downstream on socat pty pairs ({@link PeerBus}: a pymodbus RTU server, a libmodbus
 * RTU server, our own; a pty carries no baud rate or parity): every function code each device serves, through the
 * gateway, checked against the device's values, its own exceptions forwarded unchanged; a unit nobody answers
 * (0x0B after the downstream timeout, quarantine, the other units still served); 16 clients at once, each with its
 * own registers (no cross-talk). After the suite a {@code [peer steps]} line says how many checked values came back
 * through each pair of peers.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatewayPymodbusIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();
  private static final int QUARANTINE_AFTER = 3;

  @TempDir static Path dir;
  private static PeerBus bus;

  @BeforeAll
  static void start() throws Exception {
    bus = PeerBus.start(dir, b -> b.quarantine(QUARANTINE_AFTER, Duration.ofMinutes(5)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (bus != null) {
      bus.close();
    }
  }

  /** The checks of the script's "tables": FC 01-06, 0F, 10, 16, 17 (writes read back) and exception 02 twice. */
  static Map<String, String> tables() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("fc01", bits(0, 20, PeerDevice::coil));
    e.put("fc02", bits(3, 13, PeerDevice::discrete));
    e.put("fc03", words(0, 10, PeerDevice::holding));
    e.put("fc03_end", words(96, 4, PeerDevice::holding));
    e.put("fc04", words(5, 5, PeerDevice::input));
    e.put("fc05", "1");
    e.put("fc05_back", "1,1,0");
    e.put("fc06", "48879");
    e.put("fc06_back", "48879");
    e.put("fc0f", "30/9");
    e.put("fc0f_back", "1,0,1,1,0,0,1,0,1");
    e.put("fc10", "40/3");
    e.put("fc10_back", "1,2,65535," + PeerDevice.holding(43));
    e.put("fc16", "242/37");
    e.put("fc16_back", String.valueOf((PeerDevice.holding(50) & 0x00F2) | (0x0025 & ~0x00F2)));
    e.put("fc17", "7,8," + PeerDevice.holding(62));
    e.put("fc03_outside", "error:2"); // the device's own exception, forwarded unchanged
    e.put("fc01_outside", "error:2");
    return e;
  }

  @ParameterizedTest(name = "pymodbus client through the gateway to the {0} on a pty pair")
  @EnumSource(Device.class)
  void everyFunctionCodeOfTheDeviceGoesThroughTheGateway(Device device) throws Exception {
    Map<String, String> expected = tables();
    String checks = switch (device) {
      case PYMODBUS -> {
        expected.put("fc07", "0");                       // pymodbus: the summary of its (zero) counters
        expected.put("fc08", "42330");                   // echo
        expected.put("fc0b", "0/True");                  // pymodbus counts no events: 0 before a read ...
        expected.put("fc0b_after_read", "0/True");       // ... and after it
        expected.put("fc0c", "True/0/0/0");
        // its identity's strings joined, then the run indicator ON (which pymodbus reads as the status)
        expected.put("fc11", hex("modbus-toolkit-it-PYM-3.0") + "ff/True");
        expected.put("fc15", "4/7/06af04be");            // pymodbus echoes, as the spec says
        expected.put("fc18", "");                        // pymodbus keeps no queues: always empty
        expected.put("fc2b", "0:modbus-toolkit-it;1:PYM;2:3.0");
        yield "tables,fc07,fc08,fc0b,fc0c,fc11,fc15,fc18,fc2b";
      }
      case LIBMODBUS -> {
        // libmodbus: its id byte 0xB4, run indicator ON, "LMB" and its version (pymodbus takes the last byte for
        // the status, hence False)
        expected.put("fc11", "b4ff" + hex("LMB" + libmodbusVersion()) + "/False");
        yield "tables,fc11";
      }
      case OWN -> {
        expected.put("fc07", String.valueOf(PeerDevice.EXCEPTION_STATUS));
        expected.put("fc08", "42330");
        expected.put("fc11", hex("own") + "ff" + hex("v1") + "/False"); // server id, run indicator, additional data
        expected.put("fc15", "4/7/06af04be");
        expected.put("fc14", "06af04be");                // what FC15 wrote
        expected.put("fc18", "11,12,13");
        expected.put("fc2b", "0:modbus-toolkit-it;1:OWN;2:1.0");
        yield "tables,fc07,fc08,fc0b,fc0c,fc11,fc15,fc14,fc18,fc2b";
      }
    };
    PeerScript run = PeerScript.run(bus, "functions", String.valueOf(device.unit), checks);
    int checked = 0;
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertThat(run.get(e.getKey())).as("%s through the gateway to the %s:%n%s", e.getKey(), device.peer,
          run.output()).isEqualTo(e.getValue());
      checked++;
    }
    if (device == Device.OWN) {
      checked += countersAgree(run);
    }
    PEER_STEPS.ran("pymodbus client > " + device.peer, checked);
  }

  /**
   * Our device's event counter (0B) counts the read between the two 0B requests and not the 0B requests
   * themselves, and its event log (0C) has the same count and more messages (AP 6.9, 6.10): 2 steps.
   */
  private static int countersAgree(PeerScript run) {
    String[] before = run.get("fc0b").split("/");
    String[] after = run.get("fc0b_after_read").split("/");
    assertThat(Integer.parseInt(after[0])).as(run.output()).isEqualTo(Integer.parseInt(before[0]) + 1);
    String[] log = run.get("fc0c").split("/");
    assertThat(log[1]).as("event count in the log:%n%s", run.output()).isEqualTo(after[0]);
    assertThat(Integer.parseInt(log[2])).as("message count:%n%s", run.output())
        .isGreaterThan(Integer.parseInt(log[1]));
    return 2;
  }

  private static String hex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@return the libmodbus version pkg-config names, as its server reports it} */
  private static String libmodbusVersion() throws Exception {
    Tools.Result r = Tools.run(Duration.ofSeconds(30), "pkg-config", "--modversion", "libmodbus");
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.output().strip();
  }

  @Test
  void aUnitNobodyAnswersGets0BAfterTheTimeoutIsQuarantinedAndTheOtherUnitsAreStillServed() throws Exception {
    GatewayMetrics before = bus.gateway().metrics();
    int times = QUARANTINE_AFTER + 1;
    PeerScript run = PeerScript.run(bus, "dead", String.valueOf(PeerBus.DEAD_ON_PYMODBUS), String.valueOf(times),
        "1,2,3");
    for (int i = 0; i < times; i++) {
      assertThat(run.get("dead" + i)).as("answer %d to the unit nobody answers:%n%s", i, run.output())
          .isEqualTo("11");
      PEER_STEPS.ran("pymodbus client > pymodbus RTU server (silent unit)");
    }
    for (int i = 0; i < QUARANTINE_AFTER; i++) {
      // answered 0x0B only once the downstream client gave up waiting: never before its timeout
      assertThat(Long.parseLong(run.get("dead" + i + "_ms"))).as(run.output())
          .isGreaterThanOrEqualTo(PeerBus.TIMEOUT.toMillis());
    }
    for (Device d : Device.values()) {
      assertThat(run.get("alive" + d.unit)).as("unit %d after the silent one:%n%s", d.unit, run.output())
          .isEqualTo(String.valueOf(PeerDevice.holding(7)));
      PEER_STEPS.ran("pymodbus client > " + d.peer);
    }
    GatewayMetrics after = bus.gateway().metrics();
    assertThat(after.timeouts() - before.timeouts()).isEqualTo(QUARANTINE_AFTER);
    assertThat(after.quarantined() - before.quarantined()).as("the last one answered from the quarantine")
        .isEqualTo(1);
    assertThat(bus.gateway().isQuarantined("pymodbus", 7)).isTrue();
    assertThat(bus.gateway().isQuarantined("pymodbus", 1)).isFalse();
  }

  @Test
  void sixteenPymodbusClientsAtOnceEachGetTheirOwnValues() throws Exception {
    int clients = 16;
    int rounds = 8;
    PeerScript run = PeerScript.run(bus, "many", String.valueOf(clients), String.valueOf(rounds), "1,2,3");
    for (int k = 0; k < clients; k++) {
      int unit = 1 + k % 3;
      assertThat(run.get("client" + k)).as("client %d:%n%s", k, run.output())
          .isEqualTo("unit " + unit + " ok " + rounds);
    }
    PEER_STEPS.ran("16 pymodbus clients > 3 RTU servers", clients * rounds * 3);
    // what each device holds now: every client's last value in its own register, nobody else's
    try (ModbusClient c = ModbusClient.tcp("127.0.0.1", bus.port()).timeout(Duration.ofSeconds(10))
        .retry(RetryPolicy.NONE).build()) {
      BlockingModbusClient m = c.blocking();
      for (int k = 0; k < clients; k++) {
        int unit = 1 + k % 3;
        assertThat(m.readHoldingRegisters(unit, 80 + k, 1).value(0)).as("unit %d register %d", unit, 80 + k)
            .isEqualTo(100 * k + rounds - 1);
      }
    }
    for (int k = 2; k < clients; k += 3) {
      assertThat(bus.own().dataModel().holdingRegisters().get(80 + k)).isEqualTo(100 * k + rounds - 1);
    }
  }
}
