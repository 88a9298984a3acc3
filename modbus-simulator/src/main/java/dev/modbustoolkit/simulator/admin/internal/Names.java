package dev.modbustoolkit.simulator.admin.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The API's spelling of enum constants: the profile files' own ({@code HOLDING_REGISTERS} is {@code holding-registers}). */
public final class Names {
  private Names() {}

  /**
   * {@return the constant in lower case, words joined by '-'}
   *
   * @param constant the enum constant
   */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * {@return the constant of {@code type} spelled {@code name}, or null}
   *
   * @param type the enum
   * @param name its API spelling
   * @param <E> the enum type
   */
  public static <E extends Enum<E>> @Nullable E parse(Class<E> type, String name) {
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(name)) {
        return e;
      }
    }
    return null;
  }
}
