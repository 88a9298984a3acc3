package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.server.tcp.ConnectionInfo;
import dev.modbustoolkit.server.tcp.ModbusTcpServerMXBean;
import dev.modbustoolkit.transport.jmx.FaultStatistics;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Adapts a {@link ServerRuntime} to its MXBean interface. */
final class ServerMXBeanImpl implements ModbusTcpServerMXBean {
  private final ServerRuntime server;

  ServerMXBeanImpl(ServerRuntime server) {
    this.server = server;
  }

  @Override
  public String getName() {
    return server.name();
  }

  @Override
  public String getLocalAddress() {
    InetSocketAddress address = server.localAddress();
    return address == null ? "" : ServerRuntime.hostAndPort(address);
  }

  @Override
  public boolean isRunning() {
    return server.isRunning();
  }

  @Override
  public int getMaxConnections() {
    return server.config().maxConnections();
  }

  @Override
  public String getConnectionLimitPolicy() {
    return server.config().limitPolicy().name();
  }

  @Override
  public String getIoMode() {
    return server.config().ioMode().name();
  }

  @Override
  public long getActiveConnections() {
    return server.counters().activeConnections();
  }

  @Override
  public long getAcceptedConnections() {
    return server.counters().acceptedConnections();
  }

  @Override
  public long getRejectedConnections() {
    return server.counters().rejectedConnections();
  }

  @Override
  public long getEvictedConnections() {
    return server.counters().evictedConnections();
  }

  @Override
  public long getIdleTimeouts() {
    return server.counters().idleTimeouts();
  }

  @Override
  public long getMalformedFrames() {
    return server.counters().malformedFrames();
  }

  @Override
  public long getDroppedFrames() {
    return server.counters().droppedFrames();
  }

  @Override
  public long getRequestTimeouts() {
    return server.counters().requestTimeouts();
  }

  @Override
  public long getRequests() {
    return server.counters().requests();
  }

  @Override
  public long getBytesIn() {
    return server.counters().bytesIn();
  }

  @Override
  public long getBytesOut() {
    return server.counters().bytesOut();
  }

  @Override
  public long getAcceptErrors() {
    return server.counters().acceptErrors();
  }

  @Override
  public long getFaultedRequests() {
    return server.counters().faultedRequests();
  }

  @Override
  public long getDroppedResponses() {
    return server.counters().droppedResponses();
  }

  @Override
  public long getDiscardedRequests() {
    return server.counters().discardedRequests();
  }

  @Override
  public long getFaultClosedConnections() {
    return server.counters().faultClosedConnections();
  }

  @Override
  public long getFaultRefusedConnections() {
    return server.counters().faultRefusedConnections();
  }

  @Override
  public String[] getFaults() {
    return FaultStatistics.ids(server.faults());
  }

  @Override
  public FaultStatistics[] getFaultStatistics() {
    return FaultStatistics.of(server.faults());
  }

  @Override
  public long getDispatchedRequests() {
    return server.dispatcher().metrics().totalRequests();
  }

  @Override
  public long getExceptionResponses() {
    return server.dispatcher().metrics().totalExceptions();
  }

  @Override
  public long getResponsesNotSent() {
    return server.dispatcher().metrics().totalResponsesNotSent();
  }

  @Override
  public long getMalformedRequests() {
    return server.dispatcher().metrics().malformedRequests();
  }

  @Override
  public double getLatencyP50Micros() {
    return micros(server.dispatcher().metrics().snapshot().p50());
  }

  @Override
  public double getLatencyP99Micros() {
    return micros(server.dispatcher().metrics().snapshot().p99());
  }

  @Override
  public double getLatencyP999Micros() {
    return micros(server.dispatcher().metrics().snapshot().p999());
  }

  @Override
  public double getLatencyMaxMicros() {
    return micros(server.dispatcher().metrics().snapshot().max());
  }

  @Override
  public void resetDispatcherMetrics() {
    server.dispatcher().metrics().reset();
  }

  private static double micros(Duration d) {
    return d.toNanos() / 1_000.0;
  }

  @Override
  public int[] getUnits() {
    return server.dispatcher().units().stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  @Override
  public String[] getConnections() {
    List<ConnectionInfo> infos = server.connections();
    String[] lines = new String[infos.size()];
    for (int i = 0; i < lines.length; i++) {
      ConnectionInfo c = infos.get(i);
      lines[i] = "#" + c.connectionId() + " " + ServerRuntime.hostAndPort(c.remoteAddress()) + " requests="
          + c.requests() + " bytesIn=" + c.bytesIn() + " bytesOut=" + c.bytesOut() + " idleMillis="
          + c.idle().toMillis();
    }
    return lines;
  }

  @Override
  public boolean closeConnection(long connectionId) {
    return server.closeConnection(connectionId);
  }
}
