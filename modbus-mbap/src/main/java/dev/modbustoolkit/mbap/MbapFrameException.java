package dev.modbustoolkit.mbap;

/**
 * A malformed MBAP header at the head of a Modbus TCP stream. Stackless: bad frames are normal traffic for a
 * server, and the stack would only ever point into the decoder.
 *
 * <p>What the caller does next depends on {@link #frameDropped()}: when true the decoder has already consumed the
 * offending frame and decoding can continue with the next one; when false nothing was consumed, the frame
 * boundary is lost and the connection must be closed.
 *
 * <p>The header fields are reported raw, as read from the wire, for logging.
 */
public final class MbapFrameException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Which rule the header breaks. */
  private final MbapViolation violation;
  /** The value that breaks it, raw. */
  private final long offendingValue;
  /** The transaction id field, raw. */
  private final int transactionId;
  /** The protocol id field, raw. */
  private final int protocolId;
  /** The length field, raw. */
  private final int length;
  /** The unit id field, raw. */
  private final int unitId;

  /**
   * Creates the exception for a header read from the wire.
   *
   * @param violation what is wrong
   * @param transactionId the raw transaction id field
   * @param protocolId the raw protocol id field
   * @param length the raw length field
   * @param unitId the raw unit id field
   */
  public MbapFrameException(MbapViolation violation, int transactionId, int protocolId, int length, int unitId) {
    super(message(violation, transactionId, protocolId, length, unitId), null, false, false);
    this.violation = violation;
    this.offendingValue = violation == MbapViolation.PROTOCOL_ID_NOT_MODBUS ? protocolId : length;
    this.transactionId = transactionId;
    this.protocolId = protocolId;
    this.length = length;
    this.unitId = unitId;
  }

  private static String message(MbapViolation violation, int transactionId, int protocolId, int length, int unitId) {
    String what =
        switch (violation) {
          case PROTOCOL_ID_NOT_MODBUS ->
              "protocol id " + protocolId + " is not Modbus (" + MbapHeader.MODBUS_PROTOCOL_ID + "); frame dropped";
          case LENGTH_TOO_SHORT, LENGTH_TOO_LONG ->
              "length " + length + " out of range " + MbapHeader.MIN_LENGTH + ".." + MbapHeader.MAX_LENGTH
                  + "; frame boundary lost, close the connection";
        };
    return violation + ": " + what + " (transaction id " + transactionId + ", unit id " + unitId + ")";
  }

  /** {@return what is wrong with the header} */
  public MbapViolation violation() {
    return violation;
  }

  /** {@return the field value that broke the rule: the protocol id or the length field} */
  public long offendingValue() {
    return offendingValue;
  }

  /** {@return the transaction id field of the offending header (useful for logging only)} */
  public int transactionId() {
    return transactionId;
  }

  /** {@return the protocol id field of the offending header} */
  public int protocolId() {
    return protocolId;
  }

  /** {@return the length field of the offending header} */
  public int length() {
    return length;
  }

  /** {@return the unit id field of the offending header} */
  public int unitId() {
    return unitId;
  }

  /**
   * {@return true when the decoder consumed the offending frame and the caller may continue decoding; false when
   * nothing was consumed and the caller must close the connection}
   */
  public boolean frameDropped() {
    return violation.frameBoundaryKnown();
  }
}
