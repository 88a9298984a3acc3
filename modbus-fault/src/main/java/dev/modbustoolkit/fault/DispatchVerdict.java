package dev.modbustoolkit.fault;

/** What the server does with a request before executing it. */
public enum DispatchVerdict {
  /** Execute the request as usual. */
  DISPATCH,
  /** Do not execute it and send nothing (then apply {@link FaultPlan#after()}). */
  SKIP_NO_RESPONSE,
  /**
   * Do not execute it; answer with an exception response of {@link FaultPlan#exceptionCode()} for the request's
   * unit and function code, built by the server and passed to {@link FaultPlan#transmit} like any response.
   */
  SKIP_WITH_EXCEPTION
}
