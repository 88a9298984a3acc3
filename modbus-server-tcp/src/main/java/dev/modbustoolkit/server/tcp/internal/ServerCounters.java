package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.server.tcp.TcpServerMetrics;
import dev.modbustoolkit.transport.LinkCounters;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link TcpServerMetrics}; LongAdders because every connection thread writes them. */
public final class ServerCounters implements TcpServerMetrics, LinkCounters {
  private final LongAdder active = new LongAdder();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder evicted = new LongAdder();
  private final LongAdder idleTimeouts = new LongAdder();
  private final LongAdder malformed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder requestTimeouts = new LongAdder();
  private final LongAdder requests = new LongAdder();
  private final LongAdder bytesIn = new LongAdder();
  private final LongAdder bytesOut = new LongAdder();
  private final LongAdder acceptErrors = new LongAdder();
  private final LongAdder faultedRequests = new LongAdder();
  private final LongAdder droppedResponses = new LongAdder();
  private final LongAdder discardedRequests = new LongAdder();
  private final LongAdder faultClosed = new LongAdder();
  private final LongAdder faultRefused = new LongAdder();
  private final LongAdder otherUnitRequests = new LongAdder();

  void connectionOpened() {
    accepted.increment();
    active.increment();
  }

  void connectionClosed() {
    active.decrement();
  }

  void rejected() {
    rejected.increment();
  }

  void evicted() {
    evicted.increment();
  }

  void idleTimeout() {
    idleTimeouts.increment();
  }

  void malformedFrame() {
    malformed.increment();
  }

  void droppedFrame() {
    dropped.increment();
  }

  void requestTimeout() {
    requestTimeouts.increment();
  }

  @Override
  public void request() {
    requests.increment();
  }

  void bytesIn(long n) {
    bytesIn.add(n);
  }

  void bytesOut(long n) {
    bytesOut.add(n);
  }

  void acceptError() {
    acceptErrors.increment();
  }

  @Override
  public void faultedRequest() {
    faultedRequests.increment();
  }

  @Override
  public void droppedResponse() {
    droppedResponses.increment();
  }

  @Override
  public void otherUnitRequest() {
    otherUnitRequests.increment();
  }

  void discardedRequest() {
    discardedRequests.increment();
  }

  void faultClosed() {
    faultClosed.increment();
  }

  void faultRefused() {
    faultRefused.increment();
  }

  @Override
  public long activeConnections() {
    return active.sum();
  }

  @Override
  public long acceptedConnections() {
    return accepted.sum();
  }

  @Override
  public long rejectedConnections() {
    return rejected.sum();
  }

  @Override
  public long evictedConnections() {
    return evicted.sum();
  }

  @Override
  public long idleTimeouts() {
    return idleTimeouts.sum();
  }

  @Override
  public long malformedFrames() {
    return malformed.sum();
  }

  @Override
  public long droppedFrames() {
    return dropped.sum();
  }

  @Override
  public long requestTimeouts() {
    return requestTimeouts.sum();
  }

  @Override
  public long requests() {
    return requests.sum();
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
  public long acceptErrors() {
    return acceptErrors.sum();
  }

  @Override
  public long faultedRequests() {
    return faultedRequests.sum();
  }

  @Override
  public long droppedResponses() {
    return droppedResponses.sum();
  }

  @Override
  public long discardedRequests() {
    return discardedRequests.sum();
  }

  @Override
  public long otherUnitRequests() {
    return otherUnitRequests.sum();
  }

  @Override
  public long faultClosedConnections() {
    return faultClosed.sum();
  }

  @Override
  public long faultRefusedConnections() {
    return faultRefused.sum();
  }

  @Override
  public String toString() {
    return "TcpServerMetrics[active=" + activeConnections() + ", accepted=" + acceptedConnections()
        + ", rejected=" + rejectedConnections() + ", evicted=" + evictedConnections() + ", idleTimeouts="
        + idleTimeouts() + ", malformedFrames=" + malformedFrames() + ", droppedFrames=" + droppedFrames()
        + ", requestTimeouts=" + requestTimeouts() + ", requests=" + requests() + ", bytesIn=" + bytesIn()
        + ", bytesOut=" + bytesOut() + ", acceptErrors=" + acceptErrors() + ", faultedRequests=" + faultedRequests() + ", droppedResponses="
        + droppedResponses() + ", discardedRequests=" + discardedRequests() + ", otherUnitRequests=" + otherUnitRequests() + ", faultClosedConnections="
        + faultClosedConnections() + ", faultRefusedConnections=" + faultRefusedConnections() + "]";
  }
}
