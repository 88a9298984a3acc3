package dev.modbustoolkit.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.server.tcp.PymodbusInteropIT.Result;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A C client (libmodbus, through the {@code mbpoll} command line tool) in a subprocess. Skipped only when mbpoll is
 * not installed (failed under CI=true). mbpoll covers FC01-06, 0F and 10; the other function codes are covered by
 * {@link LibmodbusInteropIT}, {@link PymodbusInteropIT} and the Java clients.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MbpollInteropIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();

  private static final Pattern VALUE_LINE = Pattern.compile("^\\[(\\d+)]:\\s+(-?\\d+)", Pattern.MULTILINE);

  private final TestSupport support = new TestSupport();
  private final InteropDevice device = new InteropDevice();
  private int port;
  private Path mbpoll;

  @BeforeEach
  void start() throws Exception {
    mbpoll = Tools.require("mbpoll", "mbpoll");
    port = support.start(device.dispatcher(), b -> {}).localAddress().getPort();
  }

  @AfterEach
  void stop() {
    support.close();
  }

  /** Runs mbpoll once with PDU (0-based) addressing against unit 1. */
  private Result mbpoll(String type, int address, int count, int... writeValues) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(mbpoll.toString(), "-m", "tcp", "-a", "1", "-0", "-1", "-o", "3",
        "-p", String.valueOf(port), "-t", type, "-r", String.valueOf(address)));
    if (writeValues.length == 0) {
      cmd.addAll(List.of("-c", String.valueOf(count)));
    }
    cmd.add("127.0.0.1");
    for (int v : writeValues) {
      cmd.add(String.valueOf(v));
    }
    Result r = PymodbusInteropIT.run(cmd.toArray(String[]::new));
    assertThat(r.exitCode()).as("mbpoll %s:%n%s", cmd, r.output()).isZero();
    PEER_STEPS.ran("mbpoll");
    return r;
  }

  private static Map<Integer, Integer> values(Result r) {
    Map<Integer, Integer> map = new TreeMap<>();
    Matcher m = VALUE_LINE.matcher(r.output());
    while (m.find()) {
      // mbpoll prints 16-bit registers signed (65535 as -1): compare as unsigned words.
      map.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)) & 0xFFFF);
    }
    return map;
  }

  @Test
  void readsAllFourTables() throws Exception {
    Map<Integer, Integer> coils = values(mbpoll("0", 0, 16));
    Map<Integer, Integer> discrete = values(mbpoll("1", 100, 16));
    Map<Integer, Integer> holding = values(mbpoll("4", 200, 10));
    Map<Integer, Integer> input = values(mbpoll("3", 300, 10));
    assertThat(coils).hasSize(16);
    assertThat(discrete).hasSize(16);
    for (int i = 0; i < 16; i++) {
      assertThat(coils.get(i)).as("coil %d", i).isEqualTo(InteropDevice.coil(i) ? 1 : 0);
      assertThat(discrete.get(100 + i)).as("discrete %d", 100 + i).isEqualTo(InteropDevice.discrete(i) ? 1 : 0);
    }
    assertThat(holding).hasSize(10);
    assertThat(input).hasSize(10);
    for (int i = 0; i < 10; i++) {
      assertThat(holding.get(200 + i)).isEqualTo(InteropDevice.holding(i));
      assertThat(input.get(300 + i)).isEqualTo(InteropDevice.input(i));
    }
  }

  @Test
  void writesCoilsAndHoldingRegisters() throws Exception {
    mbpoll("0", 20, 1, 1);
    mbpoll("0", 30, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1);
    mbpoll("4", 400, 1, 0xBEEF);
    mbpoll("4", 410, 0, InteropDevice.REGISTERS_410);
    assertThat(device.model.coils().getBit(20)).isTrue();
    assertThat(device.model.coils().getBits(30, 10)).containsExactly(InteropDevice.COILS_30);
    assertThat(device.model.holdingRegisters().get(400)).isEqualTo(0xBEEF);
    assertThat(device.model.holdingRegisters().getRange(410, 5)).containsExactly(InteropDevice.REGISTERS_410);
    // And reading back through mbpoll shows the same.
    assertThat(values(mbpoll("4", 410, 5))).containsValues(1, 2, 3, 65535, 0);
  }
}
