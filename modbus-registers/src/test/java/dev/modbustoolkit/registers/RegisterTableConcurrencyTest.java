package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Writers store values whose halves must match; readers running in parallel must never see them differ (a torn
 * float32/float64 or a half-applied multiple write). Each race is bounded to a fraction of a second.
 */
@Timeout(30)
class RegisterTableConcurrencyTest {

  private static final Duration RACE = Duration.ofMillis(400);
  private static final int FLOAT = 10; // float32 at 10..11
  private static final int DOUBLE = 20; // float64 at 20..23
  private static final int BLOCK = 30; // 16 registers, all equal

  private final RegisterTable table = RegisterTable.dense(0, 100);

  /** A 16-bit word that, repeated, never forms a NaN (exponent bits not all ones), so float bits round-trip. */
  private static int word(long iteration, int writer) {
    return (int) ((iteration * 2 + writer) % 0x7F00);
  }

  private static void assertHalvesMatch(int bits, String what) {
    if ((bits >>> 16) != (bits & 0xFFFF)) {
      throw new AssertionError("torn " + what + ": 0x" + Integer.toHexString(bits));
    }
  }

  private static void assertWordsMatch(long bits, String what) {
    int w = (int) (bits & 0xFFFF);
    if (bits != ((long) w << 48 | (long) w << 32 | (long) w << 16 | w)) {
      throw new AssertionError("torn " + what + ": 0x" + Long.toHexString(bits));
    }
  }

  private static void assertAllEqual(short[] values, String what) {
    for (short value : values) {
      if (value != values[0]) {
        throw new AssertionError("torn " + what + ": " + Arrays.toString(values));
      }
    }
  }

  @Test
  void wireReadersNeverSeeTornWireWrites() throws InterruptedException {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    Race race = new Race();
    for (int writer = 0; writer < 2; writer++) {
      int w = writer;
      race.thread(i -> {
        short v = (short) word(i, w);
        assertThat(table.writeRegisters(FLOAT, new short[] {v, v}, WIRE)).isEqualTo(AccessStatus.OK);
        ByteBuffer packed = ByteBuffer.allocate(32);
        for (int k = 0; k < 16; k++) {
          packed.putShort(v);
        }
        table.writeRegisters(BLOCK, 16, packed.flip(), WIRE);
      });
    }
    race.thread(i -> {
      ByteBuffer out = ByteBuffer.allocate(4);
      table.readRegisters(FLOAT, 2, out);
      int bits = out.getInt(0);
      assertHalvesMatch(bits, "wire float32");
      seen.add(bits);
    });
    race.thread(i -> {
      short[] block = new short[16];
      table.readRegisters(BLOCK, 16, block, 0);
      assertAllEqual(block, "wire block");
    });
    ByteBuffer heap = ByteBuffer.allocate(32);
    ByteBuffer direct = ByteBuffer.allocateDirect(32);
    race.thread(i -> {
      // The whole block through both buffer copies (array view for heap, per byte for direct): a copy torn by a
      // writer must be detected and redone.
      ByteBuffer out = (i & 1) == 0 ? heap : direct;
      table.readRegisters(BLOCK, 16, out.clear());
      short[] block = new short[16];
      out.flip().asShortBuffer().get(block);
      assertAllEqual(block, "wire block into a " + (out.isDirect() ? "direct" : "heap") + " buffer");
    });
    race.thread(i -> {
      // Function 23 reading the pair while writing elsewhere must also be consistent.
      ByteBuffer out = ByteBuffer.allocate(4);
      table.writeThenRead(90, new short[] {(short) i}, FLOAT, 2, out, WIRE);
      assertHalvesMatch(out.getInt(0), "write-then-read float32");
    });
    race.run(RACE);
    assertThat(seen).as("readers observed the writers' progress").hasSizeGreaterThan(1);
  }

