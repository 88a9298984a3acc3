package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.serial.SerialLineSettings;
import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.testkit.BoundedInput;
import dev.modbustoolkit.testkit.PtyPair;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server on a socat pty pair, driven with raw bytes: real threads, real clock. */
@Timeout(60)
class PtyLineIT {
  /** Every read of the pty is bounded: a missing answer fails the test with the bytes that did arrive. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  @TempDir Path dir;

  /**
   * A pty refuses a terminal-settings call whose only change is parity (EINVAL): the kernel drops PARENB on ptys,
   * so the second open at 8E1 of a pty jSerialComm already configured differs from its state by the parity bit
   * alone. The server asked for 8E1 must still open it (warning, no failure) and serve. No parity is on the pty:
   * this shows the opening, not 8E1.
   */
  @Test
  void askedFor8E1TheServerOpensAPtyAgainAndAgainAndServesThoughAPtyCarriesNoParity() throws Exception {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    device.dataModel().holdingRegisters().set(0, 0x0102);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();
    try (PtyPair ptys = PtyPair.start(dir);
        OutputStream out = Files.newOutputStream(ptys.client(), StandardOpenOption.WRITE);
        BoundedInput in = BoundedInput.of(Files.newInputStream(ptys.client()), "client pty")) {
      for (int run = 0; run < 3; run++) {
        try (ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port(ptys.server().toString())
            .lineSettings(SerialLineSettings.RTU_DEFAULT).build().start()) {
          assertThat(server.isRunning()).isTrue();
          assertThat(server.appliedLineSettings()).isNotNull();
          out.write(rtu("01 03 00 00 00 01"));
          out.flush();
          assertThat(in.read(7, READ_TIMEOUT)).isEqualTo(rtu("01 03 02 01 02"));
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
        BoundedInput in = BoundedInput.of(Files.newInputStream(ptys.client()), "client pty")) {
      byte[] request = rtu("01 03 00 00 00 01");
      // line noise, then the request in the same burst: answered
      out.write(Bytes.concat(Bytes.hex("00 FF 00"), request));
      out.flush();
      assertThat(in.read(7, READ_TIMEOUT)).isEqualTo(rtu("01 03 02 01 02"));
      // the first half, 100 ms of silence (far beyond t1.5 + tolerance), the second half: discarded, no answer
      out.write(request, 0, 4);
      out.flush();
      Thread.sleep(100);
      out.write(request, 4, 4);
      out.flush();
      // each half is an incomplete frame of its own (counted once the silence after the second half has passed)
      until(() -> server.statistics().incompleteFrames() >= 2, "two incomplete frames");
      assertThat(in.readFor(Duration.ofMillis(200))).as("no answer to either half").isEmpty();
      assertThat(server.statistics().incompleteFrames()).isEqualTo(2);
      assertThat(server.statistics().responsesSent()).isEqualTo(1);
      // and the next request is served again
      out.write(request);
      out.flush();
      assertThat(in.read(7, READ_TIMEOUT)).isEqualTo(rtu("01 03 02 01 02"));
      assertThat(server.statistics().checksumErrors()).isEqualTo(1);
    }
  }

  /**
   * The server with strict silences on a real line: a request alone is answered (after the t3.5 silence), two
   * requests written as one burst are one frame without the silence between them, dropped. The window between t1.5
   * and t3.5 is milliseconds wide: it is checked on fake time ({@code SerialEngineStrictTest}), not here.
   */
  @Test
  void withStrictSilencesARequestAloneIsAnsweredAndTwoWithoutTheSilenceAreNot() throws Exception {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    device.dataModel().holdingRegisters().set(0, 0x0102);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();
    try (PtyPair ptys = PtyPair.start(dir);
        ModbusRtuServer server = ModbusRtuServer.builder(dispatcher).port(ptys.server().toString())
            .lineSettings(SerialLineSettings.of(115200, "8N1")).strictSilences(true).build().start();
        OutputStream out = Files.newOutputStream(ptys.client(), StandardOpenOption.WRITE);
        BoundedInput in = BoundedInput.of(Files.newInputStream(ptys.client()), "client pty")) {
      byte[] request = rtu("01 03 00 00 00 01");
      out.write(request);
      out.flush();
      assertThat(in.read(7, READ_TIMEOUT)).isEqualTo(rtu("01 03 02 01 02"));
      out.write(Bytes.concat(request, request));
      out.flush();
      until(() -> server.statistics().checksumErrors() >= 1, "the burst dropped as one bad frame");
      assertThat(in.readFor(Duration.ofMillis(200))).as("no answer to the burst").isEmpty();
      assertThat(server.statistics().responsesSent()).isEqualTo(1);
      out.write(request);
      out.flush();
      assertThat(in.read(7, READ_TIMEOUT)).isEqualTo(rtu("01 03 02 01 02"));
    }
  }

  /** Waits up to 10 s for the server's counters to show {@code done}. */
  static void until(BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + READ_TIMEOUT + ": " + what);
      }
      Thread.sleep(10);
    }
  }
}
