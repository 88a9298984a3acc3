package dev.modbustoolkit.simulator.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.simulator.model.Point;
import dev.modbustoolkit.simulator.profile.PointSpec;
import dev.modbustoolkit.simulator.profile.PointType;
import dev.modbustoolkit.simulator.profile.PointValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** A point as the API shows it, and a JSON value as a point takes it. */
public final class PointJson {
  private PointJson() {}

  /**
   * {@return name, table, address, type, access, unit and the value now (boolean, number or text)}
   *
   * @param point the point
   */
  public static Map<String, Object> of(Point point) {
    PointSpec s = point.spec();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("table", Names.of(s.table()));
    m.put("address", s.address());
    m.put("type", s.type().profileName());
    m.put("access", Names.of(s.access()));
    m.put("unit", s.unit());
    m.put("value", value(point));
    return m;
  }

  private static Object value(Point point) {
    PointValue v = point.read();
    return switch (v) {
      case PointValue.Text t -> t.value();
      case PointValue.Number n -> point.spec().type() instanceof PointType.BoolType ? n.value() != 0 : number(n.value());
    };
  }

  /** Whole numbers as integers (a register's 2319, not 2319.0); NaN and infinities as text, which JSON lacks. */
  private static Object number(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
      return (long) d;
    }
    return d;
  }

  /**
   * {@return the value {@code node} gives {@code point}}
   *
   * @param point the point
   * @param node the body's "value"
   * @throws ApiException 400 naming {@code value} when it is of the wrong kind
   */
  public static PointValue parse(Point point, JsonNode node) {
    PointType type = point.spec().type();
    if (type instanceof PointType.StringType) {
      if (!node.isTextual()) {
        throw ApiException.badField("value", "point " + point.name() + " is a string: expected text");
      }
      return PointValue.of(node.textValue());
    }
    if (type instanceof PointType.BoolType && node.isBoolean()) {
      return PointValue.of(node.booleanValue() ? 1 : 0);
    }
    if (!node.isNumber()) {
      throw ApiException.badField("value", "point " + point.name() + " is a " + type.profileName() + ": expected "
          + (type instanceof PointType.BoolType ? "true, false, 0 or 1" : "a number"));
    }
    return PointValue.of(node.doubleValue());
  }
}
