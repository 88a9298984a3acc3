package dev.modbustoolkit.serial.internal;

/**
 * The estimated arrival time of each byte an RTU decoder has seen and not consumed, in a window of fixed capacity
 * indexed from {@link #head()} (the first unconsumed byte) to {@link #tail()}. Bytes seen together form a chunk:
 * the last arrived at the chunk's time, each earlier one a character time before the next (they needed that long
 * on the wire), but never before the previous chunk (faster-than-line delivery over a pty or TCP). A chunk larger
 * than the free room is registered in pieces, each once the decoder has decided enough bytes.
 */
public final class ArrivalTimes {
  private final long[] times;
  private int head;
  private int tail;
  private boolean receivedAny;
  private long lastChunkNanos;
  private long previous;
  private long chunkNanos;
  private long characterNanos;
  private int chunkLength;
  private int chunkDone;

  /** A window for {@code capacity} bytes. */
  public ArrivalTimes(int capacity) {
    this.times = new long[capacity];
  }

  /** Whether any chunk was seen yet. */
  public boolean receivedAny() {
    return receivedAny;
  }

  /** Bytes registered and not consumed. */
  public int registered() {
    return tail - head;
  }

  /** The index of the first unconsumed byte. */
  public int head() {
    return head;
  }

  /** One past the index of the last registered byte. */
  public int tail() {
    return tail;
  }

  /** The arrival time of the byte at index {@code i}. */
  public long at(int i) {
    return times[i];
  }

  /** The first {@code count} registered bytes were consumed. */
  public void consume(int count) {
    head += count;
  }

  /** Nothing is registered: start the indices again at 0. */
  public void reset() {
    head = 0;
    tail = 0;
  }

  /** {@code length} new bytes arrived together at {@code nanos}; register them with {@link #registerPiece()}. */
  public void startChunk(int length, long nanos, long characterNanos) {
    previous = receivedAny ? lastChunkNanos : Long.MIN_VALUE;
    receivedAny = true;
    lastChunkNanos = nanos;
    chunkNanos = nanos;
    this.characterNanos = characterNanos;
    chunkLength = length;
    chunkDone = 0;
  }

  /** Whether bytes of the current chunk are still to be registered. */
  public boolean chunkPending() {
    return chunkDone < chunkLength;
  }

  /**
   * Registers as many bytes of the current chunk as fit, first moving the window to index 0 when it is full.
   *
   * @return by how much the indices moved down (0 when the window was not moved)
   */
  public int registerPiece() {
    int shift = 0;
    if (tail == times.length) {
      shift = head;
      System.arraycopy(times, head, times, 0, tail - head);
      tail -= head;
      head = 0;
    }
    int n = Math.min(chunkLength - chunkDone, times.length - tail);
    for (int k = 0; k < n; k++) {
      long estimate = chunkNanos - (chunkLength - 1 - (chunkDone + k)) * characterNanos;
      previous = Math.max(previous, estimate);
      times[tail + k] = previous;
    }
    tail += n;
    chunkDone += n;
    return shift;
  }
}
