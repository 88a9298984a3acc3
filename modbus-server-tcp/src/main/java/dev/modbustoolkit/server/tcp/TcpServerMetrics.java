package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;

/**
 * Transport-level counters of a {@link ModbusTcpServer}, live and thread-safe (each read is a current value, not a
 * consistent snapshot across counters). Request-level metrics (per function code, exception codes, latency) are
 * in the dispatcher's {@code DispatcherMetrics}.
 */
public interface TcpServerMetrics {
  /**
   * Connections open now.
   *
   * @return the number of active connections
   */
  long activeConnections();

  /**
   * Connections accepted and served since start (rejected ones excluded).
   *
   * @return the number of accepted connections
   */
  long acceptedConnections();

  /**
   * Connections accepted and closed at once because of the connection limit.
   *
   * @return the number of rejected connections
   */
  long rejectedConnections();

  /**
   * Connections closed to make room under {@link ConnectionLimitPolicy#EVICT_OLDEST_IDLE}.
   *
   * @return the number of evicted connections
   */
  long evictedConnections();

  /**
   * Connections closed by the idle timeout.
   *
   * @return the number of idle timeouts
   */
  long idleTimeouts();

  /**
   * Connections closed because of an MBAP length outside 2..254.
   *
   * @return the number of malformed frames
   */
  long malformedFrames();

  /** {@return frames skipped because their protocol id was not 0} */
  long droppedFrames();

  /** {@return requests answered with SERVER_DEVICE_BUSY (0x06) because the handler overran the request timeout} */
  long requestTimeouts();

  /**
   * {@return requests read and processed: handed to the dispatcher or answered / suppressed by a fault (requests
   * discarded by one-request-at-a-time are counted in {@link #discardedRequests()} instead)}
   */
  long requests();

  /** {@return requests on which at least one fault of the fault pipeline fired} */
  long faultedRequests();

  /**
   * {@return responses a fault suppressed entirely (no response, hold open, close without responding): counted here,
   * never as sent} A delayed, mangled or truncated response is not dropped.
   */
  long droppedResponses();

  /**
   * Pipelined requests read and discarded unanswered because a one-request-at-a-time fault fired.
   *
   * @return the number of discarded requests
   */
  long discardedRequests();

  /**
   * {@return requests on a bus framing (RTU or ASCII over TCP) for a unit this server does not serve: another device's,
   * left unanswered as on a serial line} Always 0 for Modbus TCP (MBAP).
   */
  long otherUnitRequests();

  /**
   * Connections closed by a fault (close directive, idle close, evict-oldest connection limit).
   *
   * @return the number of fault closed connections
   */
  long faultClosedConnections();

  /**
   * New connections a connection-limit fault refused (reset) or closed at once (FIN) without serving them.
   *
   * @return the number of fault refused connections
   */
  long faultRefusedConnections();

  /** {@return bytes received over all connections} */
  long bytesIn();

  /** {@return bytes sent over all connections} */
  long bytesOut();

  /**
   * Errors of {@code accept()} itself (e.g. out of file descriptors).
   *
   * @return how many times {@code accept()} failed
   */
  long acceptErrors();
}
