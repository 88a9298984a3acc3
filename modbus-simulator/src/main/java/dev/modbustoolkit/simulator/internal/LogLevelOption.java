package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.simulator.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The command line's {@code --log-level LEVEL}: a setting of the program's logging backend (slf4j-simple), not of
 * the simulated devices, so it is taken off the arguments before {@link OptionParser} sees them and never reaches
 * {@code SimulatorOptions}, which an embedding application builds without it.
 *
 * <p>slf4j-simple fixes a logger's level when the logger is created, and most loggers are created when their
 * class loads: the level must be in place before any of the toolkit's classes log, so the command line applies it
 * first of all. At {@code trace} every request is logged too ({@link RequestTrace}).
 */
public final class LogLevelOption {
  /** The option's name. */
  public static final String NAME = "--log-level";

  /** The system property slf4j-simple reads its default level from; a property beats its properties file. */
  public static final String PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  /** The levels slf4j-simple knows, most verbose last but {@code off}. */
  static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace", "off");

  /**
   * The arguments without the option, and its value.
   *
   * @param level the level given, lower case, null when the option was not given
   * @param rest the other arguments, in their order
   */
  public record Split(@Nullable String level, String[] rest) {
    /** Copies the arguments. */
    public Split {
      rest = rest.clone();
    }

    /** {@return the other arguments, in their order (a copy)} */
    @Override
    public String[] rest() {
      return rest.clone();
    }
  }

  private LogLevelOption() {}

  /**
   * Takes {@code --log-level LEVEL} (or {@code --log-level=LEVEL}) off a command line. Stops at {@code -h} or
   * {@code --help}, which wins over what follows it, as in {@link OptionParser}.
   *
   * @param args the command line
   * @return the level and the remaining arguments
   * @throws UsageException when the option has no value, an unknown one, or is given twice
   */
  public static Split split(String[] args) throws UsageException {
    Objects.requireNonNull(args, "args");
    String level = null;
    List<String> rest = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        for (int j = i; j < args.length; j++) {
          rest.add(args[j]);
        }
        break;
      }
      String value;
      if (arg.equals(NAME)) {
        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
          throw new UsageException("option " + NAME + " needs a value");
        }
        value = args[++i];
      } else if (arg.startsWith(NAME + "=")) {
        value = arg.substring(NAME.length() + 1);
      } else {
        rest.add(arg);
        continue;
      }
      if (level != null) {
        throw new UsageException("option " + NAME + " given more than once");
      }
      level = parse(value);
    }
    return new Split(level, rest.toArray(String[]::new));
  }

  private static String parse(String value) throws UsageException {
    String normalized = value.strip().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(normalized)) {
      throw new UsageException("option " + NAME + ": '" + value + "' is not one of " + String.join(", ", LEVELS));
    }
    return normalized;
  }

  /**
   * Makes {@code level} slf4j-simple's default level. Takes effect for the loggers created after it: call it before
   * anything logs (the command line does so first).
   *
   * @param level one of the levels {@link #split(String[])} returns
   */
  public static void apply(String level) {
    System.setProperty(PROPERTY, level);
  }
}
