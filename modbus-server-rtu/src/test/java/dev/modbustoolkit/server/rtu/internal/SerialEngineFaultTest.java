package dev.modbustoolkit.server.rtu.internal;

import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.CrcCorruption;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.serial.ModbusCrc16;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.rtu.Bytes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The engine executes the fault pipeline's plans on the line, timed on fake time. */
class SerialEngineFaultTest {
  final FaultPipeline faults = FaultPipeline.create(42);
  final LineHarness line = new LineHarness(SerialMode.RTU, faults);
  final byte[] write = rtu("01 06 00 01 00 07");

  @Test
  void aDelayPostponesTheResponse() throws Exception {
    faults.add(FaultSpec.of("slow", new ActionSpec.Delay(Duration.ofMillis(50), Duration.ZERO)));
    line.send(write);
    long requestEnd = LineHarness.START + write.length * line.timing.characterNanos();
    assertThat(line.output.hex()).containsExactly(Bytes.hex(write));
    assertThat(line.output.writes.getFirst().atNanos()).isEqualTo(requestEnd + 50_000_000);
  }

  @Test
  void noResponseWithoutExecutionLeavesTheRegisterAlone() throws Exception {
    faults.add(FaultSpec.of("mute", new ActionSpec.NoResponse(false)));
    line.send(write);
    assertThat(line.output.writes).isEmpty();
    assertThat(line.unit1.dataModel().holdingRegisters().get(1)).isZero();
    assertThat(line.stats.snapshot().noResponses()).isEqualTo(1);
    assertThat(line.stats.snapshot().responsesSent()).isZero();
  }

  @Test
  void noResponseWithExecutionWritesButStaysSilent() throws Exception {
    faults.add(FaultSpec.of("lost", new ActionSpec.NoResponse(true)));
    line.send(write);
    assertThat(line.output.writes).isEmpty();
    assertThat(line.unit1.dataModel().holdingRegisters().get(1)).isEqualTo(7);
  }

  @Test
  void anInjectedExceptionIsAnsweredWithoutExecuting() throws Exception {
    faults.add(FaultSpec.of("busy", new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY)));
    line.send(write);
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 86 06")));
    assertThat(line.unit1.dataModel().holdingRegisters().get(1)).isZero();
  }

  @Test
  void aCorruptedCrcIsSentAsIs() throws Exception {
    faults.add(FaultSpec.of("crc", ActionSpec.CorruptCrc.of(CrcCorruption.INVERT)));
    line.send(write);
    byte[] sent = line.output.writes.getFirst().bytes();
    assertThat(sent).startsWith(Bytes.hex("01 06 00 01 00 07"));
    assertThat(ModbusCrc16.matches(sent, 0, sent.length)).isFalse();
  }

  @Test
  void anInterCharacterGapSplitsTheFrameOnTheLine() throws Exception {
    faults.add(FaultSpec.of("gap", new ActionSpec.InterCharacterGap(3, 5)));
    line.send(write);
    assertThat(line.output.writes).hasSize(2);
    var first = line.output.writes.get(0);
    var second = line.output.writes.get(1);
    assertThat(first.bytes()).hasSize(3);
    assertThat(Bytes.concat(first.bytes(), second.bytes())).isEqualTo(write);
    long character = line.timing.characterNanos();
    // the gap counts from when the first part has left the UART
    assertThat(second.atNanos() - first.atNanos()).isBetween(3 * character + 5 * character - 10,
        3 * character + 5 * character + 10);
  }

  @Test
  void anInterFrameViolationAnswersBeforeT35() throws Exception {
    faults.add(FaultSpec.of("early", new ActionSpec.InterFrameViolation(1.0)));
    line.send(write);
    long requestEnd = LineHarness.START + write.length * line.timing.characterNanos();
    assertThat(line.output.writes).hasSize(1);
    assertThat(line.output.writes.getFirst().atNanos() - requestEnd).isLessThan(line.timing.t35Nanos());
  }

  @Test
  void closingDirectivesMeanNothingOnASerialLine() throws Exception {
    faults.add(FaultSpec.of("close", ActionSpec.CloseConnection.afterRequests(1, dev.modbustoolkit.fault.CloseMode.RST)));
    line.send(write);
    line.send(rtu("01 03 00 00 00 01"));
    // Both requests answered: a serial line has no connection, the close fault does not even fire on one.
    assertThat(line.output.writes).hasSize(2);
    assertThat(faults.stats("close").orElseThrow().activations()).isZero();
  }
}
