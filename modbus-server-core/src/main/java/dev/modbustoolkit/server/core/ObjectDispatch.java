package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.server.core.internal.HandlerCall;
import org.jspecify.annotations.Nullable;

/** The object-level dispatch of one routed, already decoded request: routing, checks and counting, no codec. */
final class ObjectDispatch {
  private final DispatcherMetrics metrics;
  private final Outcomes outcomes;
  private final UnknownUnitPolicy policy;

  ObjectDispatch(DispatcherMetrics metrics, Outcomes outcomes, UnknownUnitPolicy policy) {
    this.metrics = metrics;
    this.outcomes = outcomes;
    this.policy = policy;
  }

  /** The response, or null when none is due. */
  @Nullable ModbusResponse dispatch(RouteTable table, UnitRoute route, RequestContext context, ModbusRequest request) {
    outcomes.countBusMessage(table);
    int functionCode = request.functionCode();
    metrics.recordRequest(functionCode);
    return switch (route) {
      case UnitRoute.Broadcast b -> {
        outcomes.broadcast(b, context, request, functionCode,
            b.forwarders.length > 0 ? ModbusPduCodec.toBytes(request) : null);
        outcomes.notSent(NoResponseReason.BROADCAST);
        yield null;
      }
      case UnitRoute.UnknownUnit u -> switch (policy) {
        case NO_RESPONSE -> {
          outcomes.notSent(NoResponseReason.UNKNOWN_UNIT);
          yield null;
        }
        case GATEWAY_PATH_UNAVAILABLE -> gatewayException(functionCode, ExceptionCode.GATEWAY_PATH_UNAVAILABLE);
        case GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND ->
            gatewayException(functionCode, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
      };
      case UnitRoute.ToHandler h -> toHandler(h, context, request);
      // ModbusDispatcher hands forwarding routes to ForwardDispatch before it comes here.
      case UnitRoute.Forward f -> throw new IllegalStateException(f + " reached the object dispatch");
    };
  }

  private @Nullable ModbusResponse toHandler(UnitRoute.ToHandler route, RequestContext context, ModbusRequest request) {
    int functionCode = request.functionCode();
    DiagnosticCounters counters = route.handler.diagnosticCounters();
    long token = counters == null ? 0 : counters.messageReceived(false);
    if (counters != null && counters.isListenOnly() && !Outcomes.isRestart(request)) {
      outcomes.noResponse(counters, token, false, functionCode, NoResponseReason.LISTEN_ONLY);
      return null;
    }
    ModbusResponse response = HandlerCall.invoke(route.handler, context, route.unitId(), request);
    if (response == null) {
      outcomes.noResponse(counters, token, true, functionCode, NoResponseReason.HANDLER_DECLINED);
      return null;
    }
    int outcome = response instanceof ExceptionResponse e ? e.exceptionCode() : Outcomes.NORMAL;
    if (outcome != Outcomes.NORMAL) {
      metrics.recordException(outcome);
    }
    Outcomes.sent(counters, token, functionCode, outcome, 0);
    return response;
  }

  private ModbusResponse gatewayException(int functionCode, ExceptionCode code) {
    metrics.recordException(code.code());
    return new ExceptionResponse(functionCode, code);
  }
}
