package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The reads a stream is cut into. */
class FeedingTest {
  private static final byte[] STREAM = Hex.parse("01 02 03 04 05");

  private static List<String> reads(Feeding feeding) {
    return feeding.split(STREAM).stream().map(Hex::format).toList();
  }

  @Test
  void wholeIsOneRead() {
    assertThat(reads(Feeding.WHOLE)).containsExactly("01 02 03 04 05");
  }

  @Test
  void oneByteAtATime() {
    assertThat(reads(Feeding.ONE_BYTE_AT_A_TIME)).containsExactly("01", "02", "03", "04", "05");
  }

  @Test
  void chunkSizesCycleAndTheLastReadIsWhatIsLeft() {
    assertThat(reads(Feeding.chunks(2, 1))).containsExactly("01 02", "03", "04 05");
    assertThat(reads(Feeding.chunks(4))).containsExactly("01 02 03 04", "05");
    assertThat(reads(Feeding.chunks(9))).containsExactly("01 02 03 04 05");
  }

  @Test
  void anEmptyStreamIsNoRead() {
    assertThat(Feeding.ONE_BYTE_AT_A_TIME.split(new byte[0])).isEmpty();
  }

  @Test
  void chunkSizesArePositive() {
    assertThatThrownBy(() -> Feeding.chunks(1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Feeding.chunks()).isInstanceOf(IllegalArgumentException.class);
  }
}
