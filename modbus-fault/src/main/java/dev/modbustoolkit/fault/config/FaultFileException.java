package dev.modbustoolkit.fault.config;

/**
 * A fault file that cannot be used: malformed YAML/JSON, a missing or unknown field, a bad value. The message
 * starts with the path of the bad field, e.g. {@code faults[2].trigger.probability: ...}.
 */
public final class FaultFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The path of the bad field; empty for the whole file. */
  private final String field;

  /**
   * An error at {@code field} (a path such as {@code faults[0].action.type}; empty for the whole file).
   *
   * @param field the field
   * @param message the detail message
   */
  public FaultFileException(String field, String message) {
    super(field.isEmpty() ? message : field + ": " + message);
    this.field = field;
  }

  /**
   * The same with a cause.
   *
   * @param field the field
   * @param message the detail message
   * @param cause the cause
   */
  public FaultFileException(String field, String message, Throwable cause) {
    super(field.isEmpty() ? message : field + ": " + message, cause);
    this.field = field;
  }

  /**
   * {@return the path of the bad field ({@code faults[1].action.base}); empty when the file as a whole is unreadable}
   */
  public String field() {
    return field;
  }
}
