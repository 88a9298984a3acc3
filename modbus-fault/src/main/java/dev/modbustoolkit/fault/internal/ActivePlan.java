package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.DispatchVerdict;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.TransmissionPlan;
import dev.modbustoolkit.pdu.ExceptionCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The plan when at least one fault fired. */
final class ActivePlan implements FaultPlan {
  private final List<Activation> activations;
  private final DispatchVerdict verdict;
  private final @Nullable ExceptionCode exceptionCode;
  private final boolean dropped;
  private final ConnectionDirective after;
  private final boolean discardPipelined;

  ActivePlan(List<Activation> activations) {
    this.activations = List.copyOf(activations);
    boolean skip = false;
    boolean dropped = false;
    boolean discard = false;
    ExceptionCode exception = null;
    ConnectionDirective after = ConnectionDirective.KEEP_OPEN;
    for (Activation a : this.activations) {
      switch (a.action()) {
        case ActionSpec.HoldOpen h -> {
          skip = true;
          dropped = true;
          after = after.strongest(ConnectionDirective.HOLD_OPEN);
        }
        case ActionSpec.NoResponse n -> {
          skip |= !n.executeRequest();
          dropped = true;
        }
        case ActionSpec.CloseConnection c -> {
          if (!c.respondFirst()) {
            skip = true;
            dropped = true;
          }
          after = after.strongest(c.mode().directive());
        }
        case ActionSpec.DropMidFrame d -> after = after.strongest(ConnectionDirective.CLOSE_FIN);
        case ActionSpec.ResetAfterPartial r -> after = after.strongest(ConnectionDirective.CLOSE_RST);
        case ActionSpec.RespondWithException e -> {
          if (exception == null) {
            exception = e.code();
          }
        }
        case ActionSpec.OneRequestAtATime o -> discard = true;
        case ActionSpec.ResponseAction other -> {}
        case ActionSpec.SerialAction other -> {}
        case ActionSpec.ConnectionAction other -> {}
      }
    }
    this.verdict =
        skip
            ? DispatchVerdict.SKIP_NO_RESPONSE
            : exception != null ? DispatchVerdict.SKIP_WITH_EXCEPTION : DispatchVerdict.DISPATCH;
    this.exceptionCode = verdict == DispatchVerdict.SKIP_WITH_EXCEPTION ? exception : null;
    this.dropped = dropped;
    this.after = after;
    this.discardPipelined = discard;
  }

  @Override
  public boolean isNone() {
    return false;
  }

  @Override
  public DispatchVerdict beforeDispatch() {
    return verdict;
  }

  @Override
  public @Nullable ExceptionCode exceptionCode() {
    return exceptionCode;
  }

  @Override
  public boolean responseDropped() {
    return dropped;
  }

  @Override
  public ConnectionDirective after() {
    return after;
  }

  @Override
  public boolean discardPipelinedRequests() {
    return discardPipelined;
  }

  @Override
  public List<String> faultIds() {
    return activations.stream().map(Activation::faultId).toList();
  }

  @Override
  public TransmissionPlan transmit(byte[] frame, int length, FrameFormat format) {
    return Transmitter.plan(activations, dropped, after, frame, length, format);
  }

  @Override
  public String toString() {
    return "FaultPlan[" + String.join(", ", faultIds()) + ", verdict=" + verdict + ", after=" + after + "]";
  }
}
