package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.fault.config.FaultFile;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import dev.modbustoolkit.simulator.UsageException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads the fault file of {@code --faults}, turning every problem into a command line error. */
public final class FaultFiles {
  private FaultFiles() {}

  /**
   * Reads and checks a fault file.
   *
   * @throws UsageException when it cannot be read or is not a valid fault file; the message names the file and,
   *     for bad content, the field ({@code faults[2].trigger.probability: ...})
   */
  public static FaultFile load(Path file) throws UsageException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new UsageException("option --faults: " + file + " does not exist");
    } catch (CharacterCodingException e) {
      throw new UsageException("option --faults: " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new UsageException("option --faults: cannot read " + file + ": " + e);
    }
    try {
      return FaultFileLoader.parse(text, syntaxOf(file, text));
    } catch (FaultFileException e) {
      throw new UsageException("option --faults: " + file + ": " + e.getMessage());
    }
  }

  /**
   * JSON for a {@code .json} name, YAML for {@code .yaml} / {@code .yml}; otherwise JSON when the text starts
   * with '{' (JSON's errors are then the precise ones), else YAML.
   */
  public static FaultFileLoader.Syntax syntaxOf(Path file, String text) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".json")) {
      return FaultFileLoader.Syntax.JSON;
    }
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return FaultFileLoader.Syntax.YAML;
    }
    String start = text.startsWith("\uFEFF") ? text.substring(1) : text;
    return start.stripLeading().startsWith("{") ? FaultFileLoader.Syntax.JSON : FaultFileLoader.Syntax.YAML;
  }
}
