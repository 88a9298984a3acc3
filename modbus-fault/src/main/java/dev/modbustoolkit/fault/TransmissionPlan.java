package dev.modbustoolkit.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What the transport writes for one response, and what it does with the connection afterwards.
 *
 * <p>Executing it: for each segment in order, wait {@link Segment#delayBeforeNanos()}, write its bytes and flush
 * (TCP: with TCP_NODELAY so segments leave separately; RTU: wait until the bytes have left the UART, e.g.
 * {@code length * characterTime}, before timing the next gap). Then apply {@link #after()}: CLOSE_FIN = close;
 * CLOSE_RST = {@code setSoLinger(true, 0)} then close; HOLD_OPEN = stop reading and answering, keep the socket.
 * An RTU server keeps at least 3.5 character times of silence before the first segment unless
 * {@link #interFrameSilence()} is false.
 *
 * @param segments the byte runs; empty when nothing is to be sent
 * @param after the connection directive to apply once every segment was written
 * @param perByteTiming true when gaps inside a frame matter at character resolution (inter-character gaps,
 *     per-byte jitter, split frames): write each segment separately and drain it before the next delay
 * @param interFrameSilence false when the RTU server must NOT wait the usual 3.5 characters of silence before the
 *     first segment (an inter-frame violation fault); the first segment's delay is then measured from the end of
 *     the request
 */
public record TransmissionPlan(
    List<Segment> segments, ConnectionDirective after, boolean perByteTiming, boolean interFrameSilence) {

  /** Validates and copies. */
  public TransmissionPlan {
    segments = List.copyOf(segments);
    Objects.requireNonNull(after, "after");
  }

  /**
   * {@return the frame unchanged, in one segment without delay}
   *
   * @param frame the frame
   * @param length the number of bytes
   */
  public static TransmissionPlan unchanged(byte[] frame, int length) {
    return new TransmissionPlan(
        List.of(new Segment(java.util.Arrays.copyOf(frame, length), 0)),
        ConnectionDirective.KEEP_OPEN,
        false,
        true);
  }

  /** {@return all segments' bytes, concatenated: what the peer receives} */
  public byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(length());
    for (Segment s : segments) {
      out.writeBytes(s.bytes());
    }
    return out.toByteArray();
  }

  /** {@return total number of bytes} */
  public int length() {
    int n = 0;
    for (Segment s : segments) {
      n += s.length();
    }
    return n;
  }

  /** {@return sum of all segment delays} */
  public long totalDelayNanos() {
    long n = 0;
    for (Segment s : segments) {
      n += s.delayBeforeNanos();
    }
    return n;
  }

  /** {@return true when no byte is to be sent} */
  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /**
   * Executes the segments on a stream: waits each delay, writes and flushes each segment. The directive is left
   * to the caller (it needs the socket). Suits a TCP socket's stream; a serial port needs draining as described
   * above.
   *
   * @param out the buffer to write into
   * @throws IOException if the I/O fails
   * @throws InterruptedException when interrupted while waiting (nothing more is written)
   */
  public void writeTo(OutputStream out) throws IOException, InterruptedException {
    for (Segment s : segments) {
      long delay = s.delayBeforeNanos();
      if (delay > 0) {
        TimeUnit.NANOSECONDS.sleep(delay);
      }
      s.writeTo(out);
      out.flush();
    }
  }
}
