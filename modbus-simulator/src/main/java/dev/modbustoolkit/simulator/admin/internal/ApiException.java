package dev.modbustoolkit.simulator.admin.internal;

/**
 * A request the API refuses, answered with {@code status} and {@code {"error": message}}; the message names the
 * field or the thing that was not found.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status. */
  private final int status;

  /**
   * A refusal.
   *
   * @param status the HTTP status (400, 404, 409, ...)
   * @param message what was wrong, naming the field
   */
  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** {@return the HTTP status} */
  public int status() {
    return status;
  }

  /**
   * {@return a 400 about a field}
   *
   * @param field the field's name (a path such as {@code values[3]})
   * @param message what is wrong with it
   */
  public static ApiException badField(String field, String message) {
    return new ApiException(400, field + ": " + message);
  }

  /**
   * {@return a 404}
   *
   * @param message what does not exist
   */
  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
