package dev.modbustoolkit.pdu.internal;

/** Hex renderings for the toString of records with array components. */
public final class Hex {
  private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

  private Hex() {}

  /** Bytes as "[01 FF]". */
  public static String bytes(byte[] data) {
    StringBuilder sb = new StringBuilder(data.length * 3 + 2).append('[');
    for (int i = 0; i < data.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(DIGITS[(data[i] >>> 4) & 0xF]).append(DIGITS[data[i] & 0xF]);
    }
    return sb.append(']').toString();
  }

  /** Registers as "[0001 FFFF]". */
  public static String words(short[] data) {
    StringBuilder sb = new StringBuilder(data.length * 5 + 2).append('[');
    for (int i = 0; i < data.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      int v = data[i] & 0xFFFF;
      sb.append(DIGITS[v >>> 12]).append(DIGITS[(v >>> 8) & 0xF]).append(DIGITS[(v >>> 4) & 0xF])
          .append(DIGITS[v & 0xF]);
    }
    return sb.append(']').toString();
  }

  /** Bits as "[1011]", index 0 first. */
  public static String bits(boolean[] data) {
    StringBuilder sb = new StringBuilder(data.length + 2).append('[');
    for (boolean b : data) {
      sb.append(b ? '1' : '0');
    }
    return sb.append(']').toString();
  }
}
