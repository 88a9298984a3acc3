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
      case ActionSpec.ResponseAction r -> REQUEST;
      case ActionSpec.SerialAction r -> REQUEST;
      case ActionSpec.ConnectionAction r -> REQUEST;
    };
  }

  /** False for actions that mean nothing on this transport: they are skipped without a check. */
  static boolean appliesTo(ActionSpec action, Transport t) {
    return switch (action) {
      case ActionSpec.WrongTransactionId a -> t.mbapHeader();
      case ActionSpec.WrongMbapLength a -> t.mbapHeader();
      case ActionSpec.ResponseAction a -> true;
      case ActionSpec.SerialAction a -> t.isSerialFraming();
      case ActionSpec.ConnectionAction a -> t.isConnectionOriented();
    };
  }
}
