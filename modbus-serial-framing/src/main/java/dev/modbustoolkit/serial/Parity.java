package dev.modbustoolkit.serial;

import java.util.Locale;

/** The parity bit of a serial character (spec section 2.5.1: even is the default, odd and none are allowed). */
public enum Parity {
  /** No parity bit; the spec then asks for two stop bits. */
  NONE('N'),
  /** Even parity: the spec's default. */
  EVEN('E'),
  /** Odd parity. */
  ODD('O');

  private final char letter;

  Parity(char letter) {
    this.letter = letter;
  }

  /** {@return the letter used in "8E1"-style notation: N, E or O} */
  public char letter() {
    return letter;
  }

  /**
   * Bits this parity adds to a character: 0 or 1.
   *
   * @return the bits
   */
  public int bits() {
    return this == NONE ? 0 : 1;
  }

  /**
   * Parses a letter or a name, case-insensitive: {@code N}/{@code none}, {@code E}/{@code even}, {@code
   * O}/{@code odd}.
   *
   * @param text the text
   * @return the {@code Parity}
   * @throws IllegalArgumentException for anything else
   */
  public static Parity parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    for (Parity p : values()) {
      if (t.equals(String.valueOf(p.letter)) || t.equals(p.name())) {
        return p;
      }
    }
    throw new IllegalArgumentException("parity '" + text + "' is not one of N, E, O (none, even, odd)");
  }
}
