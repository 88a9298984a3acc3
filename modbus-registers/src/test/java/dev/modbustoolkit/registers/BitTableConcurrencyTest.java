package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writers set 16 bits spanning two storage words to all-true or all-false; readers must never see a mixture. */
@Timeout(30)
class BitTableConcurrencyTest {

  private static final int START = 56; // bits 56..71 straddle the first two longs of storage

  @Test
  void readersNeverSeeHalfAMultipleWrite() throws InterruptedException {
    BitTable table = BitTable.dense(0, 200);
    Set<Boolean> seen = ConcurrentHashMap.newKeySet();
    Race race = new Race();
    race.thread(i -> {
      boolean[] values = new boolean[16];
      Arrays.fill(values, (i & 1) == 0);
      table.writeBits(START, values, WIRE);
    });
    race.thread(i -> {
      byte b = (i & 1) == 0 ? (byte) 0xFF : 0;
      table.writeBits(START, 16, ByteBuffer.wrap(new byte[] {b, b}), WIRE);
    });
    race.thread(i -> {
      boolean[] values = new boolean[16];
      Arrays.fill(values, (i & 1) != 0);
      table.setBits(START, values);
    });
    race.thread(i -> {
      ByteBuffer out = ByteBuffer.allocate(2);
      table.readBits(START, 16, out);
      int packed = out.getShort(0) & 0xFFFF;
      if (packed != 0 && packed != 0xFFFF) {
        throw new AssertionError("torn bits: 0x" + Integer.toHexString(packed));
      }
      seen.add(packed != 0);
    });
    race.thread(i -> {
      boolean[] bits = table.getBits(START, 16);
      for (boolean bit : bits) {
        if (bit != bits[0]) {
          throw new AssertionError("torn bits: " + Arrays.toString(bits));
        }
      }
      seen.add(bits[0]);
    });
    race.run(Duration.ofMillis(400));
    assertThat(seen).as("readers saw both states").containsExactlyInAnyOrder(true, false);
  }
}
