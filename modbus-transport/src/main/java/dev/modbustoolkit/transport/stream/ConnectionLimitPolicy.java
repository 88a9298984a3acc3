package dev.modbustoolkit.transport.stream;

/** What a {@link StreamListener} does with a new client once its {@code maxConnections} connections are open. */
public enum ConnectionLimitPolicy {
  /**
   * Stop calling {@code accept()} until a connection closes. New clients wait in the kernel's listen backlog (their
   * connect may complete there, or time out once the backlog is full); nothing is closed.
   */
  REFUSE,

  /** Accept the new connection and close it at once; it is counted as rejected. */
  CLOSE_NEW,

  /**
   * Close the open connection that has been idle (no bytes received and no request in progress) the longest and
   * serve the new one in its place; if no connection can be evicted, the new one is closed as with
   * {@link #CLOSE_NEW}.
   */
  EVICT_OLDEST_IDLE
}
