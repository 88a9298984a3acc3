package dev.modbustoolkit.pdu;

/**
 * Thrown by PDU record constructors and factories when a value breaks a limit of the spec: a programming error
 * of the caller, hence an {@link IllegalArgumentException}.
 */
public final class PduValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Which limit the value breaks. */
  private final PduViolation violation;
  /** The value that breaks it. */
  private final long offendingValue;

  /**
   * The message names the field, the value and the allowed range.
   *
   * @param violation the violation
   * @param offendingValue the offending value
   * @param message the detail message
   */
  public PduValueException(PduViolation violation, long offendingValue, String message) {
    super(message);
    this.violation = violation;
    this.offendingValue = offendingValue;
  }

  /** {@return which limit was broken} */
  public PduViolation violation() {
    return violation;
  }

  /** {@return the value that broke it} */
  public long offendingValue() {
    return offendingValue;
  }
}
