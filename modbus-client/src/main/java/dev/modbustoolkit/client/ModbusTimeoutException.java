package dev.modbustoolkit.client;

import java.time.Duration;

/**
 * No answer came before the request's deadline, which covers the wait in the queue, the write and the answer. A
 * request that timed out while still queued was never sent ({@link #wasSent()}).
 */
public final class ModbusTimeoutException extends ModbusClientException {
  private static final long serialVersionUID = 1L;
  /** Whether the request had been written. */
  private final boolean sent;

  /**
   * A timeout.
   *
   * @param request what timed out, for the message
   * @param timeout the deadline that passed
   * @param sent whether the request had been written to the link
   */
  public ModbusTimeoutException(String request, Duration timeout, boolean sent) {
    super(request + (sent ? " got no answer within " : " was still queued after ") + timeout.toMillis() + " ms",
        null);
    this.sent = sent;
  }

  /** {@return whether the request had been written to the link when the deadline passed} */
  public boolean wasSent() {
    return sent;
  }
}
