package dev.modbustoolkit.testkit;

import java.util.HexFormat;

/** Hex as tests write it: pairs of digits, spaces anywhere, either case ("01 03 00 6B"). */
public final class Hex {
  private static final HexFormat SPACED = HexFormat.ofDelimiter(" ").withUpperCase();

  private Hex() {}

  /**
   * The bytes of {@code hex}, whitespace ignored.
   *
   * @throws IllegalArgumentException on a non-hex character or an odd number of digits
   */
  public static byte[] parse(String hex) {
    String digits = hex.replaceAll("\\s+", "");
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits in \"" + hex + "\"");
    }
    return HexFormat.of().parseHex(digits);
  }

  /** Upper-case digit pairs separated by single spaces ("01 03 02 00 2A"); "" for no bytes. */
  public static String format(byte[] bytes) {
    return SPACED.formatHex(bytes);
  }

  /** {@link #format(byte[])} of {@code bytes[offset, offset + length)}. */
  public static String format(byte[] bytes, int offset, int length) {
    return SPACED.formatHex(bytes, offset, offset + length);
  }
}
