package dev.modbustoolkit.registers;

/**
 * What a Modbus client may do with a range of addresses.
 *
 * <p>Rules govern the wire API only (the status-returning methods of {@link BitTable} and {@link RegisterTable});
 * the Java API used by simulations may read and write every existing address whatever its rule.
 */
public enum AccessRule {
  /** Clients may read and write. */
  READ_WRITE(true, true),
  /** Clients may read; a write is refused with ILLEGAL_DATA_ADDRESS. */
  READ_ONLY(true, false),
  /** Clients may write; a read is refused with ILLEGAL_DATA_ADDRESS. */
  WRITE_ONLY(false, true),
  /** The addresses exist (the Java API can use them) but clients can neither read nor write them. */
  NO_ACCESS(false, false);

  private final boolean readable;
  private final boolean writable;

  AccessRule(boolean readable, boolean writable) {
    this.readable = readable;
    this.writable = writable;
  }

  /** {@return whether a client read of an address with this rule is allowed} */
  public boolean isReadable() {
    return readable;
  }

  /** {@return whether a client write of an address with this rule is allowed} */
  public boolean isWritable() {
    return writable;
  }
}
