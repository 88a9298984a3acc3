package dev.modbustoolkit.client;

import dev.modbustoolkit.pdu.ExceptionCode;
import java.util.Optional;

/** The device answered the request with an exception response (function code + 0x80, then the exception code). */
public final class ModbusExceptionResponseException extends ModbusClientException {
  private static final long serialVersionUID = 1L;
  /** The unit that answered. */
  private final int unitId;
  /** The request's function code. */
  private final int functionCode;
  /** The exception code as received. */
  private final int exceptionCode;

  /**
   * An exception response received.
   *
   * @param unitId the unit that answered
   * @param functionCode the request's function code, 1..127
   * @param exceptionCode the exception code as received, 1..255
   */
  public ModbusExceptionResponseException(int unitId, int functionCode, int exceptionCode) {
    super("unit " + unitId + " answered function code 0x" + hex(functionCode) + " with exception 0x"
        + hex(exceptionCode) + ExceptionCode.of(exceptionCode).map(c -> " (" + c + ")").orElse(""), null);
    this.unitId = unitId;
    this.functionCode = functionCode;
    this.exceptionCode = exceptionCode;
  }

  private static String hex(int value) {
    return String.format("%02X", value);
  }

  /** {@return the unit that answered} */
  public int unitId() {
    return unitId;
  }

  /** {@return the function code of the request, without the 0x80 bit} */
  public int functionCode() {
    return functionCode;
  }

  /** {@return the exception code as received, 1..255} */
  public int exceptionCode() {
    return exceptionCode;
  }

  /** {@return the exception code as one of the spec's, or empty for a code the spec does not define} */
  public Optional<ExceptionCode> code() {
    return ExceptionCode.of(exceptionCode);
  }
}
