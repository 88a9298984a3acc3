package dev.modbustoolkit.server.rtu.internal;

import static dev.modbustoolkit.server.rtu.Bytes.ascii;
import static dev.modbustoolkit.server.rtu.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AsciiFramerTest {
  static final long START = 5_000_000_000L;
  static final long SECOND = 1_000_000_000L;

  final RecordingListener listener = new RecordingListener();
  int delimiter = '\n';
  final AsciiFramer framer = new AsciiFramer(Set.of(1, 0x11)::contains, () -> delimiter, SECOND, SECOND, listener);

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
    assertThat(framer.idleDeadlineNanos()).isEqualTo(Long.MAX_VALUE);
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
    assertThat(listener.discards()).containsExactly(new FramerEvent.Discarded(17, DiscardReason.BAD_CHECKSUM));
  }

  @Test
  void aNonHexCharacterOrAnOddDigitCountIsMalformed() {
    feed(":11030G6B00037E\r\n", START);
    feed(":1103006B00037\r\n", START + 1);
    feed(":1103006B00037E\rX", START + 2);
    assertThat(listener.frames()).isEmpty();
    assertThat(listener.discards()).extracting(FramerEvent.Discarded::reason)
        .containsExactly(DiscardReason.MALFORMED, DiscardReason.NOISE, DiscardReason.MALFORMED,
            DiscardReason.MALFORMED);
  }

  @Test
  void aColonRestartsTheFrameAndNoiseBetweenFramesIsIgnored() {
    feed(concat(":0103".getBytes(StandardCharsets.US_ASCII), ascii("01 03 00 00 00 0A"),
        "zz\r\n".getBytes(StandardCharsets.US_ASCII), ascii("11 03 00 6B 00 03")), START);
    assertThat(listener.frameSummaries()).containsExactly("REQUEST 1 03 00 00 00 0A", "REQUEST 17 03 00 6B 00 03");
    assertThat(listener.discards()).extracting(FramerEvent.Discarded::reason)
        .containsExactly(DiscardReason.INCOMPLETE, DiscardReason.NOISE);
  }

  @Test
  void aGapLongerThanTheTimeoutInsideAFrameDropsIt() {
    feed(":0103000000", START);
    assertThat(framer.idleDeadlineNanos()).isEqualTo(START + SECOND + 1);
    framer.idle(START + SECOND);
    assertThat(listener.events).isEmpty();
    framer.idle(START + SECOND + 1);
    assertThat(listener.discards()).containsExactly(new FramerEvent.Discarded(11, DiscardReason.INCOMPLETE));
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
    assertThat(listener.discards()).extracting(FramerEvent.Discarded::reason)
        .containsExactly(DiscardReason.MALFORMED);
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
    assertThat(listener.discards()).containsExactly(new FramerEvent.Discarded(7, DiscardReason.MALFORMED));
  }
}
