package dev.modbustoolkit.registers.internal;

import dev.modbustoolkit.registers.WordOrder;
import java.nio.charset.StandardCharsets;

/**
 * Places multi-register values in registers according to a {@link WordOrder}.
 *
 * <p>A value of {@code n} registers is handled as a {@code long} whose 16-bit words are numbered by significance,
 * word 0 being the most significant. Word {@code k} is stored at register position {@code k}, or {@code n - 1 - k}
 * when the order swaps words, with its bytes exchanged when the order swaps bytes.
 */
public final class WordCodec {

  private WordCodec() {}

  /** The 16-bit content of the register at {@code position} (0-based from the value's address). */
  public static short register(long raw, int registers, int position, WordOrder order) {
    int significance = order.wordsSwapped() ? registers - 1 - position : position;
    short word = (short) (raw >>> (16 * (registers - 1 - significance)));
    return order.bytesSwapped() ? Short.reverseBytes(word) : word;
  }

  /** The raw value of {@code registers} registers starting at {@code src[index]}, zero-extended. */
  public static long decode(short[] src, int index, int registers, WordOrder order) {
    long raw = 0;
    for (int significance = 0; significance < registers; significance++) {
      int position = order.wordsSwapped() ? registers - 1 - significance : significance;
      short word = src[index + position];
      if (order.bytesSwapped()) {
        word = Short.reverseBytes(word);
      }
      raw = (raw << 16) | (word & 0xFFFF);
    }
    return raw;
  }

  /**
   * Encodes {@code text} (ISO-8859-1, one byte per character, two per register, padded with 0x00) into
   * {@code registers} registers.
   *
   * @throws IllegalArgumentException when the text is longer than {@code 2 * registers} characters or has a
   *     character above U+00FF
   */
  public static short[] encodeString(String text, int registers, WordOrder order) {
    if (text.length() > 2 * registers) {
      throw new IllegalArgumentException(
          "string of " + text.length() + " characters does not fit in " + registers + " registers");
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0xFF) {
        throw new IllegalArgumentException("character U+" + Integer.toHexString(text.charAt(i)).toUpperCase()
            + " at index " + i + " is not ISO-8859-1");
      }
    }
    byte[] bytes = new byte[2 * registers];
    byte[] encoded = text.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(encoded, 0, bytes, 0, encoded.length);
    short[] result = new short[registers];
    for (int significance = 0; significance < registers; significance++) {
      short word = (short) (((bytes[2 * significance] & 0xFF) << 8) | (bytes[2 * significance + 1] & 0xFF));
      int position = order.wordsSwapped() ? registers - 1 - significance : significance;
      result[position] = order.bytesSwapped() ? Short.reverseBytes(word) : word;
    }
    return result;
  }

  /** Decodes registers written by {@link #encodeString}; trailing 0x00 bytes (the padding) are removed. */
  public static String decodeString(short[] src, WordOrder order) {
    int registers = src.length;
    byte[] bytes = new byte[2 * registers];
    for (int significance = 0; significance < registers; significance++) {
      int position = order.wordsSwapped() ? registers - 1 - significance : significance;
      short word = src[position];
      if (order.bytesSwapped()) {
        word = Short.reverseBytes(word);
      }
      bytes[2 * significance] = (byte) (word >> 8);
      bytes[2 * significance + 1] = (byte) word;
    }
    int length = bytes.length;
    while (length > 0 && bytes[length - 1] == 0) {
      length--;
    }
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }
}
