package dev.modbustoolkit.server.rtu.internal;

import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.rtu.Bytes;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The serial engine with strict silences (the spec's RTU reception rule, {@code ModbusRtuServer.Builder
 * .strictSilences}): a request is answered once the t3.5 silence after it has passed, and not at all when a
 * character follows it between t1.5 and t3.5.
 */
class SerialEngineStrictTest {
  private static final RtuTiming TIMING = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO);
  private final LineHarness line =
      new LineHarness(FaultPipeline.empty(), EngineSettings.serialLine(SerialMode.RTU, TIMING, 1, true));

  @Test
  void aRequestIsAnsweredOnceTheT35SilenceAfterItHasPassed() throws Exception {
    line.unit1.dataModel().holdingRegisters().set(0, 0x1234);
    line.send(rtu("01 03 00 00 00 01"));
    long requestEnd = line.clock.nanoTime();
    assertThat(line.output.writes).as("taken only at the silence").isEmpty();
    assertThat(line.engine.idleDeadlineNanos()).isEqualTo(requestEnd + TIMING.interFrameLimitNanos() + 1);
    line.pause(TIMING.interFrameLimitNanos());
    line.engine.idle(line.clock.nanoTime());
    assertThat(line.output.writes).isEmpty();
    line.pause(1);
    line.engine.idle(line.clock.nanoTime());
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 03 02 12 34")));
    assertThat(line.output.writes.getFirst().atNanos()).isEqualTo(requestEnd + TIMING.interFrameLimitNanos() + 1);
  }

  @Test
  void aCharacterBetweenT15AndT35AfterTheRequestLeavesItUnanswered() throws Exception {
    byte[] request = rtu("01 06 00 01 00 07");
    line.send(request);
    line.pause(TIMING.interCharacterLimitNanos() + 1);
    line.send(new byte[] {0x01});
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(line.unit1.dataModel().holdingRegisters().get(1)).as("not executed").isZero();
    assertThat(line.stats.snapshot().incompleteFrames()).isEqualTo(1);
  }

  @Test
  void twoRequestsWithoutTheSilenceBetweenThemAreOneBadFrame() throws Exception {
    byte[] read = rtu("01 03 00 00 00 01");
    line.send(Bytes.concat(read, read));
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(line.stats.snapshot().checksumErrors()).isEqualTo(1);
    // The default framing answers both (see SerialEngineTest); strict framing answers the next one alone.
    line.send(read);
    line.quiet();
    assertThat(line.output.writes).hasSize(1);
    assertThat(Arrays.equals(line.output.writes.getFirst().bytes(), rtu("01 03 02 00 00"))).isTrue();
  }

  @Test
  void asciiIgnoresTheSetting() {
    assertThat(EngineSettings.serialLine(SerialMode.ASCII, TIMING, 1, true).strictSilences()).isFalse();
    assertThat(EngineSettings.serialLine(SerialMode.RTU, TIMING, 1).strictSilences()).isFalse();
  }
}
