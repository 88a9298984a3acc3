package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.concat;
import static dev.modbustoolkit.serial.Bytes.hex;
import static dev.modbustoolkit.serial.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The RTU decoder on fake time: 19200 8E1, so a character is 572,917 ns, t1.5 859 us and t3.5 2005 us. Ported
 * from modbus-server-rtu's push-style RtuFramerTest: the same cases, driven through {@link DecoderDriver}.
 */
class RtuFrameDecoderTest {
  static final long START = 1_000_000_000L;
  static final RtuTiming TIMING = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO);
  static final long CHAR = TIMING.characterNanos();

  final DecoderDriver framer = framer(TIMING);
  final DecoderDriver listener = framer;

  static DecoderDriver framer(RtuTiming timing) {
    return new DecoderDriver(
        new RtuFrameDecoder(PduLengths.codec(), Set.of(1, 2)::contains, SilenceRules.of(timing), 1_000_000_000L)
            ::decode);
  }

  /** Feeds bytes as if they had just crossed the line back to back, the last one at {@code lastByteAt}. */
  void feed(byte[] bytes, long lastByteAt) {
    framer.receive(bytes, 0, bytes.length, lastByteAt);
  }

  /** Lets the line go quiet long enough for every pending decision. */
  void silenceAfter(long lastByteAt) {
    framer.idle(lastByteAt + TIMING.interFrameLimitNanos() + 1);
  }

  @Test
  void aFrameInOneChunkIsReportedAtOnceWithoutWaitingForSilence() {
    feed(rtu("01 03 00 00 00 0A"), START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    assertThat(framer.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
    DecoderDriver.Frame f = listener.frames().getFirst();
    assertThat(f.endNanos()).isEqualTo(START);
    assertThat(f.startNanos()).isEqualTo(START - 7 * CHAR);
  }

  @Test
  void aFrameInChunksWithoutGapsIsOneFrame() {
    byte[] frame = rtu("01 03 00 00 00 0A");
    feed(java.util.Arrays.copyOfRange(frame, 0, 3), START + 2 * CHAR);
    feed(java.util.Arrays.copyOfRange(frame, 3, 8), START + 7 * CHAR);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    assertThat(listener.discards()).isEmpty();
  }

  @Test
  void aSilenceLongerThanT15InsideAFrameDiscardsIt() {
    byte[] frame = rtu("01 03 00 00 00 0A");
    feed(java.util.Arrays.copyOfRange(frame, 0, 4), START);
    // 2 characters of silence (> 1.5) before the remaining 4 bytes
    feed(java.util.Arrays.copyOfRange(frame, 4, 8), START + 2 * CHAR + 4 * CHAR);
    silenceAfter(START + 6 * CHAR);
    assertThat(listener.frames()).isEmpty();
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(8, DropReason.INCOMPLETE));
  }

  /**
   * The spec (Serial Line V1.02, 2.5.1.1, and its RTU reception diagram: a character received in "control and
   * waiting", after t1.5 and before t3.5, flags the frame NOK) would discard a frame followed by a character in
   * that window. This decoder departs from it on purpose (ModbusRtuServer's Javadoc and the README say why): a
   * frame of known length whose CRC matches is reported at its last byte, before any silence, so a later character
   * cannot take it back; that character is dropped on its own.
   */
  @Test
  void aCharacterBetweenT15AndT35AfterAFrameDoesNotUndoIt() {
    feed(rtu("01 03 00 00 00 0A"), START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    long gap = (TIMING.t15Nanos() + TIMING.t35Nanos()) / 2;
    assertThat(gap).isGreaterThan(TIMING.t15Nanos()).isLessThan(TIMING.t35Nanos());
    long strayEnd = START + gap + CHAR;
    feed(hex("55"), strayEnd);
    silenceAfter(strayEnd);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    assertThat(listener.discards()).extracting(DecoderDriver.Dropped::byteCount).containsExactly(1);
  }

  /** The rule the spec states and this decoder keeps: a silence over t1.5 between two characters of a frame. */
  @Test
  void aSilenceBetweenT15AndT35InsideAFrameBreaksIt() {
    byte[] frame = rtu("01 03 00 00 00 0A");
    long gap = (TIMING.t15Nanos() + TIMING.t35Nanos()) / 2;
    feed(java.util.Arrays.copyOfRange(frame, 0, 4), START);
    feed(java.util.Arrays.copyOfRange(frame, 4, 8), START + gap + 4 * CHAR);
    silenceAfter(START + gap + 4 * CHAR);
    assertThat(listener.frames()).isEmpty();
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(8, DropReason.INCOMPLETE));
  }

  @Test
  void aSilenceJustUnderT15InsideAFrameIsFine() {
    byte[] frame = rtu("01 03 00 00 00 0A");
    feed(java.util.Arrays.copyOfRange(frame, 0, 4), START);
    long gap = TIMING.t15Nanos() - 1000;
    feed(java.util.Arrays.copyOfRange(frame, 4, 8), START + gap + 4 * CHAR);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
  }

  @Test
  void theToleranceAcceptsBurstGapsUpToT15PlusTolerance() {
    DecoderDriver lenient =
        new DecoderDriver(
            new RtuFrameDecoder(
                    PduLengths.codec(),
                    Set.of(1)::contains,
                    SilenceRules.of(RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ofMillis(5))),
                    1_000_000_000L)
                ::decode);
    DecoderDriver local = lenient;
    byte[] frame = rtu("01 03 00 00 00 0A");
    lenient.receive(frame, 0, 4, START);
    // a USB adapter held the second half back 4 ms: within t1.5 + 5 ms
    lenient.receive(frame, 4, 4, START + 4_000_000 + 4 * CHAR);
    assertThat(local.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");

    lenient.receive(frame, 0, 4, START + 100_000_000);
    // 6 ms is beyond t1.5 + 5 ms: the frame breaks
    lenient.receive(frame, 4, 4, START + 100_000_000 + 6_000_000 + 4 * CHAR);
    lenient.idle(START + 200_000_000);
    assertThat(local.frames()).hasSize(1);
    assertThat(local.discards()).containsExactly(new DecoderDriver.Dropped(8, DropReason.INCOMPLETE));
  }

  @Test
  void aBurstThatTookItsOwnTimeOnTheWireIsNotAGap() {
    byte[] frame = rtu("01 10 00 00 00 02 04 00 01 00 02");
    feed(java.util.Arrays.copyOfRange(frame, 0, 2), START);
    // 11 bytes delivered together 11 character times later: they needed that long on the line
    feed(java.util.Arrays.copyOfRange(frame, 2, 13), START + 11 * CHAR);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 10 00 00 00 02 04 00 01 00 02");
  }

  @Test
  void framesSeparatedByT35AndBackToBackFramesAllSplit() {
    byte[] a = rtu("01 03 00 00 00 0A");
    byte[] b = rtu("02 06 00 01 00 03");
    feed(a, START);
    feed(b, START + TIMING.t35Nanos() + 8 * CHAR);
    // two frames in one chunk, no silence between them (as over TCP)
    feed(concat(a, b), START + 10_000_000);
    assertThat(listener.frameSummaries())
        .containsExactly(
            "REQUEST 1 03 00 00 00 0A", "REQUEST 2 06 00 01 00 03",
            "REQUEST 1 03 00 00 00 0A", "REQUEST 2 06 00 01 00 03");
  }

  @Test
  void resynchronisesAfterGarbageInTheSameChunk() {
    feed(concat(hex("FF 00 7E"), rtu("01 03 00 00 00 0A")), START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(3, DropReason.GARBAGE));
  }

  @Test
  void garbageThatLooksLikeAFrameStartIsSlidOver() {
    // "01 03 99 01 03 00 00 00" is a complete FC 03 candidate with a bad CRC; the real frame starts at byte 3
    feed(concat(hex("01 03 99"), rtu("01 03 00 00 00 0A")), START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(3, DropReason.BAD_CRC));
  }

  @Test
  void aBadCrcIsOneChecksumErrorAndNoFrame() {
    feed(hex("01 03 00 00 00 0A C5 CC"), START);
    silenceAfter(START);
    assertThat(listener.frames()).isEmpty();
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(8, DropReason.BAD_CRC));
  }

  @Test
  void theFrameAfterABadOneIsStillFound() {
    feed(hex("01 03 00 00 00 0A C5 CC"), START);
    feed(rtu("01 03 00 00 00 0A"), START + 5_000_000);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(8, DropReason.BAD_CRC));
  }

  @Test
  void anotherDevicesResponseIsParsedAsAResponse() {
    // unit 9 is not ours: its request, then its response, then a request for us, all in one chunk
    byte[] request = rtu("09 03 00 00 00 02");
    byte[] response = rtu("09 03 04 00 01 00 02");
    byte[] ours = rtu("01 03 00 00 00 01");
    feed(concat(request, response, ours), START);
    assertThat(listener.frameSummaries())
        .containsExactly("REQUEST 9 03 00 00 00 02", "RESPONSE 9 03 04 00 01 00 02", "REQUEST 1 03 00 00 00 01");
    assertThat(listener.discards()).isEmpty();
  }

  @Test
  void anExceptionResponseOfAnotherDeviceIsAResponse() {
    feed(concat(rtu("09 06 00 01 00 03"), rtu("09 86 02"), rtu("01 06 00 01 00 03")), START);
    assertThat(listener.frameSummaries())
        .containsExactly("REQUEST 9 06 00 01 00 03", "RESPONSE 9 86 02", "REQUEST 1 06 00 01 00 03");
  }

  @Test
  void aResponseWithoutItsRequestIsStillRecognisedByItsLength() {
    // joined the bus mid-conversation: only the response is seen
    feed(concat(rtu("09 03 04 00 01 00 02"), rtu("01 03 00 00 00 01")), START);
    assertThat(listener.frameSummaries()).containsExactly("RESPONSE 9 03 04 00 01 00 02", "REQUEST 1 03 00 00 00 01");
  }

  @Test
  void aFrameOfUnknownLengthEndsAtT35() {
    byte[] userDefined = rtu("01 41 DE AD BE EF");
    feed(userDefined, START);
    assertThat(listener.frames()).isEmpty();
    assertThat(framer.deadlineNanos()).isEqualTo(START + TIMING.t35Nanos() + 1);
    framer.idle(START + TIMING.t35Nanos());
    assertThat(listener.frames()).isEmpty();
    framer.idle(START + TIMING.t35Nanos() + 1);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 41 DE AD BE EF");
  }

  @Test
  void diagnosticsReturnQueryDataHasNoLengthFieldAndEndsAtSilence() {
    feed(rtu("01 08 00 00 A5 37"), START);
    silenceAfter(START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 08 00 00 A5 37");
  }

  @Test
  void aFrameOfUnknownLengthFollowedWithoutSilenceByAKnownOneSplitsAtTheKnownOne() {
    feed(concat(rtu("01 41 DE AD"), rtu("01 03 00 00 00 01")), START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 41 DE AD", "REQUEST 1 03 00 00 00 01");
  }

  @Test
  void theLargestFrameFits() {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 123; i++) {
      values.append(String.format(" %04X", i));
    }
    byte[] frame = rtu("01 10 00 00 00 7B F6" + values);
    assertThat(frame).hasSize(255);
    feed(frame, START);
    assertThat(listener.frames()).hasSize(1);
    assertThat(listener.frames().getFirst().pduLength()).isEqualTo(252);
  }

  @Test
  void aShortNoiseBurstIsDroppedAtTheSilence() {
    feed(hex("00"), START);
    assertThat(listener.events).isEmpty();
    silenceAfter(START);
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(1, DropReason.INCOMPLETE));
    assertThat(framer.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aLongGarbageStreamNeverStallsTheBuffer() {
    byte[] garbage = new byte[3000];
    java.util.Arrays.fill(garbage, (byte) 0x41);
    feed(garbage, START);
    feed(rtu("01 03 00 00 00 01"), START + 3000 * CHAR + 8 * CHAR);
    silenceAfter(START + 3008 * CHAR);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 01");
  }

  @Test
  void anIncompleteFrameFollowedByT35IsDroppedAndTheNextFrameServed() {
    byte[] frame = rtu("01 03 00 00 00 0A");
    feed(java.util.Arrays.copyOfRange(frame, 0, 5), START);
    feed(frame, START + 10_000_000);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(5, DropReason.INCOMPLETE));
  }

  @Test
  void streamRulesIgnoreGapsEndUnknownLengthsOnIdleAndWaitLongerForTheRestOfAFrame() {
    DecoderDriver tcp =
        new DecoderDriver(
            new RtuFrameDecoder(
                    PduLengths.codec(), Set.of(1)::contains, SilenceRules.streamOnly(20_000_000), 1_000_000_000L)
                ::decode);
    DecoderDriver local = tcp;
    byte[] frame = rtu("01 03 00 00 00 0A");
    // a late TCP segment: 500 ms is long past the idle time but the frame is still assembled
    tcp.receive(frame, 0, 4, START);
    tcp.idle(START + 100_000_000);
    tcp.receive(frame, 4, 4, START + 500_000_000);
    assertThat(local.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");

    // a frame of unknown length ends after the idle time
    long t = START + 600_000_000;
    tcp.receive(rtu("01 41 00"), 0, 5, t);
    assertThat(tcp.deadlineNanos()).isEqualTo(t + 20_000_001);
    tcp.idle(t + 19_000_000);
    assertThat(local.frames()).hasSize(1);
    tcp.idle(t + 20_000_001);
    assertThat(local.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A", "REQUEST 1 41 00");

    // an incomplete frame is given up after a second
    t += 100_000_000;
    tcp.receive(frame, 0, 5, t);
    tcp.idle(t + 20_000_001);
    assertThat(tcp.deadlineNanos()).isEqualTo(t + SilenceRules.STREAM_ABANDON_NANOS + 1);
    tcp.idle(t + SilenceRules.STREAM_ABANDON_NANOS + 1);
    assertThat(local.discards()).containsExactly(new DecoderDriver.Dropped(5, DropReason.INCOMPLETE));
    assertThat(tcp.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
  }

  // ---- beyond the push framer's tests: the pull-style contract

  static RtuFrameDecoder decoder() {
    return new RtuFrameDecoder(PduLengths.codec(), Set.of(1, 2)::contains, SilenceRules.of(TIMING), 1_000_000_000L);
  }

  @Test
  void aFrameOfTheMaximum256BytesDecodes() {
    // FC 08 return query data with 250 data bytes: PDU 253 bytes, frame 256; ends at the silence
    StringBuilder data = new StringBuilder("01 08 00 00");
    for (int i = 0; i < 250; i++) {
      data.append(String.format(" %02X", i));
    }
    byte[] frame = rtu(data.toString());
    assertThat(frame).hasSize(RtuFrameDecoder.MAX_FRAME);
    feed(frame, START);
    silenceAfter(START);
    assertThat(listener.frames()).hasSize(1);
    assertThat(listener.frames().getFirst().pduLength()).isEqualTo(253);
    assertThat(listener.discards()).isEmpty();
  }

  @Test
  void a257ByteFrameIsDroppedAsTooLong() {
    StringBuilder data = new StringBuilder("01 08 00 00");
    for (int i = 0; i < 251; i++) {
      data.append(String.format(" %02X", i));
    }
    byte[] frame = rtu(data.toString());
    assertThat(frame).hasSize(257);
    feed(frame, START);
    silenceAfter(START);
    assertThat(listener.frames()).isEmpty();
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(257, DropReason.TOO_LONG));
  }

  @Test
  void aKnownLengthAbove256IsTooLong() {
    // FC 16 announcing 254 data bytes: 1 + 6 + 254 + 2 = 263 bytes
    feed(hex("01 10 00 00 00 7F FE 00 00"), START);
    silenceAfter(START);
    assertThat(listener.discards()).first().extracting(DecoderDriver.Dropped::reason).isEqualTo(DropReason.TOO_LONG);
  }

  @Test
  void thePduIsAViewOfTheCallersBufferAndNothingOfAPendingFrameIsConsumed() {
    RtuFrameDecoder decoder = decoder();
    byte[] frame = rtu("01 03 00 00 00 0A");
    ByteBuffer in = ByteBuffer.allocate(64);
    in.put(frame, 0, 5).flip();
    DecodeOutcome o = decoder.decode(in, START);
    assertThat(o.kind()).isEqualTo(DecodeOutcome.Kind.NEED_MORE);
    assertThat(o.deadlineNanos()).isEqualTo(START + TIMING.interFrameLimitNanos() + 1);
    assertThat(in.position()).isZero();
    // the rest arrives; the caller compacts first, as a read loop does
    in.compact().put(frame, 5, 3).flip();
    o = decoder.decode(in, START + 3 * CHAR);
    assertThat(o.kind()).isEqualTo(DecodeOutcome.Kind.FRAME);
    assertThat(o.frameKind()).isEqualTo(FrameKind.REQUEST);
    assertThat(o.unitId()).isEqualTo(1);
    assertThat(o.functionCode()).isEqualTo(3);
    assertThat(in.position()).isEqualTo(8);
    assertThat(o.consumedBytes()).isEqualTo(8);
    // a view: position 1..6 of the caller's buffer; writing the buffer shows through
    assertThat(o.pdu().position()).isEqualTo(1);
    assertThat(o.pdu().limit()).isEqualTo(6);
    assertThat(o.pdu().isReadOnly()).isTrue();
    in.put(5, (byte) 0x0B);
    assertThat(o.pdu().get(5)).isEqualTo((byte) 0x0B);
    assertThat(decoder.decode(in, START + 3 * CHAR).kind()).isEqualTo(DecodeOutcome.Kind.NEED_MORE);
  }

  @Test
  void theOutcomeObjectIsReusedAndADirectBufferWorks() {
    RtuFrameDecoder decoder = decoder();
    ByteBuffer in = ByteBuffer.allocateDirect(64);
    in.put(concat(rtu("01 03 00 00 00 0A"), rtu("02 06 00 01 00 03"))).flip();
    DecodeOutcome first = decoder.decode(in, START);
    assertThat(first.unitId()).isEqualTo(1);
    DecodeOutcome second = decoder.decode(in, START);
    assertThat(second).isSameAs(first);
    assertThat(second.unitId()).isEqualTo(2);
    assertThat(in.hasRemaining()).isFalse();
  }

  @Test
  void removingUnconsumedBytesIsAProgrammingError() {
    RtuFrameDecoder decoder = decoder();
    ByteBuffer in = ByteBuffer.wrap(hex("01 03 00"));
    decoder.decode(in, START);
    in.limit(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(in, START))
        .isInstanceOf(IllegalStateException.class);
  }
}
