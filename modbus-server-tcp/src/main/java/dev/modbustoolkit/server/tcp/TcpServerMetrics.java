package dev.modbustoolkit.server.tcp;

/**
 * Transport-level counters of a {@link ModbusTcpServer}, live and thread-safe (each read is a current value, not a
 * consistent snapshot across counters). Request-level metrics (per function code, exception codes, latency) are
 * in the dispatcher's {@code DispatcherMetrics}.
 */
public interface TcpServerMetrics {
  /** Connections open now. */
  long activeConnections();

  /** Connections accepted and served since start (rejected ones excluded). */
  long acceptedConnections();

  /** Connections accepted and closed at once because of the connection limit. */
  long rejectedConnections();

  /** Connections closed to make room under {@link ConnectionLimitPolicy#EVICT_OLDEST_IDLE}. */
  long evictedConnections();

  /** Connections closed by the idle timeout. */
  long idleTimeouts();

  /** Connections closed because of an MBAP length outside 2..254. */
  long malformedFrames();

  /** Frames skipped because their protocol id was not 0. */
  long droppedFrames();

  /** Requests answered with SERVER_DEVICE_BUSY (0x06) because the handler overran the request timeout. */
  long requestTimeouts();

  /** Requests handed to the dispatcher. */
  long requests();

  /** Bytes received over all connections. */
  long bytesIn();

  /** Bytes sent over all connections. */
  long bytesOut();

  /** Errors of {@code accept()} itself (e.g. out of file descriptors). */
  long acceptErrors();
}
