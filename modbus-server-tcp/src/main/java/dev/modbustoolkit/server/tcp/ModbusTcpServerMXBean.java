package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.transport.jmx.FaultStatistics;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;

/**
 * JMX view of a running {@link ModbusTcpServer}, registered as {@code
 * dev.modbustoolkit:type=ModbusTcpServer,name=<server name>} in the platform MBean server while the server runs; a
 * server whose name a running server already has gets the key {@code instance=2} too (then 3, ...), so that every
 * running server has its MBean.
 * Only open types, so any JMX console (jconsole, VisualVM, jmxterm) can read it without the server's classes.
 */
public interface ModbusTcpServerMXBean {
  /** {@return the server's name (also the {@code name} key of the object name)} */
  String getName();

  /** {@return the bound address as {@code host:port}} */
  String getLocalAddress();

  /** {@return whether the server is accepting connections} */
  boolean isRunning();

  /** {@return the configured connection limit} */
  int getMaxConnections();

  /** {@return the {@link ConnectionLimitPolicy} in force, by name} */
  String getConnectionLimitPolicy();

  /** {@return the {@link IoMode}, by name} */
  String getIoMode();

  /**
   * See {@link TcpServerMetrics#activeConnections()}.
   *
   * @return the active connections
   */
  long getActiveConnections();

  /**
   * See {@link TcpServerMetrics#acceptedConnections()}.
   *
   * @return the accepted connections
   */
  long getAcceptedConnections();

  /**
   * See {@link TcpServerMetrics#rejectedConnections()}.
   *
   * @return the rejected connections
   */
  long getRejectedConnections();

  /**
   * See {@link TcpServerMetrics#evictedConnections()}.
   *
   * @return the evicted connections
   */
  long getEvictedConnections();

  /**
   * See {@link TcpServerMetrics#idleTimeouts()}.
   *
   * @return the idle timeouts
   */
  long getIdleTimeouts();

  /**
   * See {@link TcpServerMetrics#malformedFrames()}.
   *
   * @return the malformed frames
   */
  long getMalformedFrames();

  /**
   * See {@link TcpServerMetrics#droppedFrames()}.
   *
   * @return the dropped frames
   */
  long getDroppedFrames();

  /**
   * See {@link TcpServerMetrics#requestTimeouts()}.
   *
   * @return the request timeouts
   */
  long getRequestTimeouts();

  /**
   * See {@link TcpServerMetrics#requests()}.
   *
   * @return the requests
   */
  long getRequests();

  /**
   * See {@link TcpServerMetrics#bytesIn()}.
   *
   * @return the bytes in
   */
  long getBytesIn();

  /**
   * See {@link TcpServerMetrics#bytesOut()}.
   *
   * @return the bytes out
   */
  long getBytesOut();

  /**
   * See {@link TcpServerMetrics#acceptErrors()}.
   *
   * @return the accept errors
   */
  long getAcceptErrors();

  /**
   * See {@link TcpServerMetrics#faultedRequests()}.
   *
   * @return the faulted requests
   */
  long getFaultedRequests();

  /**
   * See {@link TcpServerMetrics#droppedResponses()}.
   *
   * @return the dropped responses
   */
  long getDroppedResponses();

  /**
   * See {@link TcpServerMetrics#discardedRequests()}.
   *
   * @return the discarded requests
   */
  long getDiscardedRequests();

  /**
   * See {@link TcpServerMetrics#faultClosedConnections()}.
   *
   * @return the fault closed connections
   */
  long getFaultClosedConnections();

  /**
   * See {@link TcpServerMetrics#faultRefusedConnections()}.
   *
   * @return the fault refused connections
   */
  long getFaultRefusedConnections();

  /** {@return the ids of the faults installed in the server's fault pipeline, in pipeline order} */
  String[] getFaults();

  /**
   * Per-fault counters, one row per fault in pipeline order (a table in jconsole or VisualVM): id, whether enabled,
   * trigger checks, activations and the last activation (ISO-8601, empty if never).
   *
   * @return the fault statistics
   */
  FaultStatistics[] getFaultStatistics();

  /** {@return requests the dispatcher received (all function codes, malformed included)} */
  long getDispatchedRequests();

  /**
   * Exception responses the dispatcher sent.
   *
   * @return the exception responses
   */
  long getExceptionResponses();

  /** {@return requests the dispatcher answered with nothing (unknown unit policy, listen-only mode, ...)} */
  long getResponsesNotSent();

  /** {@return requests whose PDU could not be decoded} */
  long getMalformedRequests();

  /**
   * Median dispatch latency in microseconds.
   *
   * @return the latency p50 micros
   */
  double getLatencyP50Micros();

  /**
   * 99th percentile dispatch latency in microseconds.
   *
   * @return the latency p99 micros
   */
  double getLatencyP99Micros();

  /**
   * 99.9th percentile dispatch latency in microseconds.
   *
   * @return the latency p999 micros
   */
  double getLatencyP999Micros();

  /**
   * Longest dispatch in microseconds.
   *
   * @return the latency max micros
   */
  double getLatencyMaxMicros();

  /** Sets the dispatcher's counters and latency histogram back to zero (the transport counters are monotonic). */
  void resetDispatcherMetrics();

  /** {@return the unit ids the dispatcher routes, ascending} */
  int[] getUnits();

  /** {@return one line per open connection: id, client, requests, bytes in/out, idle time} */
  String[] getConnections();

  /**
   * Closes one connection (as if it had been evicted).
   *
   * @param connectionId the connection id
   * @return true if a connection with that id was open
   */
  boolean closeConnection(long connectionId);
}
