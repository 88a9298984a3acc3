package dev.modbustoolkit.fault;

/**
 * How many leading bytes of a frame survive a truncation. The result is always shorter than the frame (at most
 * length - 1), so a cut always removes something.
 */
public sealed interface Cut {

  /** Half the frame: the default when a file names no cut. */
  Cut HALF = new Percent(50);

  /**
   * Keep the first {@code count} bytes.
   *
   * @param count how many bytes
   */
  record Bytes(int count) implements Cut {
    /** Validates. */
    public Bytes {
      if (count < 0 || count > 65535) {
        throw new IllegalArgumentException("bytes " + count + " out of range 0..65535");
      }
    }
  }

  /**
   * Keep the first {@code percent}% of the bytes (rounded down).
   *
   * @param percent the percent
   */
  record Percent(int percent) implements Cut {
    /** Validates. */
    public Percent {
      if (percent < 0 || percent > 99) {
        throw new IllegalArgumentException("percent " + percent + " out of range 0..99");
      }
    }
  }

  /** Keep only the header: the bytes before the function code (TCP: the 7-byte MBAP header; RTU: the address). */
  record HeaderOnly() implements Cut {}

  /**
   * {@return number of bytes kept of a {@code length}-byte frame in {@code format}}
   *
   * @param length the number of bytes
   * @param format the format
   */
  default int keep(int length, FrameFormat format) {
    int n =
        switch (this) {
          case Bytes b -> b.count();
          case Percent p -> (int) ((long) length * p.percent() / 100);
          case HeaderOnly h -> format.headerLength();
        };
    return Math.max(0, Math.min(n, length - 1));
  }
}
