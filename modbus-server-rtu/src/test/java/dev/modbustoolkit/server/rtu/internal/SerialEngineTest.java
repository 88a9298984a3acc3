package dev.modbustoolkit.server.rtu.internal;

import static dev.modbustoolkit.server.rtu.Bytes.ascii;
import static dev.modbustoolkit.server.rtu.Bytes.concat;
import static dev.modbustoolkit.server.rtu.Bytes.hex;
import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.serial.ModbusCrc16;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.rtu.Bytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The serial engine on an in-memory line with fake time: what a master and the other devices would observe. */
class SerialEngineTest {
  final LineHarness line = new LineHarness();

  /**
   * The answer starts exactly t3.5 after the request's last character (the spec's inter-frame silence), neither
   * earlier nor later: the request's end is taken before it is sent, not from the clock after the answer (which
   * made any delay pass).
   */
  @Test
  void answersAReadExactlyT35AfterTheRequestEnds() throws Exception {
    line.unit1.dataModel().holdingRegisters().setRange(0, 0x1234, 0x5678);
    byte[] request = rtu("01 03 00 00 00 02");
    long requestEnd = line.clock.nanoTime() + request.length * line.timing.characterNanos();
    // 19200 8E1: 11 bits a character, t3.5 = 3.5 x 11 / 19200 s (spec 2.5.1.1; above 19200 baud it is 1.75 ms)
    assertThat(line.timing.t35Nanos()).isBetween(2_005_208L, 2_005_209L);
    line.send(request);
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 03 04 12 34 56 78")));
    assertThat(line.output.writes.getFirst().atNanos()).isEqualTo(requestEnd + line.timing.t35Nanos());
    assertThat(line.stats.snapshot().requests()).isEqualTo(1);
    assertThat(line.stats.snapshot().responsesSent()).isEqualTo(1);
  }

  @Test
  void theBriefsCrcVectorIsAnswered() throws Exception {
    line.send(hex("01 03 00 00 00 0A C5 CD"));
    assertThat(line.output.writes).hasSize(1);
    byte[] response = line.output.writes.getFirst().bytes();
    assertThat(response).hasSize(3 + 20 + 2);
    assertThat(Arrays.copyOf(response, 3)).isEqualTo(hex("01 03 14"));
    assertThat(ModbusCrc16.matches(response, 0, response.length)).isTrue();
  }

