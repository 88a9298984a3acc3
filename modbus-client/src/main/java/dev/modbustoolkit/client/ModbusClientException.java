package dev.modbustoolkit.client;

/**
 * Why a request of a {@link ModbusClient} failed: the device answered with an exception ({@link
 * ModbusExceptionResponseException}), no answer came before the deadline ({@link ModbusTimeoutException}), the link
 * failed or is closed ({@link ModbusConnectionException}), or the answer was not an answer to the request ({@link
 * ModbusProtocolException}). A closed set, so a caller can switch over it without a default.
 */
public abstract sealed class ModbusClientException extends RuntimeException
    permits ModbusExceptionResponseException, ModbusTimeoutException, ModbusConnectionException,
        ModbusProtocolException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with a message.
   *
   * @param message what went wrong, naming the request
   * @param cause the underlying failure, or null
   */
  ModbusClientException(String message, Throwable cause) {
    super(message, cause);
  }
}
