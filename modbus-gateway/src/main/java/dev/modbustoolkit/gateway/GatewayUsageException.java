package dev.modbustoolkit.gateway;

/** A command line or routes file the gateway cannot run with: the message names the option or field. */
public final class GatewayUsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * A usage error.
   *
   * @param message what is wrong, naming the option or field
   */
  public GatewayUsageException(String message) {
    super(message);
  }
}
