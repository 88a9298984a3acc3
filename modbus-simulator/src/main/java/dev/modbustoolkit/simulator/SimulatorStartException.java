package dev.modbustoolkit.simulator;

import java.io.IOException;

/**
 * One of the simulator's servers could not start (a port in use, a serial device that does not exist); the
 * servers started before it have been stopped again. The message is meant for the user and names the server.
 */
public final class SimulatorStartException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the detail message
   * @param cause the cause
   */
  public SimulatorStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
