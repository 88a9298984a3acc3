package dev.modbustoolkit.simulator.profile;

import dev.modbustoolkit.registers.AccessRule;

/** What a Modbus client may do with a point or an address block. */
public enum Access {
  /** Clients read it; a write answers exception 02. */
  READ_ONLY(AccessRule.READ_ONLY),
  /** Clients read and write it. */
  READ_WRITE(AccessRule.READ_WRITE),
  /** Clients write it; a read answers exception 02. */
  WRITE_ONLY(AccessRule.WRITE_ONLY);

  private final AccessRule rule;

  Access(AccessRule rule) {
    this.rule = rule;
  }

  /** {@return the register store's rule for it} */
  public AccessRule rule() {
    return rule;
  }
}
