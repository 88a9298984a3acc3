package dev.modbustoolkit.fault.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.fault.config.Durations;
import dev.modbustoolkit.fault.config.FaultFileException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Scalar conversions with errors that name the field. */
final class Values {

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
      throw new FaultFileException(path, "expected text, found " + describe(n));
    }
    return n.asText();
  }

  /** A name as written, normalised to upper case with underscores ("close-new" -> "CLOSE_NEW"). */
  static String name(JsonNode n, String path) {
    return text(n, path).strip().replace('-', '_').toUpperCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E enumValue(JsonNode n, String path, Class<E> type) {
    String name = name(n, path);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    List<String> known = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      known.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new FaultFileException(path, "unknown value '" + n.asText() + "' (expected one of " + known + ")");
  }

  static long longValue(JsonNode n, String path) {
    if (n.isIntegralNumber()) {
      if (!n.canConvertToLong()) {
        throw new FaultFileException(path, "number " + n.asText() + " is too large");
      }
      return n.asLong();
    }
    if (n.isTextual()) {
      String s = n.asText().strip().replace("_", "");
      try {
        if (s.regionMatches(true, 0, "0x", 0, 2)) {
          return Long.parseLong(s.substring(2), 16);
        }
        if (s.regionMatches(true, 0, "-0x", 0, 3)) {
          return -Long.parseLong(s.substring(3), 16);
        }
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new FaultFileException(path, "expected an integer, found text '" + n.asText() + "'");
      }
    }
    throw new FaultFileException(path, "expected an integer, found " + describe(n));
  }

  static int intValue(JsonNode n, String path) {
    long v = longValue(n, path);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new FaultFileException(path, "number " + v + " is too large");
    }
    return (int) v;
  }

  static double doubleValue(JsonNode n, String path) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isTextual()) {
      try {
        return Double.parseDouble(n.asText().strip());
      } catch (NumberFormatException e) {
        throw new FaultFileException(path, "expected a number, found text '" + n.asText() + "'");
      }
    }
    throw new FaultFileException(path, "expected a number, found " + describe(n));
  }

  static boolean booleanValue(JsonNode n, String path) {
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    throw new FaultFileException(path, "expected true or false, found " + describe(n));
  }

  /** "200ms", "1.5s", "PT0.2S", or a number of milliseconds. */
  static Duration duration(JsonNode n, String path) {
    if (n.isNumber()) {
      return Durations.parse(n.decimalValue().toPlainString(), path);
    }
    if (!n.isTextual()) {
      throw new FaultFileException(path, "expected a duration like 200ms, found " + describe(n));
    }
    String text = n.asText().strip();
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.')) {
      // In a file a quoted number is a slip (which unit was meant?): only an unquoted number means milliseconds.
      throw new FaultFileException(path, "'" + text + "' is not a duration (give a unit, e.g. " + text
          + "ms, or write the number unquoted for milliseconds)");
    }
    return Durations.parse(text, path);
  }

  static Instant instant(JsonNode n, String path) {
    String s = text(n, path).strip();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        throw new FaultFileException(
            path, "'" + s + "' is not an ISO-8601 instant (e.g. 2025-01-31T08:00:00Z)");
      }
    }
  }

  /** A list of 0..255 integers or a hex string ("01 83 02", "018302", "01:83:02"). */
  static byte[] bytes(JsonNode n, String path) {
    if (n.isTextual()) {
      String hex = n.asText().replaceAll("0[xX]", "").replaceAll("[\\s:,]", "");
      try {
        return HexFormat.of().parseHex(hex);
      } catch (IllegalArgumentException e) {
        throw new FaultFileException(path, "'" + n.asText() + "' is not a hex byte string like \"01 83 02\"");
      }
    }
    if (n.isArray()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < n.size(); i++) {
        int v = intValue(n.get(i), path + "[" + i + "]");
        if (v < 0 || v > 255) {
          throw new FaultFileException(path + "[" + i + "]", "byte " + v + " out of range 0..255");
        }
        out.write(v);
      }
      return out.toByteArray();
    }
    throw new FaultFileException(path, "expected a list of bytes or a hex string, found " + describe(n));
  }

  /** A single value or a list of values. */
  static List<JsonNode> list(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    } else {
      out.add(n);
    }
    return out;
  }

  /** Path of a list element when the value was a list, else the field's path. */
  static String elementPath(JsonNode n, String path, int i) {
    return n.isArray() ? path + "[" + i + "]" : path;
  }
}
