package dev.modbustoolkit.server.rtu.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a serial engine on a port with two threads.
 *
 * <p>Why two: the decoder needs to know when each chunk arrived and to act when a silence has lasted t3.5 (1.75
 * ms above 19200 baud). jSerialComm cannot time a read that precisely (its read timeouts map to VTIME, in tenths
 * of a second), and polling non-blocking reads would burn a core. So a reader thread sits in a semi-blocking read,
 * which returns as soon as bytes are there, stamps each chunk with {@link System#nanoTime()} and queues it; the
 * engine thread takes chunks from the queue and, when none comes, wakes at the decoder's silence deadline with a
 * timed queue poll (parkNanos: sub-millisecond on Linux). Stamps are taken under a lock the engine thread also
 * takes before declaring a silence, so a chunk stamped before "now" can never still be on its way.
 *
 * <p>Responses are written by the engine thread; meanwhile the reader keeps stamping what arrives, so timing
 * stays right across long fault delays. If the engine falls behind by a whole queue, chunks are dropped and
 * counted as character overruns (a server that cannot keep up with its line).
 */
public final class SerialLineRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SerialLineRunner.class);
  private static final int QUEUE_CHUNKS = 4096;
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long JOIN_MILLIS = 2_000;

  private record Chunk(byte[] bytes, long receivedNanos) {}

  private final PortHandle port;
  private final SerialEngine engine;
  private final Runnable onOverrun;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
  private final Object stampLock = new Object();
  private final Thread reader;
  private final Thread worker;
  private volatile boolean running;

  /**
   * A runner; {@link #start()} starts its threads.
   *
   * @param port an open port
   * @param engine the line's engine
   * @param onOverrun called (on the reader thread) for each dropped chunk
   */
  public SerialLineRunner(PortHandle port, SerialEngine engine, Runnable onOverrun) {
    this.port = Objects.requireNonNull(port, "port");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.onOverrun = Objects.requireNonNull(onOverrun, "onOverrun");
    this.reader = Thread.ofPlatform().daemon().name("modbus-serial-reader " + port.name()).unstarted(this::readLoop);
    this.worker = Thread.ofPlatform().daemon().name("modbus-serial " + port.name()).unstarted(this::engineLoop);
  }

  /** Starts reading and serving. */
  public void start() {
    running = true;
    reader.start();
    worker.start();
  }

  /** Whether both threads still run (false after {@link #close()} or when the device went away). */
  public boolean isRunning() {
    return running && reader.isAlive() && worker.isAlive();
  }

  private void readLoop() {
    byte[] buffer = new byte[4096];
    try {
      while (running) {
        int n = port.read(buffer);
        if (n < 0) {
          if (running) {
            LOG.error("Serial device {} failed or went away ({}): the server stops serving it", port.name(),
                port.lastError());
          }
          break;
        }
        if (n > 0) {
          byte[] bytes = Arrays.copyOf(buffer, n);
          boolean queued;
          synchronized (stampLock) {
            queued = queue.offer(new Chunk(bytes, System.nanoTime()));
          }
          if (!queued) {
            onOverrun.run();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      if (running) {
        LOG.error("Reading {} failed: the server stops serving it", port.name(), e);
      }
    } finally {
      running = false;
      worker.interrupt();
    }
  }

  private void engineLoop() {
    try {
      while (running || !queue.isEmpty()) {
        long deadline = engine.idleDeadlineNanos();
        long wait = deadline == Long.MAX_VALUE ? IDLE_POLL_NANOS : deadline - System.nanoTime();
        Chunk chunk = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : null;
        long now = 0;
        if (chunk == null) {
          synchronized (stampLock) {
            now = System.nanoTime();
            chunk = queue.poll();
          }
        }
        if (chunk != null) {
          engine.receive(chunk.bytes(), 0, chunk.bytes().length, chunk.receivedNanos());
        } else if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
          engine.idle(now);
        }
      }
    } catch (InterruptedException e) {
      // close() or the reader stopped: leave quietly.
    } catch (IOException | RuntimeException e) {
      if (running) {
        LOG.error("Serving {} failed: the server stops serving it", port.name(), e);
      }
    } finally {
      running = false;
    }
  }

  /** Stops both threads and closes the port and the engine. */
  @Override
  public void close() {
    running = false;
    port.close();
    worker.interrupt();
    try {
      reader.join(JOIN_MILLIS);
      worker.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    engine.close();
  }
}
