package dev.modbustoolkit.simulator.internal.profile;

import dev.modbustoolkit.simulator.profile.PointType;
import org.jspecify.annotations.Nullable;

/** Whether a raw value fits a point type, as a message when it does not. */
final class PointRange {
  private PointRange() {}

  static @Nullable String problem(PointType type, double raw) {
    return switch (type) {
      case PointType.BoolType b -> raw == 0 || raw == 1 ? null : "a bool is 0 or 1 (or true, false)";
      case PointType.BitfieldType b -> raw >= 0 && raw <= 0xFFFF && raw == Math.rint(raw) ? null
          : "a bitfield holds 0..65535";
      case PointType.StringType s -> null;
      case PointType.NumberType n -> {
        var f = n.format();
        if (f.isFloat()) {
          yield raw >= f.min() && raw <= f.max() ? null : "outside the range of " + n.profileName();
        }
        double rounded = Math.rint(raw);
        yield rounded >= f.min() && rounded < f.max() + (f.registers() == 4 ? 0 : 1) ? null
            : "raw value " + rounded + " outside the range of " + n.profileName();
      }
    };
  }
}
