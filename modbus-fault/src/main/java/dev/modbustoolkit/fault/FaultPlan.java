package dev.modbustoolkit.fault;

import dev.modbustoolkit.pdu.ExceptionCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The faults that fired for one request and what they mean for the server. Obtained from
 * {@link FaultSession#plan}; {@link #NONE} (a shared instance, no allocation) when nothing fired. Immutable and
 * deterministic: {@link #transmit} draws from random streams fixed when the plan was made, so calling it twice
 * gives equal plans.
 *
 * <p>Server steps: 1. {@link #beforeDispatch()}; dispatch only on DISPATCH; on SKIP_WITH_EXCEPTION build the
 * exception response ({@link #exceptionCode()}, same unit and function code). 2. If a response frame exists,
 * execute {@code transmit(frame, length, format)}; otherwise (SKIP_NO_RESPONSE, or the dispatcher answered
 * nothing) apply {@link #after()}. 3. If {@link #discardPipelinedRequests()}, discard as described there.
 * 4. Count the response as dropped when {@link #responseDropped()}.
 */
public interface FaultPlan {

  /** Nothing fired: dispatch, send the frame unchanged, keep the connection open. */
  FaultPlan NONE = dev.modbustoolkit.fault.internal.NoFaultPlan.INSTANCE;

  /** {@return true for {@link #NONE}: the server may skip {@link #transmit} and write the frame itself} */
  boolean isNone();

  /** {@return whether to execute the request} */
  DispatchVerdict beforeDispatch();

  /** {@return the exception code to answer with when the verdict is SKIP_WITH_EXCEPTION, otherwise null} */
  @Nullable ExceptionCode exceptionCode();

  /**
   * {@return true when a fault suppressed the response entirely (no response, hold open, close without responding): the
   * server counts it as dropped, never as a success} A truncated or otherwise mangled response is not dropped.
   */
  boolean responseDropped();

  /** {@return the connection directive of this request, also when no frame is transmitted} */
  ConnectionDirective after();

  /**
   * {@return true when one-request-at-a-time fired} Then, once this request's transmission plan has been executed (or
   * its response dropped), the server reads in full and discards, without dispatching, planning or answering, every
   * request whose first byte it had already received at that moment: the bytes in its own read buffer plus those
   * the socket has available without blocking. Later requests are served normally. A client that pipelines sees
   * only the first of its requests answered. Servers should count discarded requests.
   */
  boolean discardPipelinedRequests();

  /**
   * Ids of the faults that fired, in pipeline order (for logs, metrics and tests).
   *
   * @return the fault ids
   */
  List<String> faultIds();

  /**
   * {@return the bytes to send for the response {@code frame[0, length)}, as the transport would send it, with timing
   * and connection directive (see the package documentation for the order of application)} Does not modify {@code
   * frame}. For {@link #NONE} it returns the frame unchanged in one segment (which copies it).
   *
   * @param frame the frame
   * @param length the number of bytes
   * @param format the format
   */
  TransmissionPlan transmit(byte[] frame, int length, FrameFormat format);
}
