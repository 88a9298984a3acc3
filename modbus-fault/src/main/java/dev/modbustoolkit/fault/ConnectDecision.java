package dev.modbustoolkit.fault;

/** What the TCP server does with a newly accepted connection ({@link FaultPipeline#onConnect}). */
public enum ConnectDecision {
  /** Serve it. */
  ACCEPT,
  /**
   * Refuse it: abort the accepted socket at once (SO_LINGER 0, close: the client sees a reset) without reading,
   * as a device whose connection table is full.
   */
  REFUSE,
  /** Accept it, then close it gracefully (FIN) at once without reading: the client sees an orderly close. */
  CLOSE_NEW,
  /** Serve it and close the oldest open connection (FIN) to make room. */
  EVICT_OLDEST
}
