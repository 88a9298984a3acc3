package dev.modbustoolkit.pdu;

/**
 * A malformed PDU: the only exception {@link ModbusPduCodec}'s decoders throw. Stackless, because malformed
 * frames are normal traffic for a server and the stack trace tells nothing about the sender.
 */
public final class ModbusDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final PduViolation violation;
  private final int functionCode;
  private final long offendingValue;

  /**
   * @param functionCode the function code byte as received, -1 when there was none
   */
  public ModbusDecodeException(PduViolation violation, int functionCode, long offendingValue, String message) {
    super(message, null, false, false);
    this.violation = violation;
    this.functionCode = functionCode;
    this.offendingValue = offendingValue;
  }

  /** Why the PDU is malformed. */
  public PduViolation violation() {
    return violation;
  }

  /** The function code byte as received (with bit 0x80 for exception responses), -1 when unknown or empty. */
  public int functionCode() {
    return functionCode;
  }

  /** The field value that made the PDU invalid (a quantity, a byte count, a remaining length, ...). */
  public long offendingValue() {
    return offendingValue;
  }

  /** The exception code a server answers with: the violation's. */
  public ExceptionCode exceptionCode() {
    return violation.exceptionCode();
  }
}
