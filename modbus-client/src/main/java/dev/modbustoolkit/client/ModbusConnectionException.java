package dev.modbustoolkit.client;

/**
 * The link could not be opened, failed while the request was on it, or the client is closed.
 */
public final class ModbusConnectionException extends ModbusClientException {
  private static final long serialVersionUID = 1L;

  /**
   * A connection failure.
   *
   * @param message what failed, naming the link
   * @param cause the I/O error, or null
   */
  public ModbusConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