  @Test
  void aBadCrcGetsNoResponseAndCountsInEveryDevice() throws Exception {
    line.send(hex("01 03 00 00 00 0A C5 CC"));
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(line.stats.snapshot().checksumErrors()).isEqualTo(1);
    assertThat(line.unit1.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
    assertThat(line.unit2.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
    assertThat(line.unit1.diagnosticCounters().busMessageCount()).isZero();
  }

  @Test
  void aBroadcastWriteIsAppliedByEveryUnitAndNeverAnswered() throws Exception {
    line.send(rtu("00 06 00 05 00 2A"));
    line.send(rtu("00 10 00 10 00 02 04 00 01 00 02"));
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    for (var unit : new dev.modbustoolkit.server.core.RegisterDevice[] {line.unit1, line.unit2}) {
      assertThat(unit.dataModel().holdingRegisters().get(5)).isEqualTo(0x2A);
      assertThat(unit.dataModel().holdingRegisters().getRange(0x10, 2)).containsExactly(1, 2);
    }
    assertThat(line.stats.snapshot().broadcasts()).isEqualTo(2);
  }

  @Test
  void aBroadcastTheDevicesRefuseIsNotAnsweredEither() throws Exception {
    // a user-defined function code the register devices do not implement: ILLEGAL_FUNCTION, never sent
    line.send(rtu("00 41 01 02"));
    line.quiet();
    // an illegal quantity: ILLEGAL_DATA_VALUE, never sent
    line.send(rtu("00 10 00 00 00 00 00"));
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(line.stats.snapshot().broadcasts()).isEqualTo(2);
  }

  @Test
  void aRequestForAnotherUnitIsIgnoredSilently() throws Exception {
    line.send(rtu("09 06 00 05 00 2A"));
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(line.unit1.dataModel().holdingRegisters().get(5)).isZero();
    assertThat(line.stats.snapshot().otherUnitRequests()).isEqualTo(1);
    // still a message on the bus for the devices' diagnostics
    assertThat(line.unit1.diagnosticCounters().busMessageCount()).isEqualTo(1);
  }

  @Test
  void anotherDevicesResponseIsSkippedAndTheNextRequestServed() throws Exception {
    line.send(rtu("09 03 00 00 00 02"));
    line.pause(line.timing.t35Nanos());
    line.send(rtu("09 03 04 00 01 00 02"));
    line.pause(line.timing.t35Nanos());
    line.send(rtu("01 06 00 01 00 07"));
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 06 00 01 00 07")));
    assertThat(line.stats.snapshot().foreignResponses()).isEqualTo(1);
    assertThat(line.stats.snapshot().checksumErrors()).isZero();
    assertThat(line.stats.snapshot().discardedBytes()).isZero();
  }

  @Test
  void anotherDevicesResponseThatEchoesTheRequestIsNotExecuted() throws Exception {
    // unit 9 answers a write with an echo: read as a request it would be identical, and harmless only because
    // the unit is not ours; what matters is that it is recognised and counted as a response
    line.send(rtu("09 06 00 01 00 07"));
    line.pause(line.timing.t35Nanos());
    line.send(rtu("09 06 00 01 00 07"));
    line.quiet();
    assertThat(line.stats.snapshot().otherUnitRequests()).isEqualTo(1);
    assertThat(line.stats.snapshot().foreignResponses()).isEqualTo(1);
  }

  @Test
  void garbageBetweenFramesDoesNotLoseTheNextFrame() throws Exception {
    line.send(rtu("01 03 00 00 00 01"));
    line.pause(line.timing.t35Nanos());
    line.send(hex("FF 00 13 37"));
    // a real inter-frame silence (exactly t3.5 would still count as a break inside a frame: incomplete)
    line.pause(line.timing.t35Nanos() + 1_000);
    line.send(rtu("02 03 00 00 00 01"));
    line.send(concat(hex("00 FF"), rtu("01 03 00 00 00 01")));
    assertThat(line.output.hex())
        .containsExactly(
            Bytes.hex(rtu("01 03 02 00 00")), Bytes.hex(rtu("02 03 02 00 00")), Bytes.hex(rtu("01 03 02 00 00")));
    assertThat(line.stats.snapshot()).extracting("checksumErrors", "discardedBytes").containsExactly(2L, 6L);
  }

  @Test
  void aFrameCutByASilenceOverT15GetsNoResponse() throws Exception {
    byte[] frame = rtu("01 06 00 01 00 07");
    line.send(Arrays.copyOfRange(frame, 0, 4));
    line.pause(2 * line.timing.characterNanos());
    line.send(Arrays.copyOfRange(frame, 4, 8));
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(line.unit1.dataModel().holdingRegisters().get(1)).isZero();
    assertThat(line.stats.snapshot().incompleteFrames()).isEqualTo(1);
    assertThat(line.unit1.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
  }

  @Test
  void eachUnitOnThePortAnswersForItself() throws Exception {
    line.unit1.dataModel().holdingRegisters().set(0, 111);
    line.unit2.dataModel().holdingRegisters().set(0, 222);
    line.send(rtu("01 03 00 00 00 01"));
    line.send(rtu("02 03 00 00 00 01"));
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 03 02 00 6F")), Bytes.hex(rtu("02 03 02 00 DE")));
  }

  @Test
  void serialDiagnosticsCountRealBusEvents() throws Exception {
    line.send(hex("01 03 00 00 00 0A C5 CC"));
    line.quiet();
    line.send(rtu("09 03 00 00 00 01"));
    line.pause(line.timing.t35Nanos());
    line.send(rtu("09 03 02 00 00"));
    line.pause(line.timing.t35Nanos());
    line.send(rtu("01 03 00 00 00 01"));
    // FC 08 / 0x0B: bus message count: two foreign frames, the read, and this request itself
    line.send(rtu("01 08 00 0B 00 00"));
    // FC 08 / 0x0C: bus communication error count: the bad CRC
    line.send(rtu("01 08 00 0C 00 00"));
    assertThat(line.output.hex())
        .containsExactly(
            Bytes.hex(rtu("01 03 02 00 00")),
            Bytes.hex(rtu("01 08 00 0B 00 04")),
            Bytes.hex(rtu("01 08 00 0C 00 01")));
  }

  @Test
  void returnQueryDataHasNoLengthAndIsAnsweredAfterTheSilence() throws Exception {
    line.send(rtu("01 08 00 00 12 34 56"));
    assertThat(line.output.writes).isEmpty();
    line.quiet();
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 08 00 00 12 34 56")));
  }

  @Test
  void aRefusedRequestGetsAnExceptionResponse() throws Exception {
    line.send(rtu("01 03 00 00 00 7E"));
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 83 03")));
  }

  @Test
  void asciiModeAnswersInAsciiAndCountsLrcErrors() throws Exception {
    LineHarness asciiLine = new LineHarness(SerialMode.ASCII, FaultPipeline.empty());
    asciiLine.unit1.dataModel().holdingRegisters().set(0, 0x002A);
    asciiLine.send(ascii("01 03 00 00 00 01"));
    asciiLine.send(":0103000000010A\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    asciiLine.send(ascii("00 06 00 02 00 05"));
    asciiLine.send(ascii("09 06 00 02 00 05"));
    assertThat(asciiLine.output.writes).extracting(w -> new String(w.bytes(), java.nio.charset.StandardCharsets.US_ASCII))
        .containsExactly(new String(ascii("01 03 02 00 2A"), java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(asciiLine.stats.snapshot().checksumErrors()).isEqualTo(1);
    assertThat(asciiLine.unit2.dataModel().holdingRegisters().get(2)).isEqualTo(5);
    assertThat(asciiLine.unit1.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
  }

  @Test
  void listenOnlyModeSilencesTheDeviceOnTheLineUntilARestart() throws Exception {
    line.unit1.dataModel().holdingRegisters().set(0, 7);
    line.send(rtu("01 08 00 04 00 00")); // force listen-only: never answered
    line.send(rtu("01 03 00 00 00 01"));
    line.send(rtu("01 06 00 01 00 09")); // not executed either
    line.send(rtu("02 03 00 00 00 01")); // the other device on the line still answers
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("02 03 02 00 00")));
    assertThat(line.unit1.diagnosticCounters().isListenOnly()).isTrue();
    assertThat(line.unit1.dataModel().holdingRegisters().get(1)).isZero();
    line.send(rtu("01 08 00 01 00 00")); // restart: acted on, silently
    line.send(rtu("01 03 00 00 00 01"));
    assertThat(line.output.hex())
        .containsExactly(Bytes.hex(rtu("02 03 02 00 00")), Bytes.hex(rtu("01 03 02 00 07")));
    assertThat(line.unit1.diagnosticCounters().isListenOnly()).isFalse();
  }

  /** The longest RTU frame, 256 bytes (address, a 253-byte PDU, CRC): FC15 with one record of 122 registers. */
  @Test
  void aFrameOf256BytesIsDecodedWholeAndByteByByte() throws Exception {
    StringBuilder pdu = new StringBuilder("01 15 FB 06 0004 0000 007A");
    for (int i = 0; i < 122; i++) {
      pdu.append(String.format(" %04X", i));
    }
    byte[] frame = rtu(pdu.toString());
    assertThat(frame).hasSize(256);
    // the harness's devices have no file 4: an exception 02 shows the whole frame was read and its CRC checked
    line.send(frame);
    line.quiet();
    for (byte b : frame) {
      line.send(new byte[] {b});
    }
    line.quiet();
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("01 95 02")), Bytes.hex(rtu("01 95 02")));
    assertThat(line.stats.snapshot().checksumErrors()).isZero();
    assertThat(line.stats.snapshot().discardedBytes()).isZero();
  }

  /** FC 08/03 changes the ASCII input delimiter (spec 6.8.1 sub-function 03): the framer ends frames on it at once. */
  @Test
  void anAsciiDelimiterChangedBy08_03ReachesTheFramer() throws Exception {
    LineHarness asciiLine = new LineHarness(SerialMode.ASCII, FaultPipeline.empty());
    asciiLine.unit1.dataModel().holdingRegisters().set(0, 0x002A);
    asciiLine.send(ascii("01 08 00 03 21 00")); // delimiter '!'
    assertThat(asciiLine.output.writes).hasSize(1);
    assertThat(asciiLine.unit1.diagnosticCounters().asciiInputDelimiter()).isEqualTo('!');
    byte[] read = ascii("01 03 00 00 00 01");
    byte[] bang = read.clone();
    bang[bang.length - 1] = '!';
    asciiLine.send(bang); // CR '!': a frame now
    asciiLine.quiet();
    assertThat(asciiLine.output.writes).hasSize(2);
    asciiLine.send(read); // CR LF: no longer a frame end, dropped
    asciiLine.quiet();
    assertThat(asciiLine.output.writes).hasSize(2);
    assertThat(asciiLine.stats.snapshot().discardedBytes()).isPositive();
  }
}
