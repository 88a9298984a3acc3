package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Writers of float32 register pairs (FC10) and readers (FC03) in parallel through the dispatcher: no torn value. */
class DispatcherConcurrencyTest {
  private static final int PAIRS = 10;
  private static final long RUN_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

  /**
   * Float bit patterns (about 8.0 to 9.9) with all-different high and low words (0x4100 + k, 0x1111 * (k + 1)),
   * so a pair mixing two writes' halves is never one of them; each write puts the same value into every pair, so a
   * read mixing two writes across pairs shows too.
   */
  private static final int[] VALUES = new int[15];

  static {
    for (int k = 0; k < VALUES.length; k++) {
      VALUES[k] = ((0x4100 + k) << 16) | (0x1111 * (k + 1));
    }
  }

  @Test
  @Timeout(20)
  void readersNeverSeeTornFloats() throws Exception {
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    write(dispatcher, ByteBuffer.allocate(260), VALUES[0]);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> failure = new AtomicReference<>();
    AtomicLong reads = new AtomicLong();
    AtomicLong writes = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      threads.add(Thread.ofPlatform().start(() -> {
        ByteBuffer out = ByteBuffer.allocate(260);
        while (!stop.get()) {
          write(dispatcher, out, VALUES[ThreadLocalRandom.current().nextInt(VALUES.length)]);
          writes.incrementAndGet();
        }
      }));
      threads.add(Thread.ofPlatform().start(() -> {
        ByteBuffer out = ByteBuffer.allocate(260);
        while (!stop.get()) {
          String problem = readAndCheck(dispatcher, out);
          reads.incrementAndGet();
          if (problem != null) {
            failure.compareAndSet(null, problem);
            stop.set(true);
          }
        }
      }));
    }
    long deadline = System.nanoTime() + RUN_NANOS;
    while (System.nanoTime() < deadline && !stop.get()) {
      Thread.sleep(20);
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }

    assertThat(failure.get()).isNull();
    assertThat(reads.get()).isPositive();
    assertThat(writes.get()).isPositive();
    assertThat(dispatcher.metrics().totalExceptions()).isZero();
  }

  private static void write(ModbusDispatcher dispatcher, ByteBuffer out, int bits) {
    ByteBuffer request = ByteBuffer.allocate(6 + 4 * PAIRS);
    request.put((byte) 0x10).putShort((short) 0).putShort((short) (2 * PAIRS)).put((byte) (4 * PAIRS));
    for (int i = 0; i < PAIRS; i++) {
      request.putInt(bits);
    }
    out.clear();
    int n = dispatcher.dispatch(Pdus.TCP, 1, request.flip(), out);
    if (n != 5) {
      throw new AssertionError("write answered with " + n + " bytes");
    }
  }

  private static String readAndCheck(ModbusDispatcher dispatcher, ByteBuffer out) {
    ByteBuffer request = ByteBuffer.allocate(5).put((byte) 0x03).putShort((short) 0).putShort((short) (2 * PAIRS));
    out.clear();
    int n = dispatcher.dispatch(Pdus.TCP, 1, request.flip(), out);
    if (n != 2 + 4 * PAIRS) {
      return "read answered with " + n + " bytes";
    }
    int first = out.getInt(2);
    if (!known(first)) {
      return "torn float: " + Integer.toHexString(first);
    }
    for (int i = 1; i < PAIRS; i++) {
      int bits = out.getInt(2 + 4 * i);
      if (bits != first) {
        return "pair " + i + " holds " + Integer.toHexString(bits) + ", pair 0 " + Integer.toHexString(first);
      }
    }
    return null;
  }

  private static boolean known(int bits) {
    for (int v : VALUES) {
      if (v == bits) {
        return true;
      }
    }
    return false;
  }
}
