package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusTimeoutException;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.PtyPair;
import dev.modbustoolkit.testkit.Tools;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway serving a serial line as a device ({@code --listen-rtu}): a master on the line (mbpoll, pymodbus, or
 * our serial client) reaches a Modbus TCP device through it. The line is a socat pty pair, which carries no baud
 * rate or parity: 19200 8E1 (8N1 for pymodbus) is asked for at both ends and not enforced by the kernel.
 */
class GatewaySerialUpstreamIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();
  @TempDir Path dir;
  private PtyPair ptys;
  private ModbusTcpServer device;
  private GatewayMain.Running gateway;
  private final DataModel model = DataModel.dense();

  @BeforeEach
  void device() throws Exception {
    ptys = PtyPair.start(dir);
    for (int i = 0; i < 20; i++) {
      model.holdingRegisters().set(i, 500 + i);
    }
    device = ModbusTcpServer.builder(ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build())
        .bindAddress("127.0.0.1").port(0).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    device.close();
    ptys.close();
  }

  private void start(String... downstream) throws Exception {
    startWithParity("E", downstream);
  }

  private void startWithParity(String parity, String... downstream) throws Exception {
    List<String> args = new ArrayList<>(List.of("--listen-rtu", ptys.server().toString(), "--listen-baud", "19200",
        "--listen-parity", parity, "--timeout", "1s"));
    args.addAll(List.of(downstream));
    gateway = GatewayMain.start(GatewayOptions.parse(args.toArray(String[]::new)));
    assertThat(gateway.tcp()).as("no TCP listener without --listen").isNull();
    assertThat(gateway.describe()).contains("listening on RTU " + ptys.server() + " 19200 8" + parity + "1");
  }

  @Test
  void mbpollOnTheLineReadsAndWritesTheTcpDeviceThroughTheGateway() throws Exception {
    start("--to-tcp", "127.0.0.1:" + device.localAddress().getPort());
    Path mbpoll = Tools.require("mbpoll", "mbpoll");
    List<String> base = List.of(mbpoll.toString(), "-m", "rtu", "-b", "19200", "-P", "even", "-d", "8", "-s", "1",
        "-o", "3", "-1", "-0", "-a", "1", "-t", "4");
    Tools.Result read = Tools.run(Duration.ofSeconds(30), concat(base, "-r", "2", "-c", "3", ptys.client().toString()));
    assertThat(read.exitCode()).as(read.output()).isZero();
    assertThat(MbpollOutput.values(read.output())).isEqualTo("2=502 3=503 4=504");
    PEER_STEPS.ran("mbpoll");
    Tools.Result write = Tools.run(Duration.ofSeconds(30), concat(base, "-r", "7", ptys.client().toString(), "4242"));
    assertThat(write.exitCode()).as(write.output()).isZero();
    assertThat(model.holdingRegisters().get(7)).isEqualTo(4242);
    PEER_STEPS.ran("mbpoll");
    assertThat(gateway.serial().statistics().checksumErrors()).isZero();
  }

  @Test
  void aUnitNoRouteCoversIsAnotherDevicesOnTheLineAndGetsNoAnswer() throws Exception {
    Path routes = Files.writeString(dir.resolve("routes.yaml"), """
        downstreams:
          plc: {tcp: 127.0.0.1:%d}
        routes:
          - {units: 5, to: plc, as: 1}
        """.formatted(device.localAddress().getPort()));
    start("--routes", routes.toString());
    try (ModbusClient master = ModbusClient.serial(ptys.client().toString())
        .lineSettings(SerialLineSettings.of(19200, "8E1")).timeout(Duration.ofMillis(400)).retry(RetryPolicy.NONE)
        .build()) {
      Throwable silent = catchThrowable(() -> master.blocking().readHoldingRegisters(9, 0, 1));
      assertThat(silent).isInstanceOf(ModbusTimeoutException.class);
      assertThat(master.blocking().readHoldingRegisters(5, 3, 2).value(1)).isEqualTo(504);
    }
    assertThat(gateway.gateway().metrics().noRoute()).isEqualTo(1);
    assertThat(gateway.serial().statistics().otherUnitRequests()).isZero();
  }

  @Test
  void aPymodbusMasterOnTheLineReachesTheTcpDeviceThroughTheGateway() throws Exception {
    Path python = Tools.requirePython("python3-pymodbus python3-serial", "pymodbus", "serial");
    for (int i = 0; i < 5; i++) {
      model.inputRegisters().set(i, 900 + i);
    }
    model.coils().setBit(2, true);
    model.coils().setBit(5, true);
    Path routes = Files.writeString(dir.resolve("routes.yaml"), """
        downstreams:
          plc: {tcp: 127.0.0.1:%d}
        routes:
          - {units: 1, to: plc}
        """.formatted(device.localAddress().getPort()));
    // 8N1: pymodbus opens a pty as asked, and a pty holds no parity anyway (see the class comment).
    startWithParity("N", "--routes", routes.toString());
    Path script = dir.resolve("serial_master.py");
    try (InputStream in = getClass().getResourceAsStream("/peers/serial_master.py")) {
      Files.write(script, in.readAllBytes());
    }
    Tools.Result run = Tools.run(Duration.ofSeconds(60),
        List.of(python.toString(), script.toString(), ptys.client().toString(), "19200", "1"));
    assertThat(run.exitCode()).as(run.output()).isZero();
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : run.output().split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    assertThat(values).as(run.output())
        .containsEntry("holding", "500,501,502,503,504,505,506,507,508,509")
        .containsEntry("write_single", "ok")
        .containsEntry("write_multiple", "ok")
        .containsEntry("read_back", "7,8,9")
        .containsEntry("input", "900,901,902,903,904")
        .containsEntry("coils", "0,0,1,0,0,1,0,0")
        // The device's own exception (ILLEGAL_DATA_VALUE for 126 registers) comes through unchanged.
        .containsEntry("too_many", "exception:3")
        .containsEntry("after", "500");
    // No route covers unit 9: on a line that is another device's address, so the gateway stays silent.
    assertThat(values.get("other_unit")).as(run.output()).startsWith("error:");
    PEER_STEPS.ran("pymodbus", 9);
    assertThat(model.holdingRegisters().get(4)).isEqualTo(1234);
    assertThat(gateway.gateway().metrics().noRoute()).isEqualTo(1);
    assertThat(gateway.serial().statistics().checksumErrors()).isZero();
  }

  private static List<String> concat(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
