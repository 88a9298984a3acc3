package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An exception response: function code + 0x80 on the wire, then the exception code. {@link #functionCode()} is
 * the original function code 1..127 (without 0x80); the exception code is 1..255 because devices send codes the
 * spec does not define.
 *
 * @param functionCode the function code
 * @param exceptionCode the exception code
 */
public record ExceptionResponse(int functionCode, int exceptionCode) implements ModbusResponse {
  /** Validates functionCode 1..127 (UNSUPPORTED_FUNCTION_CODE) and exceptionCode 1..255 (ILLEGAL_VALUE). */
  public ExceptionResponse {
    Checks.range(functionCode, 1, 0x7F, PduViolation.UNSUPPORTED_FUNCTION_CODE, "functionCode", "exception response");
    Checks.range(exceptionCode, 1, 0xFF, PduViolation.ILLEGAL_VALUE, "exceptionCode", "exception response");
  }

  /**
   * With a known exception code.
   *
   * @param functionCode the function code
   * @param code the code
   */
  public ExceptionResponse(int functionCode, ExceptionCode code) {
    this(functionCode, code.code());
  }

  /**
   * For a function code of the spec.
   *
   * @param functionCode the function code
   * @param code the code
   * @return the new {@code ExceptionResponse}
   */
  public static ExceptionResponse of(FunctionCode functionCode, ExceptionCode code) {
    return new ExceptionResponse(functionCode.code(), code.code());
  }

  /** {@return the exception code, if the spec defines it} */
  public Optional<ExceptionCode> knownExceptionCode() {
    return ExceptionCode.of(exceptionCode);
  }

  /**
   * Writes an exception response PDU at {@code out}'s position without building a record: the hot-path form for
   * servers that answer into a reused buffer. The first byte is always {@code (functionCode & 0x7F) | 0x80}, so a
   * function code byte that already carries 0x80 is not doubled and the low seven bits are never lost.
   *
   * @param functionCode the request's function code byte (only its low seven bits are used)
   * @param exceptionCode the exception code, 1..255 on the wire (only its low eight bits are written)
   * @param out the buffer to write into
   * @return 2, the number of bytes written (the position advances by as much)
   * @throws BufferOverflowException when {@code out} has fewer than two bytes remaining (nothing written)
   */
  public static int writeException(int functionCode, int exceptionCode, ByteBuffer out) {
    if (out.remaining() < 2) {
      throw new BufferOverflowException();
    }
    out.put((byte) ((functionCode & 0x7F) | ModbusLimits.EXCEPTION_OFFSET));
    out.put((byte) exceptionCode);
    return 2;
  }

  /**
   * As {@link #writeException(int, int, ByteBuffer)}, with an exception code of the spec.
   *
   * @param functionCode the function code
   * @param code the code
   * @param out the buffer to write into
   * @return the number of bytes written (2)
   */
  public static int writeException(int functionCode, ExceptionCode code, ByteBuffer out) {
    return writeException(functionCode, code.code(), out);
  }

  /** {@return the function code byte on the wire: functionCode | 0x80} */
  public int wireFunctionCode() {
    return functionCode | ModbusLimits.EXCEPTION_OFFSET;
  }
}
