package dev.modbustoolkit.server.core;

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
}
