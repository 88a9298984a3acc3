package dev.modbustoolkit.client;

/**
 * An answer came that is not a valid answer to the request: it does not decode, or its function code, quantity or
 * echoed fields differ from the request's (a broken device, or a late answer meant for another request).
 */
public final class ModbusProtocolException extends ModbusClientException {
  private static final long serialVersionUID = 1L;

  /**
   * A protocol violation.
   *
   * @param message what is wrong with the answer, naming the field
   * @param cause the decoder's exception, or null
   */
  public ModbusProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
