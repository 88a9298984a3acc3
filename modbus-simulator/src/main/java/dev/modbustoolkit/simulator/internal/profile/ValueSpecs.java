package dev.modbustoolkit.simulator.internal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.simulator.profile.ProfileException;
import dev.modbustoolkit.simulator.profile.ValueSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a point's {@code value}: its {@code type} chooses the kind, the other fields its parameters. */
final class ValueSpecs {
  private static final List<String> KINDS = List.of("constant", "ramp", "sawtooth", "triangle", "sine", "square",
      "toggle", "counter", "uniform", "normal", "random-walk", "steps", "csv", "first-order-lag");

  private ValueSpecs() {}

  static ValueSpec parse(Obj o, Path baseDir) {
    String typePath = o.pathOf("type");
    String kind = Values.text(o.req("type"), typePath).strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    ValueSpec spec;
    try {
      spec = switch (kind) {
        case "constant" -> new ValueSpec.Constant(num(o, "value"));
        case "ramp", "sawtooth" -> new ValueSpec.Ramp(num(o, "min"), num(o, "max"), period(o));
        case "triangle" -> new ValueSpec.Triangle(num(o, "min"), num(o, "max"), period(o));
        case "sine" -> new ValueSpec.Sine(num(o, "min"), num(o, "max"), period(o), fraction(o, "phase", 0));
        case "square", "toggle" -> new ValueSpec.Square(num(o, "low", 0), num(o, "high", 1), period(o),
            fraction(o, "duty", 0.5));
        case "counter" -> new ValueSpec.Counter(num(o, "start", 0), num(o, "step", 1),
            num(o, "max", Double.POSITIVE_INFINITY));
        case "uniform" -> new ValueSpec.UniformRandom(num(o, "min"), num(o, "max"));
        case "normal" -> new ValueSpec.NormalRandom(num(o, "mean"), nonNegative(o, "stddev"));
        case "random-walk" -> walk(o);
        case "steps" -> steps(o);
        case "csv" -> csv(o, baseDir);
        case "first-order-lag" -> new ValueSpec.FirstOrderLag(
            Values.text(o.req("setpoint"), o.pathOf("setpoint")).strip(),
            Values.positiveDuration(o.req("timeConstant"), o.pathOf("timeConstant")), num(o, "gain", 1));
        default -> throw new ProfileException(typePath, "unknown value type '" + kind + "' (expected one of "
            + KINDS + ")");
      };
    } catch (IllegalArgumentException e) {
      // What a record checks across fields (min above max, start outside the bounds).
      throw new ProfileException(o.path(), e.getMessage(), e);
    }
    o.done("a " + kind + " value");
    return spec;
  }

  private static double num(Obj o, String field) {
    return Values.doubleValue(o.req(field), o.pathOf(field));
  }

  private static double num(Obj o, String field, double absent) {
    JsonNode n = o.opt(field);
    return n == null ? absent : Values.doubleValue(n, o.pathOf(field));
  }

  private static double nonNegative(Obj o, String field) {
    double v = num(o, field);
    if (v < 0) {
      throw new ProfileException(o.pathOf(field), v + " is negative");
    }
    return v;
  }

  private static double fraction(Obj o, String field, double absent) {
    double v = num(o, field, absent);
    if (v < 0 || v > 1) {
      throw new ProfileException(o.pathOf(field), v + " out of range 0..1");
    }
    return v;
  }

  private static java.time.Duration period(Obj o) {
    return Values.positiveDuration(o.req("period"), o.pathOf("period"));
  }

  private static ValueSpec walk(Obj o) {
    double min = num(o, "min");
    double max = num(o, "max");
    if (min > max) {
      throw new ProfileException(o.pathOf("max"), max + " is below min " + min);
    }
    double start = num(o, "start", (min + max) / 2);
    if (start < min || start > max) {
      throw new ProfileException(o.pathOf("start"), start + " is outside min..max " + min + ".." + max);
    }
    return new ValueSpec.RandomWalk(start, nonNegative(o, "step"), min, max);
  }

  private static ValueSpec steps(Obj o) {
    String path = o.pathOf("steps");
    JsonNode list = Values.list(o.req("steps"), path, "steps");
    if (list.isEmpty()) {
      throw new ProfileException(path, "at least one step is needed");
    }
    List<ValueSpec.Step> steps = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Obj s = Obj.of(list.get(i), path + "[" + i + "]");
      steps.add(new ValueSpec.Step(Values.doubleValue(s.req("value"), s.pathOf("value")),
          Values.positiveDuration(s.req("hold"), s.pathOf("hold"))));
      s.done("a step");
    }
    return new ValueSpec.Steps(steps);
  }

  /** One number per line, or a column (by index from 0 or by its header) of comma-separated lines. */
  private static ValueSpec csv(Obj o, Path baseDir) {
    String filePath = o.pathOf("file");
    String name = Values.text(o.req("file"), filePath).strip();
    JsonNode columnNode = o.opt("column");
    Path file;
    try {
      file = baseDir.resolve(name);
    } catch (InvalidPathException e) {
      throw new ProfileException(filePath, "'" + name + "' is not a file path");
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      throw new ProfileException(filePath, file + " does not exist");
    } catch (IOException e) {
      throw new ProfileException(filePath, "cannot read " + file + ": " + e.getMessage());
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : lines) {
      if (!line.isBlank()) {
        rows.add(line.split(",", -1));
      }
    }
    if (rows.isEmpty()) {
      throw new ProfileException(filePath, file + " holds no values");
    }
    boolean header = !isNumber(rows.get(0)[0].strip())
        || columnNode != null && columnNode.isTextual() && !isNumber(columnNode.asText());
    int column = 0;
    if (columnNode != null) {
      if (columnNode.isTextual() && !isNumber(columnNode.asText())) {
        column = -1;
        String[] head = rows.get(0);
        for (int i = 0; i < head.length; i++) {
          if (head[i].strip().equals(columnNode.asText().strip())) {
            column = i;
          }
        }
        if (column < 0) {
          throw new ProfileException(o.pathOf("column"), "no column '" + columnNode.asText() + "' in the header of "
              + file);
        }
      } else {
        column = Values.intValue(columnNode, o.pathOf("column"), 0, 10_000);
      }
    }
    o.done("a csv value");
    List<Double> values = new ArrayList<>();
    for (int r = header ? 1 : 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      if (column >= row.length || !isNumber(row[column].strip())) {
        throw new ProfileException(filePath, file + " line " + (r + 1) + ": column " + column
            + " is not a number");
      }
      values.add(Double.parseDouble(row[column].strip()));
    }
    if (values.isEmpty()) {
      throw new ProfileException(filePath, file + " holds no values");
    }
    return new ValueSpec.CsvPlayback(file.toString(), values);
  }

  private static boolean isNumber(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
