package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** No read can hang: bytes that never come fail the read after its timeout, naming what did arrive. */
@Timeout(30)
class BoundedInputTest {
  @Test
  void readsExactlyWhatIsAskedForAcrossChunks() throws Exception {
    try (BoundedInput in = BoundedInput.of(new ByteArrayInputStream(Hex.parse("01 02 03 04 05")), "bytes")) {
      assertThat(in.read(2, Duration.ofSeconds(5))).containsExactly(1, 2);
      assertThat(in.read(3, Duration.ofSeconds(5))).containsExactly(3, 4, 5);
    }
  }

  @Test
  void bytesThatNeverComeFailAfterTheTimeout() throws Exception {
    PipedOutputStream out = new PipedOutputStream();
    try (BoundedInput in = BoundedInput.of(new PipedInputStream(out), "pipe")) {
      out.write(new byte[] {0x11, 0x22});
      out.flush();
      assertThatThrownBy(() -> in.read(3, Duration.ofMillis(300)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("pipe: 2 of 3 bytes within")
          .hasMessageContaining("11 22");
      assertThat(in.readFor(Duration.ofMillis(50))).isEmpty();
    }
  }

  @Test
  void theEndOfTheStreamFailsARead() throws Exception {
    try (BoundedInput in = BoundedInput.of(new ByteArrayInputStream(new byte[] {7}), "short")) {
      assertThatThrownBy(() -> in.read(2, Duration.ofSeconds(5)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("1 of 2 bytes before the end of the stream");
    }
  }
}
