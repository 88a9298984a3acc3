package dev.modbustoolkit.simulator.profile;

import java.util.Objects;

/** The engineering value of a point: a number (bools are 0 and 1) or, for string points, text. */
public sealed interface PointValue {

  /**
   * A number, after scale and offset.
   *
   * @param value the value
   */
  record Number(double value) implements PointValue {}

  /**
   * The text of a string point.
   *
   * @param value the text
   */
  record Text(String value) implements PointValue {
    /** Checks for null. */
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * {@return a number value}
   *
   * @param value the value
   */
  static PointValue of(double value) {
    return new Number(value);
  }

  /**
   * {@return a text value}
   *
   * @param value the text
   */
  static PointValue of(String value) {
    return new Text(value);
  }
}
