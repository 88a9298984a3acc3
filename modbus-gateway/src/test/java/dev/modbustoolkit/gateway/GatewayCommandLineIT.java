package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusExceptionResponseException;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.rtu.ModbusRtuServer;
import dev.modbustoolkit.testkit.PtyPair;
import dev.modbustoolkit.testkit.Tools;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as its command line starts it, with real peers: mbpoll (libmodbus) as the master upstream, and our
 * serial device on a socat pty pair downstream (a pty carries no baud rate or parity: 19200 8E1 is asked for at
 * both ends and not enforced by the kernel).
 */
class GatewayCommandLineIT {
  @TempDir Path dir;
  private PtyPair ptys;
  private ModbusRtuServer device;
  private GatewayMain.Running gateway;
  private final DataModel model = DataModel.dense();

  @BeforeEach
  void bus() throws Exception {
    ptys = PtyPair.start(dir);
    for (int i = 0; i < 20; i++) {
      model.holdingRegisters().set(i, 300 + i);
    }
    device = ModbusRtuServer.builder(ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build())
        .port(ptys.server().toString()).lineSettings(SerialLineSettings.of(19200, "8E1")).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    device.close();
    ptys.close();
  }

  private int start(String... extra) throws Exception {
    String[] base = {"--listen", "127.0.0.1:0", "--rtu", ptys.client().toString(), "--baud", "19200",
        "--parity", "E", "--timeout", "500ms"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    gateway = GatewayMain.start(GatewayOptions.parse(args));
    assertThat(gateway.describe()).contains("RTU " + ptys.client());
    return gateway.tcp().localAddress().getPort();
  }

  @Test
  void mbpollReadsAndWritesThroughTheGatewayToTheSerialDevice() throws Exception {
    int port = start();
    Path mbpoll = Tools.require("mbpoll", "mbpoll");
    Tools.Result read = Tools.run(Duration.ofSeconds(30), mbpoll.toString(), "-m", "tcp", "-a", "1", "-0", "-1",
        "-o", "3", "-p", String.valueOf(port), "-t", "4", "-r", "2", "-c", "3", "127.0.0.1");
    assertThat(read.exitCode()).as(read.output()).isZero();
    assertThat(MbpollOutput.values(read.output())).isEqualTo("2=302 3=303 4=304");
    Tools.Result write = Tools.run(Duration.ofSeconds(30), mbpoll.toString(), "-m", "tcp", "-a", "1", "-0", "-1",
        "-o", "3", "-p", String.valueOf(port), "-t", "4", "-r", "7", "127.0.0.1", "4242");
    assertThat(write.exitCode()).as(write.output()).isZero();
    assertThat(model.holdingRegisters().get(7)).isEqualTo(4242);
  }

  @Test
  void aFaultFileShapesTheGatewaysAnswersUpstream() throws Exception {
    Path faults = java.nio.file.Files.writeString(dir.resolve("faults.yaml"), """
        seed: 1
        faults:
          - id: busy
            action: {type: exception, code: server-device-busy}
            trigger: {functionCodes: [read-holding-registers], addresses: 10-19}
        """);
    int port = start("--faults", faults.toString());
    try (ModbusClient master = ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(5))
        .retry(RetryPolicy.NONE).build()) {
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(
          () -> master.blocking().readHoldingRegisters(1, 12, 1));
      assertThat(t).isInstanceOfSatisfying(ModbusExceptionResponseException.class,
          e -> assertThat(e.exceptionCode()).isEqualTo(0x06));
      assertThat(master.blocking().readHoldingRegisters(1, 2, 1).value(0)).isEqualTo(302);
    }
  }

  @Test
  void aUnitNobodyServesOnTheLineAnswers0BAndTheGatewayServesOnAfterIt() throws Exception {
    int port = start("--quarantine-after", "0");
    try (ModbusClient master = ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(5))
        .retry(RetryPolicy.NONE).build()) {
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(
          () -> master.blocking().readHoldingRegisters(9, 0, 1));
      assertThat(t).isInstanceOfSatisfying(ModbusExceptionResponseException.class,
          e -> assertThat(e.exceptionCode()).isEqualTo(0x0B));
      assertThat(master.blocking().readHoldingRegisters(1, 0, 1).value(0)).isEqualTo(300);
    }
  }
}
