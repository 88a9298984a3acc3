package dev.modbustoolkit.registers;

/** Who caused a change reported to a listener. */
public enum ChangeOrigin {
  /** A Modbus client, through a server calling the wire API. */
  WIRE,
  /** Java code (a simulation, a test, an application) calling the table directly. */
  API
}
