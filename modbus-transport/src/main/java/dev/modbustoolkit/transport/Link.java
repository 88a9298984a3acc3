package dev.modbustoolkit.transport;

import dev.modbustoolkit.fault.Segment;
import dev.modbustoolkit.fault.TransmissionPlan;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The sending side of one link, as the fault-plan interpreter ({@link Exchange#answerWithFaults}) drives it: a
 * stream connection, a datagram peer, a serial line. Implemented by each transport; called from the thread serving
 * the link. Connection-level outcomes (FIN, RST, hold-open) are returned to the transport, which alone knows how
 * to close its link.
 */
public interface Link {
  /**
   * Sends segment {@code index} of {@code transmission} when its time has come. By default: waits the segment's
   * delay, then {@link #send}s it. A link with timing rules of its own (a serial line's turnaround and character
   * times) overrides this.
   *
   * @param segment the bytes and the delay before them
   * @param index the segment's place in the plan, from 0
   * @param transmission the whole plan (whether it keeps the inter-frame silence, say)
   * @throws IOException when the link fails
   * @throws InterruptedException when the wait is interrupted
   */
  default void sendSegment(Segment segment, int index, TransmissionPlan transmission)
      throws IOException, InterruptedException {
    long delay = segment.delayBeforeNanos();
    if (delay > 0) {
      TimeUnit.NANOSECONDS.sleep(delay);
    }
    byte[] bytes = segment.bytes();
    send(bytes, 0, bytes.length);
  }

  /**
   * Sends {@code bytes[offset, offset + length)} now, as one write that reaches the peer before this returns (a
   * flushed stream write, one datagram), so the delays between segments reach the peer as gaps.
   *
   * @param bytes the bytes
   * @param offset the index of the first byte
   * @param length the number of bytes
   * @throws IOException if the I/O fails
   */
  void send(byte[] bytes, int offset, int length) throws IOException;

  /**
   * Called once before the segments of a plan with more than one are sent (a TCP link turns Nagle off).
   *
   * @throws IOException if the I/O fails
   */
  default void beforeSegments() throws IOException {}

  /**
   * One-request-at-a-time fired: every request whose first byte has arrived by now is to be discarded unanswered.
   * Called just before the answer's last segment is sent (at once when nothing is sent), so a request the peer
   * sends once it has the answer is served.
   *
   * @throws IOException if the I/O fails
   */
  default void discardReceived() throws IOException {}
}
