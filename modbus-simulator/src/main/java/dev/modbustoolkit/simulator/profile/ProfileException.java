package dev.modbustoolkit.simulator.profile;

/**
 * A profile that cannot be used: malformed YAML/JSON, a missing or unknown field, a bad value, points that do not
 * fit. The message starts with the path of the bad field, e.g. {@code units[0].points[3].type: ...}.
 */
public final class ProfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The path of the bad field; empty for the whole file. */
  private final String field;

  /**
   * An error at {@code field}.
   *
   * @param field the path of the field ({@code units[0].points[3].type}); empty for the whole file
   * @param message what is wrong
   */
  public ProfileException(String field, String message) {
    super(field.isEmpty() ? message : field + ": " + message);
    this.field = field;
  }

  /**
   * The same with a cause.
   *
   * @param field the path of the field; empty for the whole file
   * @param message what is wrong
   * @param cause the cause
   */
  public ProfileException(String field, String message, Throwable cause) {
    super(field.isEmpty() ? message : field + ": " + message, cause);
    this.field = field;
  }

  /** {@return the path of the bad field; empty when the file as a whole is unreadable} */
  public String field() {
    return field;
  }
}
