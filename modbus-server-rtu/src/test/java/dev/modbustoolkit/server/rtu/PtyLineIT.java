package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.serial.SerialLineSettings;
import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.testkit.PtyPair;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server on a socat pty pair, driven with raw bytes: real threads, real clock. */
@Timeout(60)
class PtyLineIT {
  @TempDir Path dir;

  /**
   * A pty refuses a terminal-settings call whose only change is parity (EINVAL): the kernel drops PARENB on ptys,
   * so the second open at 8E1 of a pty jSerialComm already configured differs from its state by the parity bit
   * alone. The server must still open it (warning, no failure) and serve.
   */
  @Test
  void theServerOpensAPtyAt8E1AgainAndAgainAndServes() throws Exception {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    device.dataModel().holdingRegisters().set(0, 0x0102);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();
    try (PtyPair ptys = PtyPair.start(dir)) {
      for (int run = 0; run < 3; run++) {
        try (ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port(ptys.server().toString())
            .lineSettings(SerialLineSettings.RTU_DEFAULT).build().start()) {
          assertThat(server.isRunning()).isTrue();
          assertThat(server.appliedLineSettings()).isNotNull();
          assertThat(exchange(ptys.client(), rtu("01 03 00 00 00 01"), 7)).isEqualTo(rtu("01 03 02 01 02"));
        }
      }
    }
  }

  @Test
  void garbageBeforeAFrameAndAFrameCutBySilenceOnARealLine() throws Exception {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    device.dataModel().holdingRegisters().set(0, 0x0102);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();
    try (PtyPair ptys = PtyPair.start(dir);
        ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port(ptys.server().toString())
            .lineSettings(SerialLineSettings.of(115200, "8N1")).build().start();
        OutputStream out = Files.newOutputStream(ptys.client(), StandardOpenOption.WRITE);
        InputStream in = Files.newInputStream(ptys.client())) {
      byte[] request = rtu("01 03 00 00 00 01");
      // line noise, then the request in the same burst: answered
      out.write(Bytes.concat(Bytes.hex("00 FF 00"), request));
      out.flush();
      assertThat(read(in, 7)).isEqualTo(rtu("01 03 02 01 02"));
      // the first half, 100 ms of silence (far beyond t1.5 + tolerance), the second half: discarded, no answer
      out.write(request, 0, 4);
      out.flush();
      Thread.sleep(100);
      out.write(request, 4, 4);
      out.flush();
      Thread.sleep(200);
      // each half is an incomplete frame of its own
      assertThat(server.statistics().incompleteFrames()).isEqualTo(2);
      assertThat(server.statistics().responsesSent()).isEqualTo(1);
      // and the next request is served again
      out.write(request);
      out.flush();
      assertThat(read(in, 7)).isEqualTo(rtu("01 03 02 01 02"));
      assertThat(server.statistics().checksumErrors()).isEqualTo(1);
    }
  }

  static byte[] read(InputStream in, int length) throws Exception {
    byte[] response = new byte[length];
    int n = 0;
    while (n < length) {
      int r = in.read(response, n, length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return Arrays.copyOf(response, n);
  }

  /** Writes a request to the client pty and reads {@code length} response bytes (raw file I/O, no termios). */
  static byte[] exchange(Path tty, byte[] request, int length) throws Exception {
    try (OutputStream out = Files.newOutputStream(tty, StandardOpenOption.WRITE);
        InputStream in = Files.newInputStream(tty)) {
      out.write(request);
      out.flush();
      byte[] response = new byte[length];
      int n = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (n < length && System.nanoTime() < deadline) {
        int r = in.read(response, n, length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
      return Arrays.copyOf(response, n);
    }
  }
}
