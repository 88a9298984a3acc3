package dev.modbustoolkit.gateway;

import dev.modbustoolkit.server.core.UnitRange;
import java.util.Objects;

/**
 * Which upstream unit ids go to which downstream link, and as which unit there: unit {@code u} of {@code units}
 * becomes {@code targetFirst + (u - units.first())} downstream (the same id when {@code targetFirst} is {@code
 * units.first()}).
 *
 * @param units the upstream unit ids
 * @param downstream the name of the downstream link
 * @param targetFirst the downstream unit id of {@code units.first()}
 */
public record GatewayRoute(UnitRange units, String downstream, int targetFirst) {

  /** Checks that every mapped unit id is 1..247 and the name is not blank. */
  public GatewayRoute {
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(downstream, "downstream");
    if (downstream.isBlank()) {
      throw new IllegalArgumentException("downstream name is blank");
    }
    int last = targetFirst + units.last() - units.first();
    if (targetFirst < 1 || last > 247) {
      throw new IllegalArgumentException("units " + units.first() + ".." + units.last() + " mapped from "
          + targetFirst + " reach " + targetFirst + ".." + last + ", outside the device addresses 1..247");
    }
  }

  /**
   * {@return a route that keeps the unit ids}
   *
   * @param units the unit ids
   * @param downstream the downstream link's name
   */
  public static GatewayRoute of(UnitRange units, String downstream) {
    return new GatewayRoute(units, downstream, units.first());
  }

  /**
   * {@return the downstream unit id of upstream unit {@code unitId}}
   *
   * @param unitId an id within {@link #units()}
   */
  public int target(int unitId) {
    return targetFirst + unitId - units.first();
  }
}
