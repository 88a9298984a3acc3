package dev.modbustoolkit.pdu;

/**
 * Thrown by PDU record constructors and factories when a value breaks a limit of the spec: a programming error
 * of the caller, hence an {@link IllegalArgumentException}.
 */
public final class PduValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final PduViolation violation;
  private final long offendingValue;

  /** The message names the field, the value and the allowed range. */
  public PduValueException(PduViolation violation, long offendingValue, String message) {
    super(message);
    this.violation = violation;
    this.offendingValue = offendingValue;
  }

  /** Which limit was broken. */
  public PduViolation violation() {
    return violation;
  }

  /** The value that broke it. */
  public long offendingValue() {
    return offendingValue;
  }
}