  @Test
  void typedReadersNeverSeeTornTypedWrites() throws InterruptedException {
    // Values made of equal 16-bit words look the same in every word order (up to a byte swap of every word), so
    // writers and readers may use different orders and the "all words equal" check still holds.
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    Race race = new Race();
    race.thread(i -> {
      int v = word(i, 0);
      table.setFloat32(FLOAT, Float.intBitsToFloat(v << 16 | v), WordOrder.CDAB);
      table.setFloat64(DOUBLE, Double.longBitsToDouble(repeat4(v)), WordOrder.ABCD);
    });
    race.thread(i -> {
      int v = word(i, 1);
      table.setInt32(FLOAT, v << 16 | v, WordOrder.DCBA);
      table.setInt64(DOUBLE, repeat4(v), WordOrder.BADC);
    });
    race.thread(i -> {
      int bits = Float.floatToRawIntBits(table.getFloat32(FLOAT, WordOrder.CDAB));
      assertHalvesMatch(bits, "typed float32");
      seen.add(bits);
    });
    race.thread(i -> assertWordsMatch(
        Double.doubleToRawLongBits(table.getFloat64(DOUBLE, WordOrder.ABCD)), "typed float64"));
    race.thread(i -> assertWordsMatch(table.getInt64(DOUBLE, WordOrder.CDAB), "typed int64"));
    race.run(RACE);
    assertThat(seen).as("readers observed the writers' progress").hasSizeGreaterThan(1);
  }

  private static long repeat4(int word) {
    long w = word & 0xFFFF;
    return w << 48 | w << 32 | w << 16 | w;
  }

  @Test
  void wireAndTypedApisAreAtomicWithRespectToEachOther() throws InterruptedException {
    Race race = new Race();
    race.thread(i -> {
      int v = word(i, 0);
      table.setInt32(FLOAT, v << 16 | v, WordOrder.ABCD);
    });
    race.thread(i -> {
      short v = (short) word(i, 1);
      table.writeRegisters(FLOAT, new short[] {v, v}, WIRE);
    });
    race.thread(i -> {
      ByteBuffer out = ByteBuffer.allocate(4);
      table.readRegisters(FLOAT, 2, out);
      assertHalvesMatch(out.getInt(0), "wire read of typed write");
    });
    race.thread(i -> assertHalvesMatch(table.getInt32(FLOAT, WordOrder.BADC), "typed read of wire write"));
    race.run(RACE);
  }

  @Test
  void concurrentMaskWritesNeverLoseAnotherWritersBit() throws InterruptedException {
    // Each thread owns one bit of register 50 and flips it with function 22; a non-atomic read-modify-write by
    // another thread would resurrect the old value of this thread's bit.
    Race race = new Race();
    for (int bit = 0; bit < 4; bit++) {
      int mask = 1 << bit;
      race.thread(i -> {
        int value = (i & 1) == 0 ? mask : 0;
        table.maskWriteRegister(50, ~mask & 0xFFFF, value, WIRE);
        if ((table.get(50) & mask) != value) {
          throw new AssertionError("bit " + Integer.numberOfTrailingZeros(mask) + " lost at iteration " + i);
        }
      });
    }
    race.run(RACE);
  }

  @Test
  void manyVirtualThreadsWritingAndReading() throws InterruptedException {
    AtomicInteger tornOrMissing = new AtomicInteger();
    Race race = new Race().virtualThreads();
    for (int t = 0; t < 64; t++) {
      int id = t;
      race.thread(i -> {
        if (id % 4 == 0) {
          short v = (short) word(i, id);
          table.writeRegisters(FLOAT, new short[] {v, v}, WIRE);
        } else {
          ByteBuffer out = ByteBuffer.allocate(4);
          if (table.readRegisters(FLOAT, 2, out) != AccessStatus.OK) {
            tornOrMissing.incrementAndGet();
          }
          assertHalvesMatch(out.getInt(0), "float32 read on a virtual thread");
        }
      });
    }
    race.run(RACE);
    assertThat(tornOrMissing).hasValue(0);
  }
}
