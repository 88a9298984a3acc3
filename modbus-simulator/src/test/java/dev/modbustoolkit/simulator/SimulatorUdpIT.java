package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --udp}: the simulator's devices and fault file over Modbus UDP, beside Modbus TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorUdpIT {
  @TempDir Path dir;

  @Test
  void servesTheSameDevicesAndFaultsOverUdp() throws Exception {
    Path faults = Files.writeString(dir.resolve("faults.yaml"), """
        faults:
          - id: busy-inputs
            action: {type: exception, code: server-device-busy}
            trigger: {functionCodes: [read-input-registers]}
        """);
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--udp", "0", "--fill", "pattern",
        "--faults", faults.toString());
    try (Simulator simulator = new Simulator(options);
        DatagramSocket client = new DatagramSocket()) {
      simulator.start();
      InetSocketAddress udp = simulator.udpServer().orElseThrow().localAddress();
      assertThat(udp.getAddress().isLoopbackAddress()).isTrue();
      client.setSoTimeout(5_000);
      assertThat(call(client, udp, mbap(1, 1, "03 03E8 0002"))).isEqualTo(hex("0001 0000 0007 01 03 04 03E8 03E9"));
      assertThat(call(client, udp, mbap(2, 1, "04 0000 0001"))).isEqualTo(hex("0002 0000 0003 01 84 06"));
      assertThat(simulator.udpServer().orElseThrow().metrics().faultedRequests()).isEqualTo(1);
    }
  }

  private static byte[] call(DatagramSocket client, InetSocketAddress to, byte[] request) throws Exception {
    client.send(new DatagramPacket(request, request.length, to));
    byte[] buffer = new byte[300];
    DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
    client.receive(answer);
    return Arrays.copyOf(buffer, answer.getLength());
  }
}
