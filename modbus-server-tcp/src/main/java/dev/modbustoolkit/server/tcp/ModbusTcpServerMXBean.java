package dev.modbustoolkit.server.tcp;

/**
 * JMX view of a running {@link ModbusTcpServer}, registered as {@code
 * dev.modbustoolkit:type=ModbusTcpServer,name=<server name>} in the platform MBean server while the server runs.
 * Only open types, so any JMX console (jconsole, VisualVM, jmxterm) can read it without the server's classes.
 */
public interface ModbusTcpServerMXBean {
  /** The server's name (also the {@code name} key of the object name). */
  String getName();

  /** The bound address as {@code host:port}. */
  String getLocalAddress();

  /** Whether the server is accepting connections. */
  boolean isRunning();

  /** The configured connection limit. */
  int getMaxConnections();

  /** The {@link ConnectionLimitPolicy} in force, by name. */
  String getConnectionLimitPolicy();

  /** The {@link IoMode}, by name. */
  String getIoMode();

  /** See {@link TcpServerMetrics#activeConnections()}. */
  long getActiveConnections();

  /** See {@link TcpServerMetrics#acceptedConnections()}. */
  long getAcceptedConnections();

  /** See {@link TcpServerMetrics#rejectedConnections()}. */
  long getRejectedConnections();

  /** See {@link TcpServerMetrics#evictedConnections()}. */
  long getEvictedConnections();

  /** See {@link TcpServerMetrics#idleTimeouts()}. */
  long getIdleTimeouts();

  /** See {@link TcpServerMetrics#malformedFrames()}. */
  long getMalformedFrames();

  /** See {@link TcpServerMetrics#droppedFrames()}. */
  long getDroppedFrames();

  /** See {@link TcpServerMetrics#requestTimeouts()}. */
  long getRequestTimeouts();

  /** See {@link TcpServerMetrics#requests()}. */
  long getRequests();

  /** See {@link TcpServerMetrics#bytesIn()}. */
  long getBytesIn();

  /** See {@link TcpServerMetrics#bytesOut()}. */
  long getBytesOut();

  /** See {@link TcpServerMetrics#acceptErrors()}. */
  long getAcceptErrors();

  /** See {@link TcpServerMetrics#faultedRequests()}. */
  long getFaultedRequests();

  /** See {@link TcpServerMetrics#droppedResponses()}. */
  long getDroppedResponses();

  /** See {@link TcpServerMetrics#discardedRequests()}. */
  long getDiscardedRequests();

  /** See {@link TcpServerMetrics#faultClosedConnections()}. */
  long getFaultClosedConnections();

  /** See {@link TcpServerMetrics#faultRefusedConnections()}. */
  long getFaultRefusedConnections();

  /** The ids of the faults installed in the server's fault pipeline, in pipeline order. */
  String[] getFaults();

  /** Requests the dispatcher received (all function codes, malformed included). */
  long getDispatchedRequests();

  /** Exception responses the dispatcher sent. */
  long getExceptionResponses();

  /** Requests the dispatcher answered with nothing (unknown unit policy, listen-only mode, ...). */
  long getResponsesNotSent();

  /** Requests whose PDU could not be decoded. */
  long getMalformedRequests();

  /** Median dispatch latency in microseconds. */
  double getLatencyP50Micros();

  /** 99th percentile dispatch latency in microseconds. */
  double getLatencyP99Micros();

  /** 99.9th percentile dispatch latency in microseconds. */
  double getLatencyP999Micros();

  /** Longest dispatch in microseconds. */
  double getLatencyMaxMicros();

  /** Sets the dispatcher's counters and latency histogram back to zero (the transport counters are monotonic). */
  void resetDispatcherMetrics();

  /** The unit ids the dispatcher routes, ascending. */
  int[] getUnits();

  /** One line per open connection: id, client, requests, bytes in/out, idle time. */
  String[] getConnections();

  /**
   * Closes one connection (as if it had been evicted).
   *
   * @return true if a connection with that id was open
   */
  boolean closeConnection(long connectionId);
}
