package dev.modbustoolkit.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An input stream (a pty end, a child's pipe) read on a daemon thread of its own, so that no read can hang a test:
 * {@link #read} fails after its timeout with the bytes that did arrive. A blocked {@code FileInputStream.read} on a
 * pty cannot be interrupted, which is why a test must never call it on its own thread.
 */
public final class BoundedInput implements AutoCloseable {
  private static final byte[] END = new byte[0];

  private final InputStream in;
  private final String name;
  private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
  private byte[] pending = new byte[0];
  private boolean ended;

  private BoundedInput(InputStream in, String name) {
    this.in = in;
    this.name = name;
    Thread.ofPlatform().daemon().name("bounded-input-" + name).start(this::pump);
  }

  /** Starts reading {@code in} (named {@code name} in failure messages) on a daemon thread. */
  public static BoundedInput of(InputStream in, String name) {
    return new BoundedInput(in, name);
  }

  private void pump() {
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (n > 0) {
          chunks.add(Arrays.copyOf(buffer, n));
        }
      }
    } catch (IOException e) {
      // the end closed (a pty whose socat is gone reports EIO): the same as the end of the stream
    } finally {
      chunks.add(END);
    }
  }

  /**
   * Exactly {@code length} bytes (after those already taken).
   *
   * @throws AssertionError when they have not all arrived within {@code timeout}, or the stream ends first; the
   *     message holds the bytes that did arrive, in hex
   */
  public byte[] read(int length, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < length) {
      if (pending.length == 0) {
        byte[] chunk = ended ? null : chunks.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (chunk == END) {
          ended = true;
        }
        if (chunk == null || chunk == END) {
          throw new AssertionError(name + ": " + got.size() + " of " + length + " bytes "
              + (ended ? "before the end of the stream" : "within " + timeout) + ": ["
              + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(got.toByteArray()) + "]");
        }
        pending = chunk;
      }
      int take = Math.min(length - got.size(), pending.length);
      got.write(pending, 0, take);
      pending = Arrays.copyOfRange(pending, take, pending.length);
    }
    return got.toByteArray();
  }

  /** Every byte that arrives within {@code window} (after those already taken), possibly none. */
  public byte[] readFor(Duration window) throws InterruptedException {
    long deadline = System.nanoTime() + window.toNanos();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    got.writeBytes(pending);
    pending = new byte[0];
    while (!ended) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      byte[] chunk = chunks.poll(left, TimeUnit.NANOSECONDS);
      if (chunk == null) {
        break;
      }
      if (chunk == END) {
        ended = true;
      } else {
        got.writeBytes(chunk);
      }
    }
    return got.toByteArray();
  }

  /** Closes the stream; the reading thread ends with it (or, on a pty, when its socat is gone). */
  @Override
  public void close() throws IOException {
    in.close();
  }
}
