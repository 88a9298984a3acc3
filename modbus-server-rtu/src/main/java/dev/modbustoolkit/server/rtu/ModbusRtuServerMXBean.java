package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.transport.jmx.FaultStatistics;

/**
 * JMX view of a running {@link ModbusRtuServer}, registered as {@code
 * dev.modbustoolkit:type=ModbusRtuServer,name="<port name>"} in the platform MBean server while the server runs; a
 * server whose port name a running server already has gets the key {@code instance=2} too (then 3, ...), so that
 * every running server has its MBean. Only open types, so any JMX console reads it without the server's classes.
 * The counters are those of {@link SerialStatistics}.
 */
public interface ModbusRtuServerMXBean {
  /** {@return the port name as given (also the {@code name} key of the object name)} */
  String getPortName();

  /** {@return RTU or ASCII} */
  String getMode();

  /** {@return the line settings asked for, e.g. {@code 19200 8E1}} */
  String getLineSettings();

  /** {@return the line settings in force (see {@link ModbusRtuServer#appliedLineSettings()}); empty before start} */
  String getAppliedLineSettings();

  /** {@return whether the port is served} */
  boolean isRunning();

  /** {@return see {@link SerialStatistics#requests()}} */
  long getRequests();

  /** {@return see {@link SerialStatistics#broadcasts()}} */
  long getBroadcasts();

  /** {@return see {@link SerialStatistics#otherUnitRequests()}} */
  long getOtherUnitRequests();

  /** {@return see {@link SerialStatistics#foreignResponses()}} */
  long getForeignResponses();

  /** {@return see {@link SerialStatistics#responsesSent()}} */
  long getResponsesSent();

  /** {@return see {@link SerialStatistics#noResponses()}} */
  long getNoResponses();

  /** {@return see {@link SerialStatistics#checksumErrors()}} */
  long getChecksumErrors();

  /** {@return see {@link SerialStatistics#incompleteFrames()}} */
  long getIncompleteFrames();

  /** {@return see {@link SerialStatistics#malformedFrames()}} */
  long getMalformedFrames();

  /** {@return see {@link SerialStatistics#discardedBytes()}} */
  long getDiscardedBytes();

  /** {@return see {@link SerialStatistics#overruns()}} */
  long getOverruns();

  /** {@return see {@link SerialStatistics#pipelinedDiscarded()}} */
  long getPipelinedDiscarded();

  /** {@return the ids of the faults installed in the server's fault pipeline, in pipeline order} */
  String[] getFaults();

  /**
   * Per-fault counters, one row per fault in pipeline order (a table in jconsole or VisualVM): id, whether enabled,
   * trigger checks, activations and the last activation (ISO-8601, empty if never).
   *
   * @return the fault statistics
   */
  FaultStatistics[] getFaultStatistics();
}
