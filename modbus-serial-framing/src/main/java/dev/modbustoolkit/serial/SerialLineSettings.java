package dev.modbustoolkit.serial;

import dev.modbustoolkit.serial.internal.CharacterTime;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character format and speed of a serial line (spec section 2.5). The spec's default is 19200 baud, 8 data
 * bits, even parity, 1 stop bit ("8E1"); 8N2 is its choice without parity and 8N1 is common practice, so all are
 * accepted. {@link SerialMode#validate(SerialLineSettings)} adds the mode's rule (RTU needs 8 data bits).
 *
 * @param baudRate bits per second, {@value #MIN_BAUD_RATE}..{@value #MAX_BAUD_RATE}
 * @param dataBits 7 or 8
 * @param parity none, even or odd
 * @param stopBits one or two
 */
public record SerialLineSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits) {
  /** The lowest accepted baud rate. */
  public static final int MIN_BAUD_RATE = 50;
  /** The highest accepted baud rate (the fastest standard Linux rate). */
  public static final int MAX_BAUD_RATE = 4_000_000;
  /** RTU's default: 19200 8E1. */
  public static final SerialLineSettings RTU_DEFAULT =
      new SerialLineSettings(19_200, 8, Parity.EVEN, StopBits.ONE);
  /** ASCII's default: 19200 7E1. */
  public static final SerialLineSettings ASCII_DEFAULT =
      new SerialLineSettings(19_200, 7, Parity.EVEN, StopBits.ONE);

  private static final Pattern FORMAT = Pattern.compile("([78])([NEO])([12])");

  /** Validates every field; the message names the field, the value and what is allowed. */
  public SerialLineSettings {
    Objects.requireNonNull(parity, "parity");
    Objects.requireNonNull(stopBits, "stopBits");
    if (baudRate < MIN_BAUD_RATE || baudRate > MAX_BAUD_RATE) {
      throw new IllegalArgumentException(
          "baud rate " + baudRate + " out of range " + MIN_BAUD_RATE + ".." + MAX_BAUD_RATE);
    }
    if (dataBits != 7 && dataBits != 8) {
      throw new IllegalArgumentException("data bits " + dataBits + " not 7 or 8");
    }
  }

  /**
   * Settings from a baud rate and the usual short notation, such as {@code of(19200, "8E1")} or {@code of(9600,
   * "7n2")}.
   *
   * @param baudRate the baud rate
   * @param format the format
   * @return the new {@code SerialLineSettings}
   * @throws IllegalArgumentException for a malformed format or an invalid value
   */
  public static SerialLineSettings of(int baudRate, String format) {
    Matcher m = FORMAT.matcher(format.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "line format '" + format + "' is not <data bits 7|8><parity N|E|O><stop bits 1|2>, e.g. 8E1");
    }
    return new SerialLineSettings(
        baudRate,
        Integer.parseInt(m.group(1)),
        Parity.parse(m.group(2)),
        StopBits.of(Integer.parseInt(m.group(3))));
  }

  /**
   * {@return the same settings at another baud rate}
   *
   * @param newBaudRate the new baud rate
   */
  public SerialLineSettings withBaudRate(int newBaudRate) {
    return new SerialLineSettings(newBaudRate, dataBits, parity, stopBits);
  }

  /**
   * {@return the same settings with another parity}
   *
   * @param newParity the new parity
   */
  public SerialLineSettings withParity(Parity newParity) {
    return new SerialLineSettings(baudRate, dataBits, newParity, stopBits);
  }

  /**
   * {@return the same settings with other stop bits}
   *
   * @param newStopBits the new stop bits
   */
  public SerialLineSettings withStopBits(StopBits newStopBits) {
    return new SerialLineSettings(baudRate, dataBits, parity, newStopBits);
  }

  /**
   * {@return the same settings with other data bits}
   *
   * @param newDataBits the new data bits
   */
  public SerialLineSettings withDataBits(int newDataBits) {
    return new SerialLineSettings(baudRate, newDataBits, parity, stopBits);
  }

  /**
   * Bits on the wire per character: start bit, data bits, parity bit if any, stop bits (11 for 8E1 and 8N2).
   *
   * @return the bits per character
   */
  public int bitsPerCharacter() {
    return 1 + dataBits + parity.bits() + stopBits.count();
  }

  /**
   * {@return how long one character takes on the wire: bits per character / baud, in nanoseconds rounded half up
   * (572,917 ns at 19200 8E1: 11 / 19200 s = 572,916.67 ns)}
   */
  public long characterNanos() {
    return CharacterTime.halvesNanos(2, bitsPerCharacter(), baudRate);
  }

  /** "19200 8E1". */
  @Override
  public String toString() {
    return baudRate + " " + dataBits + parity.letter() + stopBits.count();
  }
}
