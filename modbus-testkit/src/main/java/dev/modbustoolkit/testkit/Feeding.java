package dev.modbustoolkit.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How an {@link InMemoryLink} delivers a byte stream, read by read: whole, one byte at a time (okio's
 * {@code ONE_BYTE_AT_A_TIME} source, "likely to trigger bugs"), or in given chunk sizes.
 */
public sealed interface Feeding {
  /** Every byte in one read. */
  Feeding WHOLE = new Whole();

  /** One read per byte. */
  Feeding ONE_BYTE_AT_A_TIME = new OneByteAtATime();

  /** Every byte in one read. */
  record Whole() implements Feeding {}

  /** One read per byte. */
  record OneByteAtATime() implements Feeding {}

  /**
   * Reads of these sizes in turn, starting over when they run out (so {@code Chunks(3)} is three bytes a read).
   *
   * @param sizes each at least 1, at least one size
   */
  record Chunks(List<Integer> sizes) implements Feeding {
    /** Validates and copies. */
    public Chunks {
      sizes = List.copyOf(sizes);
      if (sizes.isEmpty() || sizes.stream().anyMatch(s -> s < 1)) {
        throw new IllegalArgumentException("chunk sizes must be at least 1, and at least one given: " + sizes);
      }
    }
  }

  /** Reads of these sizes in turn, starting over when they run out. */
  static Feeding chunks(Integer... sizes) {
    return new Chunks(List.of(sizes));
  }

  /** The reads {@code stream} arrives in under this feeding; an empty stream is no read. */
  default List<byte[]> split(byte[] stream) {
    List<byte[]> reads = new ArrayList<>();
    int at = 0;
    int next = 0;
    while (at < stream.length) {
      int size =
          switch (this) {
            case Whole w -> stream.length;
            case OneByteAtATime o -> 1;
            case Chunks c -> c.sizes().get(next++ % c.sizes().size());
          };
      int end = Math.min(stream.length, at + size);
      reads.add(Arrays.copyOfRange(stream, at, end));
      at = end;
    }
    return reads;
  }
}
