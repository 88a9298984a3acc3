package dev.modbustoolkit.serial;

/** What a checked frame seen on the bus is: a master's request or a device's response. */
public enum FrameKind {
  /** A request from the master, to one unit or to all (broadcast, unit 0). */
  REQUEST,
  /** A response of some device; on a multi-drop bus usually another device's answer to the master. */
  RESPONSE
}
