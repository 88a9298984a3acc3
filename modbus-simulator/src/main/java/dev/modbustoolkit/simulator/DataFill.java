package dev.modbustoolkit.simulator;

/**
 * What every unit's data model holds when the simulator starts ({@code --fill}).
 */
public enum DataFill {
  /** Every coil and discrete input is off and every register is 0. */
  ZERO,
  /**
   * Values a client can check without knowing what ran before: holding register and input register {@code i} hold
   * {@code i & 0xFFFF}, coil and discrete input {@code i} are on exactly when {@code i % 3 == 0}, over each table's
   * whole address range. This is what load generators such as {@code loadgen -V 1} validate; writing the pattern
   * back (FC16 of register {@code i} = {@code i}, as {@code loadgen -k fc16} does) leaves it unchanged.
   */
  PATTERN
}
