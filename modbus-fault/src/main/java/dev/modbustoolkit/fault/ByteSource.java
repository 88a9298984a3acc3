package dev.modbustoolkit.fault;

import java.util.Arrays;
import java.util.HexFormat;

/** Where extra or garbage bytes come from. */
public sealed interface ByteSource {

  /**
   * These exact bytes.
   *
   * @param bytes the bytes
   */
  record Given(byte[] bytes) implements ByteSource {
    /** Validates and copies. */
    public Given {
      if (bytes.length == 0 || bytes.length > 1024) {
        throw new IllegalArgumentException("bytes: " + bytes.length + " bytes, need 1..1024");
      }
      bytes = bytes.clone();
    }

    /** {@return a copy of the bytes} */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Given g && Arrays.equals(g.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Given[" + HexFormat.of().formatHex(bytes) + "]";
    }
  }

  /**
   * {@code count} random bytes from the fault's seeded stream.
   *
   * @param count how many bytes
   */
  record RandomBytes(int count) implements ByteSource {
    /** Validates. */
    public RandomBytes {
      if (count < 1 || count > 1024) {
        throw new IllegalArgumentException("random " + count + " out of range 1..1024");
      }
    }
  }

  /**
   * The frame's last {@code count} bytes again (all of it when shorter).
   *
   * @param count how many bytes
   */
  record RepeatLast(int count) implements ByteSource {
    /** Validates. */
    public RepeatLast {
      if (count < 1 || count > 1024) {
        throw new IllegalArgumentException("repeatLast " + count + " out of range 1..1024");
      }
    }
  }
}
