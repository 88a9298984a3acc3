package dev.modbustoolkit.server.core;

/** Why the dispatcher sent no response to a request, as counted by {@link DispatcherMetrics}. */
public enum NoResponseReason {
  /** No device serves the unit id and the {@link UnknownUnitPolicy} is {@link UnknownUnitPolicy#NO_RESPONSE}. */
  UNKNOWN_UNIT,
  /** A broadcast (unit 0 on a serial line): executed (when allowed) but never answered. */
  BROADCAST,
  /** The device is in listen-only mode (diagnostics sub-function 0x04) and the request is not a restart. */
  LISTEN_ONLY,
  /** The handler returned null (for example force listen-only mode, which the spec answers with nothing). */
  HANDLER_DECLINED,
  /** The PDU was empty or carried no function code an exception response could name. */
  MALFORMED
}
