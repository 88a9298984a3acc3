package dev.modbustoolkit.transport;

/**
 * A byte stream can no longer be framed: its frame boundaries are lost (an MBAP length field out of range, for
 * instance). A stream link closes on it; a datagram link drops the datagram. Carries no stack trace: it is an
 * outcome of bad input, not a bug.
 */
public final class FramingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * With a message naming the field and the offending value.
   *
   * @param message the detail message
   */
  public FramingException(String message) {
    super(message, null, false, false);
  }
}
