package dev.modbustoolkit.server.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.TriggerSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.testkit.PeerSteps;
import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Modbus over UDP on loopback: raw datagrams, a response fault, and pymodbus's UDP client. */
@Timeout(60)
class ModbusUdpServerIT {
  @RegisterExtension static final PeerSteps PEER_STEPS = new PeerSteps();

  private static final HexFormat HEX = HexFormat.of();

  private final DataModel model = DataModel.dense();
  private final FaultPipeline faults = FaultPipeline.create(3);
  private ModbusUdpServer server;
  private DatagramSocket client;

  @BeforeEach
  void start() throws IOException {
    for (int i = 0; i < 10; i++) {
      model.holdingRegisters().set(i, 100 + i);
    }
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
    server = ModbusUdpServer.builder(dispatcher).faults(faults).build().start();
    client = new DatagramSocket();
    client.setSoTimeout(3_000);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private byte[] call(String requestHex) throws IOException {
    send(requestHex);
    return receive();
  }

  private void send(String requestHex) throws IOException {
    byte[] request = HEX.parseHex(requestHex.replace(" ", ""));
    client.send(new DatagramPacket(request, request.length, server.localAddress()));
  }

  private byte[] receive() throws IOException {
    byte[] buffer = new byte[300];
    DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
    client.receive(answer);
    return Arrays.copyOf(buffer, answer.getLength());
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  @Test
  void listensOnLoopbackByDefault() {
    assertThat(server.localAddress().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void answersEachDatagramWithOneDatagram() throws IOException {
    assertThat(hex(call("0007 0000 0006 01 03 0000 0002"))).isEqualTo("000700000007" + "01030400640065");
    // A write, then the unit's own read of it.
    assertThat(hex(call("0008 0000 0006 01 06 0005 002a"))).isEqualTo("000800000006" + "01060005002a");
    assertThat(model.holdingRegisters().get(5)).isEqualTo(0x2A);
    // An exception travels like any answer.
    assertThat(hex(call("0009 0000 0006 01 03 ffff 0002"))).isEqualTo("000900000003" + "018302");
    assertThat(server.metrics().requests()).isEqualTo(3);
    assertThat(server.metrics().answers()).isEqualTo(3);
  }

  @Test
  void aDatagramThatIsNotExactlyOneFrameIsDroppedAndTheServerServesOn() throws IOException {
    send("0001 0000 0006 01 03 0000 0001" + "00");         // one byte too many
    send("0002 0000 0006 01 03 00");                        // cut short
    send("0003 0001 0006 01 03 0000 0001");                // protocol id 1: not Modbus
    send("0004 0000 0000 01");                              // length field 0
    assertThat(hex(call("0005 0000 0006 01 03 0000 0001"))).isEqualTo("000500000005" + "01030200" + "64");
    assertThat(server.metrics().droppedDatagrams()).isEqualTo(4);
    assertThat(server.metrics().datagrams()).isEqualTo(5);
  }

  @Test
  void responseFaultsApply() throws IOException {
    faults.add(FaultSpec.of("busy", new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY),
        TriggerSpec.builder().functionCodes(0x04).build()));
    faults.add(FaultSpec.of("mute", new ActionSpec.NoResponse(false),
        TriggerSpec.builder().functionCodes(0x01).build()));
    assertThat(hex(call("0001 0000 0006 01 04 0000 0001"))).isEqualTo("000100000003" + "018406");
    send("0002 0000 0006 01 01 0000 0001");
    assertThatThrownBy(() -> {
      client.setSoTimeout(300);
      receive();
    }).isInstanceOf(SocketTimeoutException.class);
    client.setSoTimeout(3_000);
    // Untouched function codes are answered normally.
    assertThat(hex(call("0003 0000 0006 01 03 0000 0001"))).isEqualTo("000300000005" + "01030200" + "64");
    assertThat(server.metrics().faultedRequests()).isEqualTo(2);
    assertThat(faults.stats("busy").orElseThrow().activations()).isEqualTo(1);
  }

  @Test
  void pymodbusUdpClient() throws Exception {
    InetSocketAddress address = server.localAddress();
    String script = String.join("\n",
        "from pymodbus.client import ModbusUdpClient",
        "c = ModbusUdpClient('127.0.0.1', port=" + address.getPort() + ", timeout=3)",
        "c.connect()",
        "rr = c.read_holding_registers(0, 3, slave=1)",
        "print('holding=' + ','.join(str(v) for v in rr.registers))",
        "w = c.write_register(7, 4242, slave=1)",
        "print('write=' + ('error' if w.isError() else 'ok'))",
        "c.close()");
    Path python = Tools.requirePython("python3-pymodbus", "pymodbus.client");
    Tools.Result r = Tools.run(Duration.ofSeconds(30), python.toString(), "-c", script);
    String output = r.output();
    assertThat(r.exitCode()).as(output).isZero();
    assertThat(output.lines().toList()).as(output).containsAll(List.of("holding=100,101,102", "write=ok"));
    assertThat(model.holdingRegisters().get(7)).isEqualTo(4242);
    PEER_STEPS.ran("pymodbus", 2);
  }
}
