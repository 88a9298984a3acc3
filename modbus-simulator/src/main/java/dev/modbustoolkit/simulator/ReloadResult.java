package dev.modbustoolkit.simulator;

/**
 * What a reload ({@link Simulator#reload()}, {@code POST /api/reload}, SIGHUP) did.
 *
 * @param faults how many faults the fault file now holds (the pipeline's whole content), or -1 without a fault file
 * @param profile what became of the profile
 */
public record ReloadResult(int faults, ProfileOutcome profile) {

  /** What a reload did to the profile. */
  public enum ProfileOutcome {
    /** The simulator runs without a profile file. */
    NONE,
    /** The file's content is as before: nothing changed. */
    UNCHANGED,
    /** The file changed within the same register layout: every point is back at its (new) initial value. */
    RESET
  }
}
