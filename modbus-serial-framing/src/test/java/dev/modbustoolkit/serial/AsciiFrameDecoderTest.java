package dev.modbustoolkit.serial;

import static dev.modbustoolkit.serial.Bytes.ascii;
import static dev.modbustoolkit.serial.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ASCII decoder; ported from modbus-server-rtu's push-style AsciiFramerTest, through {@link DecoderDriver}. */
class AsciiFrameDecoderTest {
  static final long START = 5_000_000_000L;
  static final long SECOND = 1_000_000_000L;

  int delimiter = '\n';
  final DecoderDriver framer =
      new DecoderDriver(new AsciiFrameDecoder(Set.of(1, 0x11)::contains, () -> delimiter, SECOND, SECOND)::decode);
  final DecoderDriver listener = framer;

  void feed(String text, long at) {
    feed(text.getBytes(StandardCharsets.US_ASCII), at);
  }

  void feed(byte[] bytes, long at) {
    framer.receive(bytes, 0, bytes.length, at);
  }

  @Test
  void theSpecExampleFrame() {
    feed(":1103006B00037E\r\n", START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 17 03 00 6B 00 03");
    assertThat(framer.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void characterByCharacterIsTheSame() {
    byte[] frame = ascii("01 03 00 00 00 0A");
    for (int i = 0; i < frame.length; i++) {
      framer.receive(frame, i, 1, START + i * 1_000_000L);
    }
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
  }

  @Test
  void lowerCaseHexIsAccepted() {
    feed(":1103006b00037e\r\n", START);
    assertThat(listener.frames()).hasSize(1);
  }

  @Test
  void aWrongLrcIsAChecksumError() {
    feed(":1103006B00037F\r\n", START);
    assertThat(listener.frames()).isEmpty();
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(17, DropReason.BAD_LRC));
  }

  @Test
  void aNonHexCharacterOrAnOddDigitCountIsMalformed() {
    feed(":11030G6B00037E\r\n", START);
    feed(":1103006B00037\r\n", START + 1);
    feed(":1103006B00037E\rX", START + 2);
    assertThat(listener.frames()).isEmpty();
    assertThat(listener.discards()).extracting(DecoderDriver.Dropped::reason)
        .containsExactly(DropReason.BAD_HEX, DropReason.NOISE, DropReason.BAD_HEX,
            DropReason.MISSING_DELIMITER);
  }

  @Test
  void aColonRestartsTheFrameAndNoiseBetweenFramesIsIgnored() {
    feed(concat(":0103".getBytes(StandardCharsets.US_ASCII), ascii("01 03 00 00 00 0A"),
        "zz\r\n".getBytes(StandardCharsets.US_ASCII), ascii("11 03 00 6B 00 03")), START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A", "REQUEST 17 03 00 6B 00 03");
    assertThat(listener.discards()).extracting(DecoderDriver.Dropped::reason)
        .containsExactly(DropReason.INCOMPLETE, DropReason.NOISE);
  }

  @Test
  void aGapLongerThanTheTimeoutInsideAFrameDropsIt() {
    feed(":0103000000", START);
    assertThat(framer.deadlineNanos()).isEqualTo(START + SECOND + 1);
    framer.idle(START + SECOND);
    assertThat(listener.events).isEmpty();
    framer.idle(START + SECOND + 1);
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(11, DropReason.INCOMPLETE));
    // the rest arriving later is noise, not a frame
    feed("0AF2\r\n", START + 3 * SECOND);
    assertThat(listener.frames()).isEmpty();
  }

  @Test
  void gapsUpToTheTimeoutAreFine() {
    feed(":0103000000", START);
    feed("0AF2\r\n", START + SECOND);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A");
  }

  @Test
  void theDelimiterCanBeChanged() {
    delimiter = '!';
    feed(":1103006B00037E\r!", START);
    feed(":1103006B00037E\r\n", START + 1);
    assertThat(listener.frames()).hasSize(1);
    assertThat(listener.discards()).extracting(DecoderDriver.Dropped::reason)
        .containsExactly(DropReason.MISSING_DELIMITER);
  }

  @Test
  void anotherDevicesResponseFollowingItsRequestIsAResponse() {
    feed(concat(ascii("09 03 00 00 00 01"), ascii("09 03 02 00 2A"), ascii("01 03 00 00 00 01")), START);
    assertThat(listener.frameSummaries())
        .containsExactly("REQUEST 9 03 00 00 00 01", "RESPONSE 9 03 02 00 2A", "REQUEST 1 03 00 00 00 01");
  }

  @Test
  void tooShortFramesAreMalformed() {
    feed(":01FF\r\n", START);
    assertThat(listener.discards()).containsExactly(new DecoderDriver.Dropped(7, DropReason.TOO_SHORT));
  }
}
