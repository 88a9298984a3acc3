package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.concat;
import static dev.modbustoolkit.serial.Bytes.hex;
import static dev.modbustoolkit.serial.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The strict RTU decoder against the wording of Modbus over Serial Line V1.02, 2.5.1.1 (19200 8E1: a character is
 * 11 bits, t1.5 = 16.5 bit times = 859 375 ns, t3.5 = 38.5 bit times = 2 005 208 ns): "the message frame must be
 * transmitted as a continuous stream of characters"; "if a silent interval of more than 1.5 character times occurs
 * between two characters, the message frame is declared incomplete and should be discarded"; frames are separated
 * by "a silent interval of at least 3.5 character times". The expected times are the spec's arithmetic, not the
 * decoder's.
 */
class StrictRtuFrameDecoderTest {
  private static final RtuTiming TIMING = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO);
  /** 11 bits at 19200 baud. */
  private static final long CHAR = 572_917;
  private static final long T15 = 859_375;
  private static final long T35 = 2_005_208;
  /** The read of Modbus over Serial Line's examples: unit 1, FC 03, address 0, quantity 1, CRC 0x0A84. */
  private static final byte[] READ = hex("01 03 00 00 00 01 84 0A");

  private final DecoderDriver line = new DecoderDriver(
      new StrictRtuFrameDecoder(PduLengths.codec(), Set.of(1, 2)::contains, SilenceRules.of(TIMING))::decode);
  private long now = 10_000_000_000L;

  /** Puts {@code bytes} on the line back to back, one read each, the first {@code silenceBefore} after the last. */
  private void send(byte[] bytes, long silenceBefore) {
    now += silenceBefore;
    spaced(bytes, 0);
  }

  /** Puts {@code bytes} on the line, one read each, each {@code gapNanos} of silence after the one before. */
  private void spaced(byte[] bytes, long gapNanos) {
    for (byte b : bytes) {
      now += gapNanos + CHAR;
      line.receive(new byte[] {b}, now);
    }
  }

  private void quietFor(long nanos) {
    now += nanos;
    line.idle(now);
  }

  @Test
  void theTimesAreTheSpecs() {
    assertThat(READ).isEqualTo(rtu("01 03 00 00 00 01"));
    assertThat(TIMING.characterNanos()).isBetween(CHAR - 1, CHAR);
    assertThat(TIMING.interCharacterLimitNanos()).isBetween(T15 - 1, T15);
    assertThat(TIMING.interFrameLimitNanos()).isBetween(T35 - 1, T35);
  }

  @Test
  void aFrameIsDecidedOnlyOnceTheT35SilenceAfterItHasPassed() {
    send(READ, 0);
    assertThat(line.summaries()).isEmpty();
    assertThat(line.deadlineNanos()).isEqualTo(now + TIMING.interFrameLimitNanos() + 1);
    quietFor(TIMING.interFrameLimitNanos());
    assertThat(line.summaries()).as("exactly t3.5 is not yet more than t3.5").isEmpty();
    quietFor(1);
    assertThat(line.summaries()).containsExactly("REQUEST 1 03 00 00 00 01");
    DecoderDriver.Frame frame = line.frames().getFirst();
    assertThat(frame.endNanos() - frame.startNanos()).isEqualTo(7 * CHAR);
    assertThat(line.unconsumed()).isZero();
  }

  @Test
  void aSilenceOfAtMostT15BetweenCharactersKeepsTheFrame() {
    spaced(READ, T15 - CHAR / 10);
    quietFor(T35 + 1);
    assertThat(line.summaries()).containsExactly("REQUEST 1 03 00 00 00 01");
  }

  @Test
  void aCharacterAfterMoreThanT15AndBeforeT35MakesTheFrameNotOk() {
    // Spec: the frame is "NOT OK" and discarded, the bytes after the gap with it; the CRC would have passed.
    send(Arrays.copyOf(READ, 5), 0);
    send(Arrays.copyOfRange(READ, 5, 6), T15 + CHAR / 10);
    send(Arrays.copyOfRange(READ, 6, 8), 0);
    quietFor(T35 + 1);
    assertThat(line.summaries()).containsExactly("DROPPED 8 INCOMPLETE");
    assertThat(line.unconsumed()).isZero();
  }

  @Test
  void aCharacterBetweenT15AndT35AfterACompleteFrameMakesItNotOk() {
    // The rule the default decoder departs from (it takes the frame at its last byte, the CRC being good).
    send(READ, 0);
    send(hex("01"), T15 + CHAR / 10);
    quietFor(T35 + 1);
    assertThat(line.summaries()).containsExactly("DROPPED 9 INCOMPLETE");
  }

  @Test
  void aSilenceOverT35EndsTheFrameAndTheNextCharactersStartAnother() {
    send(Arrays.copyOf(READ, 5), 0);
    send(Arrays.copyOfRange(READ, 5, 8), T35 + CHAR / 10);
    assertThat(line.summaries()).containsExactly("DROPPED 5 BAD_CRC");
    quietFor(T35 + 1);
    assertThat(line.summaries()).containsExactly("DROPPED 5 BAD_CRC", "DROPPED 3 TOO_SHORT");
  }

  @Test
  void framesSentWithoutTheT35SilenceBetweenThemAreOneBadFrame() {
    // The default decoder splits these by length and CRC (its documented departure); the spec does not.
    send(concat(READ, READ), 0);
    quietFor(T35 + 1);
    assertThat(line.summaries()).containsExactly("DROPPED 16 BAD_CRC");
  }

  @Test
  void framesSeparatedByT35AreEachDecided() {
    send(READ, 0);
    byte[] write = rtu("02 06 00 01 00 07");
    send(write, T35 + 1);
    assertThat(line.summaries()).containsExactly("REQUEST 1 03 00 00 00 01");
    quietFor(T35 + 1);
    assertThat(line.summaries()).containsExactly("REQUEST 1 03 00 00 00 01", "REQUEST 2 06 00 01 00 07");
  }

  @Test
  void aChunkOfBytesReceivedTogetherIsTakenAsSentBackToBack() {
    // A driver returns 8 bytes at once: they crossed the line in the 8 character times before.
    now += 8 * CHAR;
    line.receive(READ, now);
    quietFor(T35 + 1);
    assertThat(line.frames()).singleElement()
        .satisfies(f -> assertThat(f.endNanos() - f.startNanos()).isEqualTo(7 * CHAR));
  }

  @Test
  void aWrongCrcAndTooFewBytesAreDropped() {
    byte[] bad = READ.clone();
    bad[7] ^= 0x01;
    send(bad, 0);
    quietFor(T35 + 1);
    send(hex("01 03 00"), 0);
    quietFor(T35 + 1);
    assertThat(line.summaries()).containsExactly("DROPPED 8 BAD_CRC", "DROPPED 3 TOO_SHORT");
  }

  @Test
  void moreThan256BytesWithoutSilenceAreDroppedUntilTheSilenceThenAFrameIsFound() {
    now += 300 * CHAR;
    line.receive(new byte[300], now);
    assertThat(line.summaries()).containsExactly("DROPPED 300 TOO_LONG");
    send(new byte[4], 0);
    assertThat(line.summaries()).containsExactly("DROPPED 300 TOO_LONG", "DROPPED 1 TOO_LONG", "DROPPED 1 TOO_LONG",
        "DROPPED 1 TOO_LONG", "DROPPED 1 TOO_LONG");
    send(READ, T35 + 1);
    quietFor(T35 + 1);
    assertThat(line.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 01");
  }

  @Test
  void aFrameOf256BytesIsTaken() {
    byte[] pdu = new byte[253];
    pdu[0] = 0x15;
    pdu[1] = (byte) 0xFB;
    byte[] body = new byte[254];
    body[0] = 1;
    System.arraycopy(pdu, 0, body, 1, 253);
    byte[] frame = rtu(Bytes.hex(body));
    assertThat(frame).hasSize(256);
    now += 256 * CHAR;
    line.receive(frame, now);
    quietFor(T35 + 1);
    assertThat(line.frames()).singleElement().satisfies(f -> assertThat(f.pduLength()).isEqualTo(253));
  }

  @Test
  void anotherDevicesAnswerIsAResponseItsRequestARequest() {
    send(rtu("09 03 00 00 00 01"), 0);
    send(rtu("09 03 02 00 07"), T35 + 1);
    quietFor(T35 + 1);
    // A response to a served unit cannot come from another device: it is taken as a request (and refused).
    send(rtu("01 03 02 00 07"), T35 + 1);
    quietFor(T35 + 1);
    assertThat(line.frameSummaries()).containsExactly("REQUEST 9 03 00 00 00 01", "RESPONSE 9 03 02 00 07",
        "REQUEST 1 03 02 00 07");
  }

  @Test
  void withNothingPendingThereIsNoDeadline() {
    quietFor(1);
    assertThat(line.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
  }
}
