package dev.modbustoolkit.simulator.profile;

/** The four Modbus tables, as named in a profile ({@code coils}, {@code discrete-inputs}, ...). */
public enum Table {
  /** Read/write bits (FC 01, 05, 0F). */
  COILS(true),
  /** Read-only bits on the wire (FC 02). */
  DISCRETE_INPUTS(true),
  /** Read/write registers (FC 03, 06, 10, 16, 17). */
  HOLDING_REGISTERS(false),
  /** Read-only registers on the wire (FC 04). */
  INPUT_REGISTERS(false);

  private final boolean bits;

  Table(boolean bits) {
    this.bits = bits;
  }

  /** {@return whether the table holds bits (coils, discrete inputs) rather than registers} */
  public boolean isBits() {
    return bits;
  }

  /** {@return the name a profile uses: {@code holding-registers}} */
  public String profileName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
