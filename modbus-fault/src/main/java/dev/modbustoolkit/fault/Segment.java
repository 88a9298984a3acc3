package dev.modbustoolkit.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A run of bytes to write after a pause.
 *
 * @param bytes the bytes, copied in and out; use {@link #buffer()} or {@link #writeTo} to avoid the copy
 * @param delayBeforeNanos how long to wait before writing them, measured from the end of the previous segment's
 *     transmission (for the first segment: from when the plan's execution starts, right after dispatch)
 */
public record Segment(byte[] bytes, long delayBeforeNanos) {

  /** Validates and copies. */
  public Segment {
    if (delayBeforeNanos < 0) {
      throw new IllegalArgumentException("delayBeforeNanos " + delayBeforeNanos + " is negative");
    }
    bytes = bytes.clone();
  }

  /** {@return a copy of the bytes} */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@return number of bytes} */
  public int length() {
    return bytes.length;
  }

  /** {@return a read-only view of the bytes (no copy)} */
  public ByteBuffer buffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /**
   * Writes the bytes (no delay, no flush).
   *
   * @param out the buffer to write into
   * @throws IOException if the I/O fails
   */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Segment s && s.delayBeforeNanos == delayBeforeNanos && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + Long.hashCode(delayBeforeNanos);
  }

  @Override
  public String toString() {
    return "Segment[delayBeforeNanos=" + delayBeforeNanos + ", bytes=" + HexFormat.of().formatHex(bytes) + "]";
  }
}
