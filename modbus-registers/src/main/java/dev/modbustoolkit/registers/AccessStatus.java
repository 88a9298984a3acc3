package dev.modbustoolkit.registers;

/**
 * Outcome of a wire-API access. The wire API returns a status rather than throwing so that a server answers a
 * refused request without allocating an exception.
 */
public enum AccessStatus {
  /** The access was performed. */
  OK,
  /**
   * At least one address of the request does not exist or its {@link AccessRule} forbids the operation, or the
   * request covers part of a {@linkplain RegisterTable.Builder#wholeValue whole value}; nothing was
   * read or changed. A server answers with exception code 02 (ILLEGAL_DATA_ADDRESS) in both cases.
   */
  ILLEGAL_ADDRESS;

  /** {@return whether this is {@link #OK}} */
  public boolean isOk() {
    return this == OK;
  }
}
