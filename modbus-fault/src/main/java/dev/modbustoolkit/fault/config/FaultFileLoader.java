package dev.modbustoolkit.fault.config;

import dev.modbustoolkit.fault.config.internal.FaultFileParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads fault files (format: see the package documentation). Needs Jackson (jackson-databind,
 * jackson-dataformat-yaml) at run time.
 */
public final class FaultFileLoader {

  /** The two syntaxes; YAML also reads JSON, but naming JSON gives JSON's stricter errors. */
  public enum Syntax {
    /** YAML 1.1 (as read by SnakeYAML). */
    YAML,
    /** JSON. */
    JSON
  }

  private FaultFileLoader() {}

  /**
   * Loads a file: JSON when its name ends in {@code .json}, YAML otherwise.
   *
   * @param file the file
   * @return the {@code FaultFile}
   * @throws IOException when it cannot be read
   * @throws FaultFileException when its content is not a valid fault file
   */
  public static FaultFile load(Path file) throws IOException {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    Syntax syntax = name.endsWith(".json") ? Syntax.JSON : Syntax.YAML;
    return parse(Files.readString(file), syntax);
  }

  /**
   * Parses fault file text.
   *
   * @param text the text
   * @param syntax the syntax
   * @return the {@code FaultFile}
   * @throws FaultFileException when it is not a valid fault file
   */
  public static FaultFile parse(String text, Syntax syntax) {
    return FaultFileParser.parse(text, syntax == Syntax.JSON);
  }

  /**
   * Parses YAML text.
   *
   * @param text the text
   * @return the {@code FaultFile}
   */
  public static FaultFile parseYaml(String text) {
    return parse(text, Syntax.YAML);
  }

  /**
   * Parses JSON text.
   *
   * @param text the text
   * @return the {@code FaultFile}
   */
  public static FaultFile parseJson(String text) {
    return parse(text, Syntax.JSON);
  }
}
