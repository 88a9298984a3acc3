package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --fill pattern} seen by a raw Modbus TCP client: the values {@code loadgen -V 1} (shared/perf/loadgen.c)
 * checks, holding register i = i & 0xFFFF and coil i = (i % 3 == 0), at both ends of the address range.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorFillIT {

  @Test
  void patternAnswersTheValuesALoadGeneratorValidates() throws Exception {
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--fill", "pattern", "--unit", "1",
        "--unit", "2");
    try (Simulator simulator = new Simulator(options)) {
      simulator.start();
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        // FC03 holding registers
        assertThat(exchange(out, in, mbap(1, 1, "03 0000 0002"), 13))
            .isEqualTo(hex("0001 0000 0007 01 03 04 0000 0001"));
        assertThat(exchange(out, in, mbap(2, 1, "03 03E8 0002"), 13))
            .isEqualTo(hex("0002 0000 0007 01 03 04 03E8 03E9"));
        assertThat(exchange(out, in, mbap(3, 1, "03 FFFE 0002"), 13))
            .isEqualTo(hex("0003 0000 0007 01 03 04 FFFE FFFF"));
        // FC01 coils: on at 0, 3, 6, 9 | 1002, 1005 | 65529, 65532, 65535
        assertThat(exchange(out, in, mbap(4, 1, "01 0000 000A"), 11)).isEqualTo(hex("0004 0000 0005 01 01 02 49 02"));
        assertThat(exchange(out, in, mbap(5, 1, "01 03E8 0008"), 10)).isEqualTo(hex("0005 0000 0004 01 01 01 24"));
        assertThat(exchange(out, in, mbap(6, 1, "01 FFF8 0008"), 10)).isEqualTo(hex("0006 0000 0004 01 01 01 92"));
        // the read-only tables hold the same pattern: FC04 input registers, FC02 discrete inputs
        assertThat(exchange(out, in, mbap(7, 1, "04 FFFF 0001"), 11)).isEqualTo(hex("0007 0000 0005 01 04 02 FFFF"));
        assertThat(exchange(out, in, mbap(8, 1, "02 0000 000A"), 11)).isEqualTo(hex("0008 0000 0005 01 02 02 49 02"));
        // every unit is filled
        assertThat(exchange(out, in, mbap(9, 2, "03 03E8 0001"), 11)).isEqualTo(hex("0009 0000 0005 02 03 02 03E8"));
      }
      for (DataModel model : simulator.models().values()) {
        assertThat(model.holdingRegisters().get(65535)).isEqualTo(0xFFFF);
        assertThat(model.inputRegisters().get(12345)).isEqualTo(12345);
        assertThat(model.coils().getBit(65535)).isTrue();
        assertThat(model.discreteInputs().getBit(65534)).isFalse();
      }
    }
  }

  /** loadgen's workloads W2 (fc3 125 at 0), W3 (fc16 100 at 0, writing the pattern) and fc1, byte for byte. */
  @Test
  void loadgenWorkloadsMatchAndItsWritesKeepThePattern() throws Exception {
    try (Simulator simulator = new Simulator(SimulatorOptions.parse("--port", "0", "--fill", "pattern"))) {
      simulator.start();
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(5_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        assertThat(pdu(exchange(out, in, mbap(1, 1, "03 0000 007D"), 9 + 250))).isEqualTo(fc3Answer(0, 125));
        StringBuilder write = new StringBuilder("10 0000 0064 C8");
        for (int i = 0; i < 100; i++) {
          write.append(String.format(" %04X", i));
        }
        assertThat(exchange(out, in, mbap(2, 1, write.toString()), 12))
            .isEqualTo(hex("0002 0000 0006 01 10 0000 0064"));
        assertThat(pdu(exchange(out, in, mbap(3, 1, "03 0000 007D"), 9 + 250))).isEqualTo(fc3Answer(0, 125));
        assertThat(pdu(exchange(out, in, mbap(4, 1, "03 FF83 007D"), 9 + 250))).isEqualTo(fc3Answer(0xFF83, 125));
        assertThat(pdu(exchange(out, in, mbap(5, 1, "01 0000 07D0"), 9 + 250))).isEqualTo(fc1Answer(0, 2000));
        assertThat(pdu(exchange(out, in, mbap(6, 1, "01 F830 07D0"), 9 + 250))).isEqualTo(fc1Answer(0xF830, 2000));
      }
    }
  }

  private static String pdu(byte[] frame) {
    return HexFormat.of().formatHex(frame, 7, frame.length);
  }

  /** As loadgen's build_request: byte count, then register i = (addr + i) & 0xFFFF. */
  private static String fc3Answer(int address, int quantity) {
    StringBuilder pdu = new StringBuilder(String.format("03%02x", 2 * quantity));
    for (int i = 0; i < quantity; i++) {
      pdu.append(String.format("%04x", (address + i) & 0xFFFF));
    }
    return pdu.toString();
  }

  /** As loadgen's build_request: byte count, then bit i (LSB first) = (addr + i) % 3 == 0. */
  private static String fc1Answer(int address, int quantity) {
    byte[] bits = new byte[(quantity + 7) / 8];
    for (int i = 0; i < quantity; i++) {
      if ((address + i) % 3 == 0) {
        bits[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    return String.format("01%02x", bits.length) + HexFormat.of().formatHex(bits);
  }
}
