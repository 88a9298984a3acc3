package dev.modbustoolkit.fault;

/**
 * Where a fault's trigger counters (matches for skip-first / every-Nth, activations for at-most-K) and its random
 * number stream live.
 */
public enum Scope {
  /** One set of counters for the whole server: every connection and unit counts together. */
  SERVER,
  /** One set of counters per unit id, shared by all connections. */
  UNIT,
  /** One set of counters per connection (TCP) or port (RTU), starting afresh with each new connection. */
  CONNECTION
}
