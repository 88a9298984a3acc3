package dev.modbustoolkit.server.udp;

/** What a {@link ModbusUdpServer} has received and sent since it started. */
public interface UdpServerMetrics {
  /** Datagrams received. */
  long datagrams();

  /** Datagrams dropped: not exactly one MBAP frame, or a protocol id other than 0. */
  long droppedDatagrams();

  /** Requests planned and served (or suppressed by a fault). */
  long requests();

  /** Requests on which a fault fired. */
  long faultedRequests();

  /** Answers sent whole (faulted answers are counted by {@link #bytesOut()} only). */
  long answers();

  /** Bytes received. */
  long bytesIn();

  /** Bytes sent. */
  long bytesOut();
}
