package dev.modbustoolkit.transport;

/**
 * What an {@link Exchange} counts for its link's server; every method defaults to doing nothing, so a transport
 * counts what it reports. Called from the threads serving links: implementations must be thread-safe.
 */
public interface LinkCounters {
  /** A counter set that counts nothing. */
  LinkCounters NONE = new LinkCounters() {};

  /** A request was read and planned. */
  default void request() {}

  /** A fault fired for a request. */
  default void faultedRequest() {}

  /** A fault suppressed a response entirely. */
  default void droppedResponse() {}

  /** On a bus framing, a request for a unit nobody here serves (another device's): left unanswered. */
  default void otherUnitRequest() {}

  /** A request on which a fault fired got an answer (perhaps a mangled one). */
  default void faultedAnswerSent() {}

  /** A request on which a fault fired got no answer at all (a broadcast is not counted). */
  default void faultedAnswerSuppressed() {}
}
