package dev.modbustoolkit.server.rtu.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.serial.RtuTiming;
import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.rtu.Bytes;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runner's overrun path: while the engine thread is held (here in the write of an answer), the reader keeps
 * stamping and queueing what the line delivers; once the queue is full, each further chunk is dropped and counted
 * as a character overrun, exactly once; the line is served again once the engine is free.
 *
 * <p>The frames are the serial line's well-known FC03 vectors (unit 1, holding register 0), written out with their
 * CRC rather than computed by the production CRC.
 */
@Timeout(60)
class SerialLineRunnerOverrunTest {
  /** Unit 1, FC03, address 0, quantity 1; CRC 84 0A. */
  private static final byte[] READ = HexFormat.of().parseHex("010300000001840a");
  /** Unit 1, FC03, two bytes, value 0x0000; CRC B8 44. */
  private static final String ANSWER_ZERO = "01 03 02 00 00 B8 44";
  /** The runner's queue holds this many chunks (SerialLineRunner.QUEUE_CHUNKS). */
  private static final int QUEUE_CHUNKS = 4096;
  private static final int DROPPED = 37;

  @Test
  void chunksBeyondAFullQueueAreCountedAsOverrunsOnceEachAndTheLineIsServedAgainAfterwards() throws Exception {
    CountDownLatch answerStarted = new CountDownLatch(1);
    CountDownLatch releaseAnswer = new CountDownLatch(1);
    List<String> answers = new CopyOnWriteArrayList<>();
    FrameOutput heldFirstAnswer = (bytes, offset, length) -> {
      byte[] copy = java.util.Arrays.copyOfRange(bytes, offset, offset + length);
      if (answers.isEmpty()) {
        answerStarted.countDown();
        try {
          if (!releaseAnswer.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the test never released the answer");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.IOException("interrupted", e);
        }
      }
      answers.add(Bytes.hex(copy));
    };
    ScriptedPort port = new ScriptedPort(answerStarted);
    RtuTiming timing = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO);
    ModbusDispatcher dispatcher =
        ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    SerialEngine engine = new SerialEngine(dispatcher, new SerialRequestContext("overrun-test", true),
        EngineSettings.serialLine(SerialMode.RTU, timing, 1), FaultPipeline.empty(), heldFirstAnswer,
        NanoClock.SYSTEM, new StatisticsCounters());
    AtomicInteger overruns = new AtomicInteger();
    try (SerialLineRunner runner = new SerialLineRunner(port, engine, overruns::incrementAndGet)) {
      runner.start();
      assertThat(answerStarted.await(20, TimeUnit.SECONDS)).as("the engine is writing the first answer").isTrue();
      assertThat(port.floodDone.await(20, TimeUnit.SECONDS)).as("the reader delivered the flood").isTrue();

      // The engine thread is held in the write: it took the request's chunk and nothing since, so the queue
      // filled with exactly QUEUE_CHUNKS chunks and every further one was dropped.
      assertThat(overruns.get()).isEqualTo(DROPPED);
      assertThat(answers).isEmpty();

      releaseAnswer.countDown();
      // The flood (a unit nobody serves, then silence) is drained and discarded; the next request is answered.
      port.sendAfterQuiet(READ);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (answers.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(answers).containsExactly(ANSWER_ZERO, ANSWER_ZERO);
      assertThat(overruns.get()).isEqualTo(DROPPED);
      assertThat(runner.isRunning()).isTrue();
    }
  }

  /**
   * A line that delivers the request, waits until the engine is writing its answer, then delivers {@code
   * QUEUE_CHUNKS + DROPPED} one-byte chunks as fast as the reader asks, then stays quiet but for what the test sends.
   */
  private static final class ScriptedPort implements PortHandle {
    private final CountDownLatch answerStarted;
    final CountDownLatch floodDone = new CountDownLatch(1);
    private final java.util.concurrent.BlockingQueue<byte[]> later = new java.util.concurrent.LinkedBlockingQueue<>();
    private int reads;
    private volatile boolean closed;

    ScriptedPort(CountDownLatch answerStarted) {
      this.answerStarted = answerStarted;
    }

    void sendAfterQuiet(byte[] frame) {
      later.add(frame);
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public boolean isPseudoTerminal() {
      return false;
    }

    @Override
    public boolean open(SerialLineSettings settings) {
      return true;
    }

    @Override
    public boolean openUnconfigured() {
      return true;
    }

    @Override
    public String lastError() {
      return "";
    }

    @Override
    public int read(byte[] buffer) throws java.io.IOException {
      if (closed) {
        return -1;
      }
      int n = reads++;
      if (n == 0) {
        System.arraycopy(READ, 0, buffer, 0, READ.length);
        return READ.length;
      }
      if (n == 1) {
        try {
          if (!answerStarted.await(20, TimeUnit.SECONDS)) {
            return 0;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
      }
      if (n <= QUEUE_CHUNKS + DROPPED) {
        // Unit 0x7F, which nobody serves: the engine drops whatever frame these bytes make.
        buffer[0] = 0x7F;
        return 1;
      }
      if (n == QUEUE_CHUNKS + DROPPED + 1) {
        // The reader asks again only after it queued (or dropped) the last chunk of the flood.
        floodDone.countDown();
      }
      try {
        byte[] next = later.poll(100, TimeUnit.MILLISECONDS);
        if (next == null) {
          return 0;
        }
        // Well beyond t3.5 after the flood: the request starts a frame of its own.
        Thread.sleep(50);
        System.arraycopy(next, 0, buffer, 0, next.length);
        return next.length;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      throw new UnsupportedOperationException("the engine writes through its FrameOutput");
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
