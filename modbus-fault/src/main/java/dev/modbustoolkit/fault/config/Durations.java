package dev.modbustoolkit.fault.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the fault files write them, for files and command lines alike: {@code 200ms}, {@code 1.5s},
 * {@code 250us}, {@code 100ns}, {@code 2m}, {@code 1h}, ISO-8601 ({@code PT0.2S}), or a bare number of milliseconds.
 */
public final class Durations {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)", Pattern.CASE_INSENSITIVE);
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

  private Durations() {}

  /**
   * {@return the duration {@code text} says}
   *
   * @param text the text
   * @param field the field or option it came from, for the message
   * @throws FaultFileException naming {@code field} when the text is not a duration, is negative or is longer than
   *     a year
   */
  public static Duration parse(String text, String field) {
    String s = text.strip();
    if (NUMBER.matcher(s).matches()) {
      return fromDecimal(new BigDecimal(s), 1_000_000L, field, s);
    }
    if (s.startsWith("-")) {
      throw new FaultFileException(field, "duration '" + s + "' is negative");
    }
    if (s.regionMatches(true, 0, "PT", 0, 2) || s.regionMatches(true, 0, "P", 0, 1) && s.length() > 1) {
      try {
        Duration d = Duration.parse(s);
        if (d.isNegative()) {
          throw new FaultFileException(field, "duration '" + s + "' is negative");
        }
        return d;
      } catch (DateTimeParseException e) {
        throw new FaultFileException(field, "'" + s + "' is not an ISO-8601 duration");
      }
    }
    Matcher m = DURATION.matcher(s);
    if (!m.matches()) {
      throw new FaultFileException(
          field, "'" + s + "' is not a duration (use e.g. 200ms, 1.5s, 250us, 100ns, 2m, 1h)");
    }
    long unitNanos =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m", "min" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    return fromDecimal(new BigDecimal(m.group(1)), unitNanos, field, s);
  }

  private static Duration fromDecimal(BigDecimal amount, long unitNanos, String field, String original) {
    BigDecimal nanos = amount.multiply(BigDecimal.valueOf(unitNanos));
    if (nanos.signum() < 0) {
      throw new FaultFileException(field, "duration '" + original + "' is negative");
    }
    if (nanos.compareTo(BigDecimal.valueOf(365L * 24 * 3_600_000_000_000L)) > 0) {
      throw new FaultFileException(field, "duration '" + original + "' is longer than a year");
    }
    return Duration.ofNanos(nanos.longValue());
  }
}
