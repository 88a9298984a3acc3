package dev.modbustoolkit.client;

/** Where a client's link is. */
public enum ConnectionState {
  /** Not connected; the next request (lazy) or the reconnect timer (eager) opens the link. */
  DISCONNECTED,
  /** Opening the link. */
  CONNECTING,
  /** Connected: requests are sent. */
  CONNECTED,
  /** Closed for good by {@link ModbusClient#close()}. */
  CLOSED
}
