package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The simulator in-process with {@code --faults}, watched by a raw Modbus TCP client on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorFaultsIT {
  private static final String FAULTS = """
      seed: 1
      faults:
        - id: busy
          action: {type: exception, code: server-device-busy}
          trigger: {functionCodes: [read-holding-registers], addresses: 100-199}
        - id: slow
          action: {type: delay, base: 400ms}
          trigger: {addresses: 200}
        - id: twice
          action: {type: exception, code: 2}
          trigger: {addresses: 300, maxActivations: 2}
      """;

  @TempDir Path dir;

  @Test
  void faultsFromTheFileShapeTheAnswersOfModbusTcp() throws Exception {
    Path file = Files.writeString(dir.resolve("faults.yaml"), FAULTS);
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--faults", file.toString());
    try (Simulator simulator = new Simulator(options)) {
      simulator.start();
      InetSocketAddress address = simulator.tcpServer().orElseThrow().localAddress();
      assertThat(address.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      simulator.models().get(1).holdingRegisters().set(200, 0x0ABC);
      try (Socket s = new Socket("127.0.0.1", address.getPort())) {
        s.setSoTimeout(5_000);
        var out = s.getOutputStream();
        var in = s.getInputStream();
        // no fault on register 0: a normal answer
        assertThat(exchange(out, in, mbap(1, 1, "03 0000 0001"), 11)).isEqualTo(hex("0001 0000 0005 01 03 02 0000"));
        // exception fault: FC 03 on 100..199 answers SERVER_DEVICE_BUSY, the write is not affected
        assertThat(exchange(out, in, mbap(2, 1, "03 0096 0002"), 9)).isEqualTo(hex("0002 0000 0003 01 83 06"));
        assertThat(exchange(out, in, mbap(3, 1, "06 0096 1234"), 12)).isEqualTo(hex("0003 0000 0006 01 06 0096 1234"));
        // delay fault: the right answer, at least 400 ms late
        long start = System.nanoTime();
        assertThat(exchange(out, in, mbap(4, 1, "03 00C8 0001"), 11)).isEqualTo(hex("0004 0000 0005 01 03 02 0ABC"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(380);
        // at most K: the third request for 300 is answered normally
        assertThat(exchange(out, in, mbap(5, 1, "03 012C 0001"), 9)).isEqualTo(hex("0005 0000 0003 01 83 02"));
        assertThat(exchange(out, in, mbap(6, 1, "03 012C 0001"), 9)).isEqualTo(hex("0006 0000 0003 01 83 02"));
        assertThat(exchange(out, in, mbap(7, 1, "03 012C 0001"), 11)).isEqualTo(hex("0007 0000 0005 01 03 02 0000"));
      }
      assertThat(simulator.models().get(1).holdingRegisters().get(150)).isEqualTo(0x1234);
      assertThat(simulator.faults().stats("busy").orElseThrow().activations()).isEqualTo(1);
      assertThat(simulator.faults().stats("twice").orElseThrow().activations()).isEqualTo(2);
      assertThat(simulator.faults().seed()).isEqualTo(1);
    }
  }
}
