package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.serial.SerialLineSettings;
import dev.modbustoolkit.transport.jmx.FaultStatistics;

/** Adapts a {@link ModbusRtuServer} to its MXBean interface; every counter is read from a fresh snapshot. */
final class RtuServerMXBeanImpl implements ModbusRtuServerMXBean {
  private final ModbusRtuServer server;

  RtuServerMXBeanImpl(ModbusRtuServer server) {
    this.server = server;
  }

  @Override
  public String getPortName() {
    return server.portName();
  }

  @Override
  public String getMode() {
    return server.mode().name();
  }

  @Override
  public String getLineSettings() {
    return server.lineSettings().toString();
  }

  @Override
  public String getAppliedLineSettings() {
    SerialLineSettings applied = server.appliedLineSettings();
    return applied == null ? "" : applied.toString();
  }

  @Override
  public boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public long getRequests() {
    return server.statistics().requests();
  }

  @Override
  public long getBroadcasts() {
    return server.statistics().broadcasts();
  }

  @Override
  public long getOtherUnitRequests() {
    return server.statistics().otherUnitRequests();
  }

  @Override
  public long getForeignResponses() {
    return server.statistics().foreignResponses();
  }

  @Override
  public long getResponsesSent() {
    return server.statistics().responsesSent();
  }

  @Override
  public long getNoResponses() {
    return server.statistics().noResponses();
  }

  @Override
  public long getChecksumErrors() {
    return server.statistics().checksumErrors();
  }

  @Override
  public long getIncompleteFrames() {
    return server.statistics().incompleteFrames();
  }

  @Override
  public long getMalformedFrames() {
    return server.statistics().malformedFrames();
  }

  @Override
  public long getDiscardedBytes() {
    return server.statistics().discardedBytes();
  }

  @Override
  public long getOverruns() {
    return server.statistics().overruns();
  }

  @Override
  public long getPipelinedDiscarded() {
    return server.statistics().pipelinedDiscarded();
  }

  @Override
  public String[] getFaults() {
    return FaultStatistics.ids(server.faults());
  }

  @Override
  public FaultStatistics[] getFaultStatistics() {
    return FaultStatistics.of(server.faults());
  }
}
