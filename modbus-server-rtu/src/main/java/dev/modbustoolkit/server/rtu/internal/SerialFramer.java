package dev.modbustoolkit.server.rtu.internal;

/**
 * Splits the bytes of a serial line into frames. It is a pure state machine over timestamped chunks: it reads no
 * clock and starts no thread, so tests can feed any chunking at any (fake) time; the caller supplies time through
 * the chunk timestamps and {@link #idle(long)}. Not thread-safe: one thread feeds it.
 */
public sealed interface SerialFramer permits RtuFramer, AsciiFramer {

  /**
   * Bytes that arrived together.
   *
   * @param receivedNanos when they were received (the read returned), System.nanoTime scale; never earlier
   *     than the previous chunk's
   */
  void receive(byte[] bytes, int offset, int length, long receivedNanos);

  /** No byte arrived until {@code nowNanos}: lets the framer end or drop a frame on silence. */
  void idle(long nowNanos);

  /**
   * When {@link #idle(long)} has something to decide if nothing arrives before: a time on the nanoTime scale, or
   * {@link Long#MAX_VALUE} when nothing is pending.
   */
  long idleDeadlineNanos();
}
