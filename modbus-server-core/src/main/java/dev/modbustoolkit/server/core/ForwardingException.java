package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Completes a {@link ForwardingHandler}'s future exceptionally with the exception code to answer: for a handler
 * whose failures arrive as exceptions anyway (a client's timeout, a closed link), so that it need not translate them
 * into a {@link ForwardAnswer.Exceptional} itself. Any other exceptional completion is answered with
 * SERVER_DEVICE_FAILURE (04). The dispatcher looks through {@link java.util.concurrent.CompletionException} and
 * {@link java.util.concurrent.ExecutionException} wrappers for it.
 */
public final class ForwardingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The exception code to answer, 1..255. */
  private final int exceptionCode;

  /**
   * A failure to answer with {@code code}.
   *
   * @param code the exception code the request is answered with, e.g. {@link
   *     ExceptionCode#GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND} (0x0B)
   * @param message what went wrong, for logs
   * @param cause the underlying failure, or null
   */
  public ForwardingException(ExceptionCode code, String message, @Nullable Throwable cause) {
    this(Objects.requireNonNull(code, "code").code(), message, cause);
  }

  /**
   * A failure to answer with an exception code of the device's own, 1..255.
   *
   * @param exceptionCode the exception code the request is answered with, 1..255
   * @param message what went wrong, for logs
   * @param cause the underlying failure, or null
   * @throws IllegalArgumentException when {@code exceptionCode} is outside 1..255
   */
  public ForwardingException(int exceptionCode, String message, @Nullable Throwable cause) {
    super(message, cause);
    if (exceptionCode < 1 || exceptionCode > 0xFF) {
      throw new IllegalArgumentException("exception code " + exceptionCode + " out of range 1..255");
    }
    this.exceptionCode = exceptionCode;
  }

  /** {@return the exception code the request is answered with, 1..255} */
  public int exceptionCode() {
    return exceptionCode;
  }
}
