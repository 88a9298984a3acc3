package dev.modbustoolkit.fault;

/**
 * The pipeline as seen by one connection (TCP) or port (RTU): holds the connection-scoped trigger counters and the
 * connection's request count and age. Not thread-safe: use it from the connection's thread. Sees faults added,
 * replaced or removed at any time; {@link #close()} it when the connection ends.
 */
public interface FaultSession {

  /** {@return the connection this session serves} */
  ConnectionInfo connection();

  /**
   * Evaluates every request fault's trigger once for this request (counting checks and activations) and returns
   * what fired: {@link FaultPlan#NONE} when nothing did, or after {@link #close()}.
   *
   * @param request the request
   * @return the {@code FaultPlan}
   */
  FaultPlan plan(RequestInfo request);

  /**
   * {@return how long this connection may stay without a request before the server closes it with {@link
   * #idleCloseDirective()}, in nanoseconds; -1 for never} Fixed when the session opened (an idle-close fault added
   * later applies to later connections).
   */
  long idleCloseNanos();

  /**
   * CLOSE_FIN or CLOSE_RST for an idle close; KEEP_OPEN when there is none.
   *
   * @return the idle close directive
   */
  ConnectionDirective idleCloseDirective();

  /** Releases the connection's state. */
  void close();
}
