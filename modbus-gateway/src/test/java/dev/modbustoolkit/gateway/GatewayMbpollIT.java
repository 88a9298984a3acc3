package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.gateway.PeerBus.Device;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * mbpoll (a libmodbus master, Debian's mbpoll, run once per step and bounded in time) upstream of the gateway's
 * Modbus TCP listener, and real devices downstream on socat pty pairs ({@link PeerBus}; a pty carries no baud rate
 * or parity): every function code mbpoll sends (01-06, 0F, 10), checked against each device's values and read back
 * after writes, which function code reached the gateway checked in its dispatcher's counts; the device's exception
 * 02 forwarded unchanged; a unit nobody answers, 0x0B after the downstream timeout, then the device still served.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatewayMbpollIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();
  private static final Pattern VALUE_LINE = Pattern.compile("^\\[(\\d+)]:\\s+(-?\\d+)", Pattern.MULTILINE);

  @TempDir static Path dir;
  private static PeerBus bus;
  private static Path mbpoll;

  @BeforeAll
  static void start() throws Exception {
    mbpoll = Tools.require("mbpoll", "mbpoll");
    bus = PeerBus.start(dir, b -> b.quarantine(0, Duration.ZERO));
  }

  @AfterAll
  static void stop() throws Exception {
    if (bus != null) {
      bus.close();
    }
  }

  /** Runs mbpoll once, PDU (0-based) addresses, 3 s timeout; {@code values} makes it a write. */
  private static Tools.Result mbpoll(int unit, String type, int address, int count, int... values)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(mbpoll.toString(), "-m", "tcp", "-a", String.valueOf(unit), "-0",
        "-1", "-o", "3", "-p", String.valueOf(bus.port()), "-t", type, "-r", String.valueOf(address)));
    if (values.length == 0) {
      cmd.addAll(List.of("-c", String.valueOf(count)));
    }
    cmd.add("127.0.0.1");
    for (int v : values) {
      cmd.add(String.valueOf(v));
    }
    return Tools.run(Duration.ofSeconds(30), cmd);
  }

  /** A step that must succeed: its values by address. */
  private static Map<Integer, Integer> ok(Device device, int unit, String type, int address, int count,
      int... values) throws Exception {
    Tools.Result r = mbpoll(unit, type, address, count, values);
    assertThat(r.exitCode()).as("mbpoll to the %s:%n%s", device.peer, r.output()).isZero();
    Map<Integer, Integer> map = new TreeMap<>();
    Matcher m = VALUE_LINE.matcher(r.output());
    while (m.find()) {
      map.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) & 0xFFFF); // mbpoll prints words signed
    }
    return map;
  }

  private static Map<Integer, Integer> expected(int from, int count, java.util.function.IntUnaryOperator value) {
    Map<Integer, Integer> map = new TreeMap<>();
    for (int i = from; i < from + count; i++) {
      map.put(i, value.applyAsInt(i));
    }
    return map;
  }

  private static long requests(FunctionCode fc) {
    return bus.dispatcher().metrics().requests(fc);
  }

  @ParameterizedTest(name = "mbpoll through the gateway to the {0} on a pty pair")
  @EnumSource(Device.class)
  void everyFunctionCodeOfMbpollGoesThroughTheGateway(Device device) throws Exception {
    int u = device.unit;
    String peer = "mbpoll > " + device.peer;
    assertThat(ok(device, u, "0", 0, 20)).isEqualTo(expected(0, 20, i -> PeerDevice.coil(i) ? 1 : 0));
    PEER_STEPS.ran(peer);
    assertThat(ok(device, u, "1", 3, 13)).isEqualTo(expected(3, 13, i -> PeerDevice.discrete(i) ? 1 : 0));
    PEER_STEPS.ran(peer);
    assertThat(ok(device, u, "4", 0, 10)).isEqualTo(expected(0, 10, PeerDevice::holding));
    PEER_STEPS.ran(peer);
    assertThat(ok(device, u, "3", 5, 5)).isEqualTo(expected(5, 5, PeerDevice::input));
    PEER_STEPS.ran(peer);

    long fc05 = requests(FunctionCode.WRITE_SINGLE_COIL);
    ok(device, u, "0", 11, 1, 1);
    assertThat(requests(FunctionCode.WRITE_SINGLE_COIL)).as("mbpoll wrote one coil with FC05").isEqualTo(fc05 + 1);
    assertThat(ok(device, u, "0", 10, 3)).isEqualTo(Map.of(10, 0, 11, 1, 12, 1));
    PEER_STEPS.ran(peer);
    long fc06 = requests(FunctionCode.WRITE_SINGLE_REGISTER);
    ok(device, u, "4", 21, 1, 0xCAFE);
    assertThat(requests(FunctionCode.WRITE_SINGLE_REGISTER)).as("FC06").isEqualTo(fc06 + 1);
    assertThat(ok(device, u, "4", 21, 1)).isEqualTo(Map.of(21, 0xCAFE));
    PEER_STEPS.ran(peer);
    long fc0f = requests(FunctionCode.WRITE_MULTIPLE_COILS);
    ok(device, u, "0", 33, 0, 0, 1, 1, 0, 1);
    assertThat(requests(FunctionCode.WRITE_MULTIPLE_COILS)).as("FC0F").isEqualTo(fc0f + 1);
    assertThat(ok(device, u, "0", 33, 5)).isEqualTo(Map.of(33, 0, 34, 1, 35, 1, 36, 0, 37, 1));
    PEER_STEPS.ran(peer);
    long fc10 = requests(FunctionCode.WRITE_MULTIPLE_REGISTERS);
    ok(device, u, "4", 44, 0, 7, 65535, 0);
    assertThat(requests(FunctionCode.WRITE_MULTIPLE_REGISTERS)).as("FC10").isEqualTo(fc10 + 1);
    assertThat(ok(device, u, "4", 43, 5))
        .isEqualTo(Map.of(43, PeerDevice.holding(43), 44, 7, 45, 65535, 46, 0, 47, PeerDevice.holding(47)));
    PEER_STEPS.ran(peer);

    // the device's own exception 02, forwarded unchanged: libmodbus (in mbpoll) names it
    Tools.Result outside = mbpoll(u, "4", PeerDevice.SIZE, 1);
    assertThat(outside.output()).as("mbpoll to the %s:%n%s", device.peer, outside.output())
        .contains("Illegal data address");
    assertThat(outside.exitCode()).isNotZero();
    PEER_STEPS.ran(peer);
  }

  @Test
  void aUnitNobodyAnswersGets0BAndTheDeviceOnTheSameLineIsServedAfterIt() throws Exception {
    Tools.Result dead = mbpoll(PeerBus.DEAD_ON_LIBMODBUS, "4", 0, 1);
    assertThat(dead.output()).as(dead.output()).contains("Target device failed to respond");
    assertThat(dead.exitCode()).isNotZero();
    PEER_STEPS.ran("mbpoll > libmodbus RTU server (silent unit)");
    assertThat(ok(Device.LIBMODBUS, Device.LIBMODBUS.unit, "4", 7, 1)).isEqualTo(Map.of(7, PeerDevice.holding(7)));
    PEER_STEPS.ran("mbpoll > " + Device.LIBMODBUS.peer);
  }
}
