package dev.modbustoolkit.server.core;

/**
 * What the dispatcher answers to a request for a unit id that no device serves. The default of
 * {@link ModbusDispatcher.Builder} is {@link #GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND}, which is what a TCP gateway
 * answers for a device that is absent. A server sharing a serial line with other devices should use
 * {@link #NO_RESPONSE}: requests for the others are not its business.
 */
public enum UnknownUnitPolicy {
  /** Send nothing, as a serial device does for a request addressed to another device. */
  NO_RESPONSE,
  /** Answer exception 0x0A (gateway path unavailable). */
  GATEWAY_PATH_UNAVAILABLE,
  /** Answer exception 0x0B (gateway target device failed to respond). */
  GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND
}
