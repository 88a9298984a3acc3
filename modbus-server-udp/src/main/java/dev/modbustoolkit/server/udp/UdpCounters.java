package dev.modbustoolkit.server.udp;

import dev.modbustoolkit.transport.LinkCounters;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link UdpServerMetrics}. */
final class UdpCounters implements UdpServerMetrics, LinkCounters {
  private final LongAdder datagrams = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder faulted = new LongAdder();
  private final LongAdder answers = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();

  void datagram(int length) {
    datagrams.increment();
    bytesIn.add(length);
  }

  void droppedDatagram() {
    dropped.increment();
  }

  void answer(int length) {
    answers.increment();
    bytesOut.add(length);
  }

  void sent(int length) {
    bytesOut.add(length);
  }

  @Override
  public void request() {
    requests.increment();
  }

  @Override
  public void faultedRequest() {
    faulted.increment();
  }

  @Override
  public long datagrams() {
    return datagrams.sum();
  }

  @Override
  public long droppedDatagrams() {
    return dropped.sum();
  }

  @Override
  public long requests() {
    return requests.sum();
  }

  @Override
  public long faultedRequests() {
    return faulted.sum();
  }

  @Override
  public long answers() {
    return answers.sum();
  }

  @Override
  public long bytesIn() {
    return bytesIn.sum();
  }

  @Override
  public long bytesOut() {
    return bytesOut.sum();
  }

  @Override
  public String toString() {
    return "UdpServerMetrics[datagrams=" + datagrams() + ", dropped=" + droppedDatagrams() + ", requests="
        + requests() + ", faulted=" + faultedRequests() + ", answers=" + answers() + "]";
  }
}
