package dev.modbustoolkit.serial;

/** The two transmission modes of Modbus over Serial Line (spec section 2.5); a bus carries one mode only. */
public enum SerialMode {
  /** Binary frames delimited by silences, checked by a CRC-16; 8 data bits. */
  RTU,
  /** Frames as hex text from ':' to CR LF, checked by an LRC; 7 data bits by default. */
  ASCII;

  /** {@return the spec's default line settings for this mode: 19200 8E1 for RTU, 19200 7E1 for ASCII} */
  public SerialLineSettings defaultLineSettings() {
    return switch (this) {
      case RTU -> SerialLineSettings.RTU_DEFAULT;
      case ASCII -> SerialLineSettings.ASCII_DEFAULT;
    };
  }

  /**
   * Checks that {@code settings} suit this mode: RTU needs 8 data bits (every byte value is data); ASCII sends
   * only 7-bit characters, so 7 or 8 data bits both work.
   *
   * @param settings the settings
   * @throws IllegalArgumentException when they do not
   */
  public void validate(SerialLineSettings settings) {
    if (this == RTU && settings.dataBits() != 8) {
      throw new IllegalArgumentException(
          "RTU mode needs 8 data bits, got " + settings + " (7 data bits are for ASCII mode)");
    }
  }
}
