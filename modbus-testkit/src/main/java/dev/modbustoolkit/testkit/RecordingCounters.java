package dev.modbustoolkit.testkit;

import dev.modbustoolkit.transport.LinkCounters;
import java.util.concurrent.atomic.AtomicLong;

/** {@link LinkCounters} that count, for assertions. */
public final class RecordingCounters implements LinkCounters {
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong faultedRequests = new AtomicLong();
  private final AtomicLong droppedResponses = new AtomicLong();
  private final AtomicLong otherUnitRequests = new AtomicLong();
  private final AtomicLong faultedAnswersSent = new AtomicLong();
  private final AtomicLong faultedAnswersSuppressed = new AtomicLong();

  @Override
  public void request() {
    requests.incrementAndGet();
  }

  @Override
  public void faultedRequest() {
    faultedRequests.incrementAndGet();
  }

  @Override
  public void droppedResponse() {
    droppedResponses.incrementAndGet();
  }

  @Override
  public void otherUnitRequest() {
    otherUnitRequests.incrementAndGet();
  }

  @Override
  public void faultedAnswerSent() {
    faultedAnswersSent.incrementAndGet();
  }

  @Override
  public void faultedAnswerSuppressed() {
    faultedAnswersSuppressed.incrementAndGet();
  }

  /** Requests planned. */
  public long requests() {
    return requests.get();
  }

  /** Requests on which a fault fired. */
  public long faultedRequests() {
    return faultedRequests.get();
  }

  /** Responses a fault suppressed. */
  public long droppedResponses() {
    return droppedResponses.get();
  }

  /** Requests for another device's unit on a bus framing. */
  public long otherUnitRequests() {
    return otherUnitRequests.get();
  }

  /** Faulted requests that got an answer, perhaps a mangled one. */
  public long faultedAnswersSent() {
    return faultedAnswersSent.get();
  }

  /** Faulted requests that got no answer at all (broadcasts not counted). */
  public long faultedAnswersSuppressed() {
    return faultedAnswersSuppressed.get();
  }

  @Override
  public String toString() {
    return "RecordingCounters[requests=" + requests + ", faulted=" + faultedRequests + ", dropped="
        + droppedResponses + ", otherUnit=" + otherUnitRequests + ", faultedSent=" + faultedAnswersSent
        + ", faultedSuppressed=" + faultedAnswersSuppressed + "]";
  }
}
