package dev.modbustoolkit.simulator.internal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.simulator.profile.ProfileException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scalar conversions with errors that name the field, in the fault files' conventions: durations {@code 200ms},
 * {@code 1.5s}, ISO-8601 or milliseconds; integers decimal or hex; names case-insensitive with {@code -} or
 * {@code _} (or none: {@code holdingRegisters}).
 */
final class Values {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s|m|min|h)", Pattern.CASE_INSENSITIVE);

  private Values() {}

  static String describe(JsonNode n) {
    if (n.isTextual()) {
      return "text '" + n.asText() + "'";
    }
    if (n.isNumber()) {
      return "number " + n.asText();
    }
    if (n.isBoolean()) {
      return "boolean " + n.asText();
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "an object";
    }
    return n.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  static String text(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw new ProfileException(path, "expected text, found " + describe(n));
    }
    return n.asText();
  }

  /** "holding-registers", "holding_registers", "holdingRegisters" and "HOLDING_REGISTERS" are one name. */
  static String key(String name) {
    return name.strip().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E enumValue(JsonNode n, String path, Class<E> type) {
    String key = key(text(n, path));
    for (E e : type.getEnumConstants()) {
      if (key(e.name()).equals(key)) {
        return e;
      }
    }
    throw new ProfileException(path, "unknown value '" + n.asText() + "' (expected one of " + names(type) + ")");
  }

  static <E extends Enum<E>> List<String> names(Class<E> type) {
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      known.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return known;
  }

  static long longValue(JsonNode n, String path) {
    if (n.isIntegralNumber()) {
      if (!n.canConvertToLong()) {
        throw new ProfileException(path, "number " + n.asText() + " is too large");
      }
      return n.asLong();
    }
    if (n.isTextual()) {
      String s = n.asText().strip().replace("_", "");
      try {
        if (s.regionMatches(true, 0, "0x", 0, 2)) {
          return Long.parseLong(s.substring(2), 16);
        }
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new ProfileException(path, "expected an integer, found text '" + n.asText() + "'");
      }
    }
    throw new ProfileException(path, "expected an integer, found " + describe(n));
  }

  static int intValue(JsonNode n, String path, int min, int max) {
    long v = longValue(n, path);
    if (v < min || v > max) {
      throw new ProfileException(path, v + " out of range " + min + ".." + max);
    }
    return (int) v;
  }

  static double doubleValue(JsonNode n, String path) {
    double v;
    if (n.isNumber()) {
      v = n.asDouble();
    } else if (n.isTextual()) {
      try {
        v = Double.parseDouble(n.asText().strip());
      } catch (NumberFormatException e) {
        throw new ProfileException(path, "expected a number, found text '" + n.asText() + "'");
      }
    } else {
      throw new ProfileException(path, "expected a number, found " + describe(n));
    }
    if (!Double.isFinite(v)) {
      throw new ProfileException(path, "expected a finite number, found " + n.asText());
    }
    return v;
  }

  static boolean booleanValue(JsonNode n, String path) {
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    throw new ProfileException(path, "expected true or false, found " + describe(n));
  }

  /** "200ms", "1.5s", "PT0.2S", or a number of milliseconds; more than 0 and at most a year. */
  static Duration positiveDuration(JsonNode n, String path) {
    Duration d;
    if (n.isNumber()) {
      d = fromDecimal(n.decimalValue(), 1_000_000, path, n.asText());
    } else if (!n.isTextual()) {
      throw new ProfileException(path, "expected a duration like 200ms, found " + describe(n));
    } else {
      String s = n.asText().strip();
      if (s.regionMatches(true, 0, "P", 0, 1) && s.length() > 1) {
        try {
          d = Duration.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
          throw new ProfileException(path, "'" + s + "' is not an ISO-8601 duration");
        }
      } else {
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
          throw new ProfileException(path, "'" + s + "' is not a duration (use e.g. 200ms, 1.5s, 2m, 1h)");
        }
        long unitNanos = switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m", "min" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
        d = fromDecimal(new BigDecimal(m.group(1)), unitNanos, path, s);
      }
    }
    if (d.isNegative() || d.isZero()) {
      throw new ProfileException(path, "duration '" + n.asText() + "' must be more than 0");
    }
    if (d.compareTo(Duration.ofDays(365)) > 0) {
      throw new ProfileException(path, "duration '" + n.asText() + "' is longer than a year");
    }
    return d;
  }

  private static Duration fromDecimal(BigDecimal amount, long unitNanos, String path, String original) {
    BigDecimal nanos = amount.multiply(BigDecimal.valueOf(unitNanos));
    if (nanos.compareTo(BigDecimal.valueOf(366L * 24 * 3_600_000_000_000L)) > 0) {
      throw new ProfileException(path, "duration '" + original + "' is longer than a year");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  static JsonNode list(JsonNode n, String path, String what) {
    if (!n.isArray()) {
      throw new ProfileException(path, "expected a list of " + what + ", found " + describe(n));
    }
    return n;
  }
}
