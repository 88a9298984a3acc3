package dev.modbustoolkit.simulator;

/** A command line the simulator cannot accept; the message says which option and why. */
public final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message for the user.
   *
   * @param message the detail message
   */
  public UsageException(String message) {
    super(message);
  }
}
