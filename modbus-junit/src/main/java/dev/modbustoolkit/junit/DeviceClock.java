package dev.modbustoolkit.junit;

/** What moves a simulated device's values: the system clock, or the test ({@link SimulatorHandle#advance}). */
public enum DeviceClock {
  /** The values move with real time from the start, as in the simulator run from the command line. */
  SYSTEM,
  /**
   * The values stay at tick 0 until the test moves time on with {@link SimulatorHandle#advance}: every run sees
   * the same values at the same moments.
   */
  MANUAL
}
