package dev.modbustoolkit.pdu;

/**
 * A malformed PDU: the only exception {@link ModbusPduCodec}'s decoders throw. Stackless, because malformed
 * frames are normal traffic for a server and the stack trace tells nothing about the sender.
 */
public final class ModbusDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the PDU is malformed. */
  private final PduViolation violation;
  /** The function code byte as received, -1 when there was none. */
  private final int functionCode;
  /** The value that breaks the rule. */
  private final long offendingValue;

  /**
   * Creates the exception for a malformed PDU.
   *
   * @param functionCode the function code byte as received, -1 when there was none
   * @param violation the violation
   * @param offendingValue the offending value
   * @param message the detail message
   */
  public ModbusDecodeException(PduViolation violation, int functionCode, long offendingValue, String message) {
    super(message, null, false, false);
    this.violation = violation;
    this.functionCode = functionCode;
    this.offendingValue = offendingValue;
  }

  /** {@return why the PDU is malformed} */
  public PduViolation violation() {
    return violation;
  }

  /** {@return the function code byte as received (with bit 0x80 for exception responses), -1 when unknown or empty} */
  public int functionCode() {
    return functionCode;
  }

  /** {@return the field value that made the PDU invalid (a quantity, a byte count, a remaining length, ...)} */
  public long offendingValue() {
    return offendingValue;
  }

  /** {@return the exception code a server answers with: the violation's} */
  public ExceptionCode exceptionCode() {
    return violation.exceptionCode();
  }
}
