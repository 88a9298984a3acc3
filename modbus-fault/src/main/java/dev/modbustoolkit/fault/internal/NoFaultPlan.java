package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.DispatchVerdict;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.TransmissionPlan;
import dev.modbustoolkit.pdu.ExceptionCode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The plan when nothing fired: one shared instance. Use {@link FaultPlan#NONE}. */
public final class NoFaultPlan implements FaultPlan {
  /** The instance behind {@link FaultPlan#NONE}. */
  public static final NoFaultPlan INSTANCE = new NoFaultPlan();

  private NoFaultPlan() {}

  @Override
  public boolean isNone() {
    return true;
  }

  @Override
  public DispatchVerdict beforeDispatch() {
    return DispatchVerdict.DISPATCH;
  }

  @Override
  public @Nullable ExceptionCode exceptionCode() {
    return null;
  }

  @Override
  public boolean responseDropped() {
    return false;
  }

  @Override
  public ConnectionDirective after() {
    return ConnectionDirective.KEEP_OPEN;
  }

  @Override
  public boolean discardPipelinedRequests() {
    return false;
  }

  @Override
  public List<String> faultIds() {
    return List.of();
  }

  @Override
  public TransmissionPlan transmit(byte[] frame, int length, FrameFormat format) {
    return TransmissionPlan.unchanged(frame, length);
  }

  @Override
  public String toString() {
    return "FaultPlan.NONE";
  }
}
