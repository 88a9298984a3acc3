package dev.modbustoolkit.mbap;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/**
 * A source that hands out its bytes in small reads (okio's "one byte at a time" trick): read number {@code i}
 * delivers at most {@code chunkSizes[i % n]} bytes, as a slow TCP peer or a fragmenting network would.
 */
final class ChunkedChannel implements ReadableByteChannel {
  private final byte[] data;
  private final List<Integer> chunkSizes;
  private int offset;
  private int reads;
  private boolean open = true;

  ChunkedChannel(byte[] data, List<Integer> chunkSizes) {
    if (chunkSizes.isEmpty() || chunkSizes.stream().anyMatch(size -> size < 1)) {
      throw new IllegalArgumentException("chunk sizes must be >= 1: " + chunkSizes);
    }
    this.data = data.clone();
    this.chunkSizes = List.copyOf(chunkSizes);
  }

  /** Delivers exactly one byte per read. */
  static ChunkedChannel oneByteAtATime(byte[] data) {
    return new ChunkedChannel(data, List.of(1));
  }

  @Override
  public int read(ByteBuffer dst) {
    if (offset == data.length) {
      return -1;
    }
    int n = Math.min(Math.min(chunkSizes.get(reads++ % chunkSizes.size()), dst.remaining()), data.length - offset);
    dst.put(data, offset, n);
    offset += n;
    return n;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
