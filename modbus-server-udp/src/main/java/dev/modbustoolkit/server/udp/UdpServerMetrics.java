package dev.modbustoolkit.server.udp;

/** What a {@link ModbusUdpServer} has received and sent since it started. */
public interface UdpServerMetrics {
  /**
   * Datagrams received.
   *
   * @return the number of datagrams
   */
  long datagrams();

  /**
   * Datagrams dropped: not exactly one MBAP frame, or a protocol id other than 0.
   *
   * @return the number of dropped datagrams
   */
  long droppedDatagrams();

  /** {@return requests planned and served (or suppressed by a fault)} */
  long requests();

  /** {@return requests on which a fault fired} */
  long faultedRequests();

  /**
   * Answers sent whole (faulted answers are counted by {@link #bytesOut()} only).
   *
   * @return the number of answers
   */
  long answers();

  /** {@return bytes received} */
  long bytesIn();

  /** {@return bytes sent} */
  long bytesOut();
}
