package dev.modbustoolkit.simulator.profile;

import dev.modbustoolkit.simulator.internal.profile.ProfileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads device profiles, YAML or JSON, with the fault files' conventions (unknown fields are errors, names are
 * case-insensitive and take {@code -} or {@code _}, durations like {@code 200ms}).
 */
public final class ProfileLoader {

  /** The two syntaxes; YAML also reads JSON, but naming JSON gives JSON's stricter errors. */
  public enum Syntax {
    /** YAML 1.1 (as read by SnakeYAML). */
    YAML,
    /** JSON. */
    JSON
  }

  private ProfileLoader() {}

  /**
   * Loads a file: JSON when its name ends in {@code .json} or its text starts with an opening brace, YAML otherwise. CSV files
   * named by it are resolved against its directory.
   *
   * @param file the profile file
   * @return the profile
   * @throws IOException when it cannot be read
   * @throws ProfileException when its content is not a valid profile (the message names the field)
   */
  public static DeviceProfile load(Path file) throws IOException {
    String text = Files.readString(file);
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, syntaxOf(file, text), dir == null ? Path.of("") : dir);
  }

  /**
   * Parses profile text.
   *
   * @param text the text
   * @param syntax the syntax
   * @param baseDir where relative file names in it (CSV playback) are resolved
   * @return the profile
   * @throws ProfileException when it is not a valid profile (the message names the field)
   */
  public static DeviceProfile parse(String text, Syntax syntax, Path baseDir) {
    return ProfileParser.parse(text, syntax == Syntax.JSON, baseDir);
  }

  /**
   * {@return JSON for a {@code .json} name, YAML for {@code .yaml} / {@code .yml}; otherwise JSON when the text
   * starts with an opening brace, else YAML}
   *
   * @param file the file name
   * @param text its content
   */
  public static Syntax syntaxOf(Path file, String text) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return Syntax.JSON;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return Syntax.YAML;
    }
    String start = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return start.stripLeading().startsWith("{") ? Syntax.JSON : Syntax.YAML;
  }
}
