package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static dev.modbustoolkit.simulator.Frames.rtu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --rtu-over-tcp}: RTU frames with their CRC over a loopback socket, next to Modbus TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorRtuOverTcpIT {
  @TempDir Path dir;

  @Test
  void answersRtuFramesSharingDevicesAndFaultsWithModbusTcp() throws Exception {
    Path faults = Files.writeString(dir.resolve("faults.yaml"), """
        faults:
          - id: busy
            action: {type: exception, code: server-device-busy}
            trigger: {addresses: 100-199}
        """);
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--rtu-over-tcp", "0", "--unit", "1",
        "--unit", "2", "--faults", faults.toString());
    try (Simulator simulator = new Simulator(options)) {
      simulator.start();
      int rtuPort = simulator.rtuOverTcpServer().orElseThrow().localAddress().getPort();
      int tcpPort = simulator.tcpServer().orElseThrow().localAddress().getPort();
      assertThat(rtuPort).isNotEqualTo(tcpPort);
      try (Socket r = new Socket("127.0.0.1", rtuPort); Socket t = new Socket("127.0.0.1", tcpPort)) {
        r.setSoTimeout(5_000);
        t.setSoTimeout(5_000);
        OutputStream ro = r.getOutputStream();
        InputStream ri = r.getInputStream();
        // FC06 unit 1, register 10 = 0x1234: echoed with a valid CRC
        assertThat(exchange(ro, ri, rtu("01 06 000A 1234"), 8)).isEqualTo(rtu("01 06 000A 1234"));
        assertThat(exchange(ro, ri, rtu("01 03 000A 0001"), 7)).isEqualTo(rtu("01 03 02 1234"));
        // the same device over Modbus TCP: one dispatcher for both servers
        assertThat(exchange(t.getOutputStream(), t.getInputStream(), mbap(1, 1, "03 000A 0001"), 11))
            .isEqualTo(hex("0001 0000 0005 01 03 02 1234"));
        // the same fault pipeline too: both answer the exception fault
        assertThat(exchange(ro, ri, rtu("02 03 0064 0001"), 5)).isEqualTo(rtu("02 83 06"));
        assertThat(exchange(t.getOutputStream(), t.getInputStream(), mbap(2, 2, "03 0064 0001"), 9))
            .isEqualTo(hex("0002 0000 0003 02 83 06"));
        // an unknown unit: exception 0x0B on Modbus TCP, silence on the serial framing (a shared bus)
        assertThat(exchange(t.getOutputStream(), t.getInputStream(), mbap(3, 9, "03 0000 0001"), 9))
            .isEqualTo(hex("0003 0000 0003 09 83 0B"));
        r.setSoTimeout(500);
        ro.write(rtu("09 03 0000 0001"));
        ro.flush();
        assertThatThrownBy(() -> ri.read()).isInstanceOf(SocketTimeoutException.class);
        ro.write(rtu("FF 03 0000 0001"));
        ro.flush();
        assertThatThrownBy(() -> ri.read()).isInstanceOf(SocketTimeoutException.class);
        // still serving on that connection, and nothing stray was sent for the unknown units
        r.setSoTimeout(5_000);
        assertThat(exchange(ro, ri, rtu("02 03 000A 0001"), 7)).isEqualTo(rtu("02 03 02 0000"));
        assertThat(ri.available()).isZero();
      }
      assertThat(simulator.rtuOverTcpServer().orElseThrow().metrics().otherUnitRequests()).isEqualTo(2);
      assertThat(simulator.faults().stats("busy").orElseThrow().activations()).isEqualTo(2);
    }
  }

  @Test
  void asciiSwitchesTheTcpListenerToAsciiFrames() throws Exception {
    SimulatorOptions options = SimulatorOptions.parse("--no-tcp", "--rtu-over-tcp", "0", "--ascii");
    try (Simulator simulator = new Simulator(options)) {
      simulator.start();
      assertThat(simulator.tcpServer()).isEmpty();
      simulator.models().get(1).holdingRegisters().set(0, 0x00FF);
      int port = simulator.rtuOverTcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        // LRC of 01 03 00 00 00 01 is 0xFB; of 01 03 02 00 FF it is 0xFB as well
        byte[] answer = exchange(s.getOutputStream(), s.getInputStream(),
            ":010300000001FB\r\n".getBytes(StandardCharsets.US_ASCII), 15);
        assertThat(new String(answer, StandardCharsets.US_ASCII)).isEqualTo(":01030200FFFB\r\n");
      }
    }
  }
}
