package dev.modbustoolkit.mbap;

import java.util.HexFormat;

/** Test vectors written as the spec prints them: hex bytes separated by spaces. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String spacedHex) {
    return HexFormat.of().parseHex(spacedHex.replace(" ", ""));
  }

  static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] part : parts) {
      total += part.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }
}
