package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The bounds the framing values check at construction, and the shortest frame a CRC can close: each at both sides
 * of its limit (mutation testing found them unpinned).
 */
class FramingLimitsTest {

  @Test
  void rtuTimingNeedsPositiveCharacterAndT15BelowT35() {
    assertThat(new RtuTiming(1, 1, 2, 0).t35Nanos()).isEqualTo(2);
    assertThatThrownBy(() -> new RtuTiming(0, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("character=0");
    assertThatThrownBy(() -> new RtuTiming(1, 0, 2, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t1.5=0");
    assertThatThrownBy(() -> new RtuTiming(1, 2, 2, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t3.5=2");
    assertThatThrownBy(() -> new RtuTiming(1, 1, 2, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance=-1");
  }

  @Test
  void silenceRulesNeedConsistentSilences() {
    assertThat(new SilenceRules(0, 1, 1, 1).abandonNanos()).isEqualTo(1);
    assertThat(new SilenceRules(0, 1, 1, Long.MAX_VALUE - 1).abandonNanos()).isEqualTo(Long.MAX_VALUE - 1);
    assertThatThrownBy(() -> new SilenceRules(-1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1, 1, 1, 1");
    assertThatThrownBy(() -> new SilenceRules(0, 0, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SilenceRules(0, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SilenceRules(0, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SilenceRules(0, 1, 1, Long.MAX_VALUE)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCrcClosesFramesOfThreeBytesOrMoreInABufferToo() {
    // FF FF is the CRC of no bytes at all: two bytes are never a frame, even though they "match".
    assertThat(ModbusCrc16.matches(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF}), 0, 2)).isFalse();
    // One byte and its CRC, the shortest: 0x01 has CRC 0x807E, sent low byte first (7E 80).
    assertThat(ModbusCrc16.matches(ByteBuffer.wrap(new byte[] {0x01, 0x7E, (byte) 0x80}), 0, 3)).isTrue();
  }
}
