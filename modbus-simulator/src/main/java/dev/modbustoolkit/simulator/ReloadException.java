package dev.modbustoolkit.simulator;

/**
 * A reload ({@link Simulator#reload()}) that changed nothing: a file that cannot be read or is invalid, or a
 * profile whose register layout changed, which needs a restart. The running configuration is kept as it was.
 */
public final class ReloadException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a reload was refused. */
  public enum Reason {
    /** A file cannot be read or is not valid; the message names the file and the field. */
    BAD_FILE,
    /** The profile's register layout (maps, blocks, points) changed: only a restart can apply it. */
    RESTART_NEEDED
  }

  /** Why. */
  private final Reason reason;

  /**
   * A refused reload.
   *
   * @param reason why
   * @param message what, naming the file (and the field)
   */
  public ReloadException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** {@return why the reload was refused} */
  public Reason reason() {
    return reason;
  }
}
