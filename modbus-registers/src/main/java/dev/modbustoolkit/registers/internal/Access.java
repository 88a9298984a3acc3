package dev.modbustoolkit.registers.internal;

import dev.modbustoolkit.registers.AccessRule;

/** The permission an operation needs; {@link #ANY} is the Java API, which ignores access rules. */
public enum Access {
  /** Only existence is checked. */
  ANY,
  /** Every address must be readable from the wire. */
  READ,
  /** Every address must be writable from the wire. */
  WRITE;

  boolean permittedBy(AccessRule rule) {
    return switch (this) {
      case ANY -> true;
      case READ -> rule.isReadable();
      case WRITE -> rule.isWritable();
    };
  }
}
