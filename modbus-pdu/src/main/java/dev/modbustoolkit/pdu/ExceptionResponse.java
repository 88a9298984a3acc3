package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import java.util.Optional;

/**
 * An exception response: function code + 0x80 on the wire, then the exception code. {@link #functionCode()} is
 * the original function code 1..127 (without 0x80); the exception code is 1..255 because devices send codes the
 * spec does not define.
 */
public record ExceptionResponse(int functionCode, int exceptionCode) implements ModbusResponse {
  /** Validates functionCode 1..127 (UNSUPPORTED_FUNCTION_CODE) and exceptionCode 1..255 (ILLEGAL_VALUE). */
  public ExceptionResponse {
    Checks.range(functionCode, 1, 0x7F, PduViolation.UNSUPPORTED_FUNCTION_CODE, "functionCode", "exception response");
    Checks.range(exceptionCode, 1, 0xFF, PduViolation.ILLEGAL_VALUE, "exceptionCode", "exception response");
  }

  /** With a known exception code. */
  public ExceptionResponse(int functionCode, ExceptionCode code) {
    this(functionCode, code.code());
  }

  /** For a function code of the spec. */
  public static ExceptionResponse of(FunctionCode functionCode, ExceptionCode code) {
    return new ExceptionResponse(functionCode.code(), code.code());
  }

  /** The exception code, if the spec defines it. */
  public Optional<ExceptionCode> knownExceptionCode() {
    return ExceptionCode.of(exceptionCode);
  }

  /** The function code byte on the wire: functionCode | 0x80. */
  public int wireFunctionCode() {
    return functionCode | ModbusLimits.EXCEPTION_OFFSET;
  }
}
