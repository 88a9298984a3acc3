package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.simulator.ProfileOptions;
import dev.modbustoolkit.simulator.profile.RegisterMap;
import dev.modbustoolkit.simulator.profile.UnitProfile;
import java.util.ArrayList;
import java.util.List;

/** The start line that says what a profile holds and how to repeat the run. */
public final class ProfileSummary {
  private ProfileSummary() {}

  /**
   * {@return e.g. "Profile: energy-meter.yaml, units 1 (map meter: 12 points, 9 moving), seed 7 (from the file)."}
   *
   * @param options the profile options
   */
  public static String line(ProfileOptions options) {
    List<String> units = new ArrayList<>();
    for (UnitProfile u : options.content().units()) {
      RegisterMap map = options.content().maps().get(u.map());
      long moving = map.points().stream().filter(p -> p.value() != null).count();
      units.add(u.id() + (u.map().startsWith("units[") ? "" : " (map " + u.map() + ")") + ": "
          + map.points().size() + (map.points().size() == 1 ? " point, " : " points, ") + moving + " moving");
    }
    String seed = "seed " + options.seed() + switch (options.seedSource()) {
      case OPTION -> " (from --seed)";
      case FILE -> " (from the file)";
      case RANDOM -> " (random; repeat this run with --seed " + options.seed() + ")";
    };
    return "Profile: " + options.file() + ", unit " + String.join("; unit ", units) + "; " + seed + ".";
  }
}
