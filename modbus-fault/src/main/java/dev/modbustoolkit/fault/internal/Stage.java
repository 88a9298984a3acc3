package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.Transport;

/** When an action is evaluated and on which transports it exists. */
enum Stage {
  /** Per request, by FaultSession.plan. */
  REQUEST,
  /** Per accepted connection, by FaultPipeline.onConnect. */
  CONNECT,
  /** Once per session, when it opens. */
  SESSION;

  static Stage of(ActionSpec action) {
    return switch (action) {
      case ActionSpec.ConnectionLimit c -> CONNECT;
      case ActionSpec.IdleClose i -> SESSION;
      default -> REQUEST;
    };
  }

  /** False for actions that mean nothing on this transport: they are skipped without a check. */
  static boolean appliesTo(ActionSpec action, Transport t) {
    return switch (action) {
      case ActionSpec.Delay a -> true;
      case ActionSpec.NoResponse a -> true;
      case ActionSpec.LateResponse a -> true;
      case ActionSpec.RespondWithException a -> true;
      case ActionSpec.DuplicateResponse a -> true;
      case ActionSpec.WrongUnitId a -> true;
      case ActionSpec.WrongFunctionCode a -> true;
      case ActionSpec.WrongByteCount a -> true;
      case ActionSpec.Truncate a -> true;
      case ActionSpec.ExtraBytes a -> true;
      case ActionSpec.SplitResponse a -> true;
      case ActionSpec.RawResponse a -> true;
      case ActionSpec.WrongTransactionId a -> t.mbapHeader();
      case ActionSpec.WrongMbapLength a -> t.mbapHeader();
      case ActionSpec.CorruptCrc a -> t.isSerialFraming();
      case ActionSpec.PartialFrame a -> t.isSerialFraming();
      case ActionSpec.InterCharacterGap a -> t.isSerialFraming();
      case ActionSpec.InterFrameViolation a -> t.isSerialFraming();
      case ActionSpec.Garbage a -> t.isSerialFraming();
      case ActionSpec.ByteJitter a -> t.isSerialFraming();
      case ActionSpec.CloseConnection a -> t.isConnectionOriented();
      case ActionSpec.DropMidFrame a -> t.isConnectionOriented();
      case ActionSpec.ResetAfterPartial a -> t.isConnectionOriented();
      case ActionSpec.HoldOpen a -> t.isConnectionOriented();
      case ActionSpec.IdleClose a -> t.isConnectionOriented();
      case ActionSpec.ConnectionLimit a -> t.isConnectionOriented();
      case ActionSpec.OneRequestAtATime a -> t.isConnectionOriented();
    };
  }
}
