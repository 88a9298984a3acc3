package dev.modbustoolkit.serial.internal;

/**
 * After a request to another device, the next frame on the bus should be that device's response: it must be
 * parsed with the response's length rules, or it would be mistaken for a request. Remembers which unit and
 * function code to expect, until a deadline (the device may never answer).
 */
public final class ResponseExpectation {
  private int unitId = -1;
  private int functionCode;
  private long untilNanos;

  /** Expect a response of {@code unitId} to {@code functionCode} until {@code untilNanos}. */
  public void expect(int unitId, int functionCode, long untilNanos) {
    this.unitId = unitId;
    this.functionCode = functionCode;
    this.untilNanos = untilNanos;
  }

  /** Forget the expectation: the next frame came. */
  public void clear() {
    unitId = -1;
  }

  /**
   * Whether a frame from {@code unitId} with {@code functionCode} starting at {@code atNanos} is the expected
   * response (a normal response repeats the code, an exception response adds 0x80).
   */
  public boolean matches(int unitId, int functionCode, long atNanos) {
    return this.unitId >= 0
        && this.unitId == unitId
        && (functionCode & 0x7F) == this.functionCode
        && atNanos - untilNanos <= 0;
  }
}
