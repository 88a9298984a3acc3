package dev.modbustoolkit.transport;

import java.io.IOException;

/**
 * The sending side of one link, as the fault-plan interpreter ({@link Exchange#answerWithFaults}) drives it: a
 * stream connection, a datagram peer, a serial line. Implemented by each transport; called from the thread serving
 * the link. Connection-level outcomes (FIN, RST, hold-open) are returned to the transport, which alone knows how
 * to close its link.
 */
public interface Link {
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
