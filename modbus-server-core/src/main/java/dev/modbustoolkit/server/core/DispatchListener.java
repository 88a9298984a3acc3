package dev.modbustoolkit.server.core;

import java.util.List;

/**
 * Told about every request a {@link ModbusDispatcher} dispatched at byte level (the transports' path), after its
 * answer was written: what a request log, a live view or per-unit metrics need, and nothing that costs an
 * allocation to hand over (primitives and the transport's own context).
 *
 * <p>Called on the dispatching thread, so it must be quick, thread-safe and must not block; an exception it throws
 * is logged and otherwise ignored, so it cannot break the request. Set with
 * {@link ModbusDispatcher.Builder#listener(DispatchListener)}; a dispatcher without one pays nothing.
 */
@FunctionalInterface
public interface DispatchListener {

  /** Passed as {@code functionCode} for an empty request PDU, which has none. */
  int NO_FUNCTION_CODE = -1;

  /**
   * One request, dispatched.
   *
   * @param context where the request came from (the transport's context of the link)
   * @param unitId the unit id as received, 0..255
   * @param functionCode the request's function code byte 0..255, or {@link #NO_FUNCTION_CODE}
   * @param exceptionCode the exception code 1..255 of an exception response, 0 for a normal response or none
   * @param responseLength the response PDU's length, or {@link ModbusDispatcher#NO_RESPONSE} when none is sent
   * @param nanos how long the dispatch took
   */
  void onDispatch(RequestContext context, int unitId, int functionCode, int exceptionCode, int responseLength,
      long nanos);

  /**
   * One request a fault answered in the device's stead: the transport's fault pipeline skipped the dispatch and
   * answered with an exception or with nothing, so {@link #onDispatch} is not called for it. (A fault that lets the
   * request through and alters its answer, a delay or a wrong transaction id, say, comes through
   * {@code onDispatch} as usual, then {@link #onAnswerFaulted}.) Same rules as {@code onDispatch}: quick, thread-safe, never blocking. Does
   * nothing unless overridden, so a listener of normal dispatches alone stays a lambda.
   *
   * @param context where the request came from
   * @param unitId the unit id as received, 0..255
   * @param functionCode the request's function code byte 0..255
   * @param exceptionCode the exception code 1..255 the fault answered with, 0 when it answered nothing
   * @param faultIds the ids of the faults that fired on the request, in the pipeline's order
   */
  default void onFaultAnswered(RequestContext context, int unitId, int functionCode, int exceptionCode,
      List<String> faultIds) {}

  /**
   * One request the device answered whose answer faults then changed on its way out: delayed, split, mutated,
   * followed by a close, or dropped. Called after {@link #onDispatch} for the same request, once its answer (what
   * is left of it) has been handed to the link. Same rules as {@code onDispatch}; does nothing unless overridden.
   *
   * @param context where the request came from
   * @param unitId the unit id as received, 0..255
   * @param functionCode the request's function code byte 0..255
   * @param faultIds the ids of the faults that fired on the request, in the pipeline's order
   * @param delivered false when the faults dropped the answer, so that the peer got nothing
   */
  default void onAnswerFaulted(RequestContext context, int unitId, int functionCode, List<String> faultIds,
      boolean delivered) {}
}
