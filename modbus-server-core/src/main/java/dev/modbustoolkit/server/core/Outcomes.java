package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.server.core.internal.HandlerCall;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the dispatcher accounts for each request's end, on both paths: the device's diagnostic counters and comm
 * event log, the metrics, and the broadcast that ends without an answer. One place, so the fast path, the typed
 * path and the object-level path count alike.
 */
final class Outcomes {
  /** Outcome code of a normal response, for metrics and diagnostics (exception codes are 1..255). */
  static final int NORMAL = 0;

  private static final Logger LOG = LoggerFactory.getLogger(ModbusDispatcher.class);

  private final DispatcherMetrics metrics;

  Outcomes(DispatcherMetrics metrics) {
    this.metrics = metrics;
  }

  int sendException(
      @Nullable DiagnosticCounters counters, long token, int functionCode, int exceptionCode, ByteBuffer out) {
    metrics.recordException(exceptionCode);
    int written = ExceptionResponse.writeException(functionCode, exceptionCode, out);
    return sent(counters, token, functionCode, exceptionCode, written);
  }

  static int sent(
      @Nullable DiagnosticCounters counters, long token, int functionCode, int outcome, int written) {
    if (counters != null) {
      counters.responseSent(token, outcome, countsAsEvent(functionCode));
    }
    return written;
  }

  int noResponse(
      @Nullable DiagnosticCounters counters, long token, boolean completed, int functionCode,
      NoResponseReason reason) {
    if (counters != null) {
      counters.completedWithoutResponse(token, completed, countsAsEvent(functionCode));
    }
    return notSent(reason);
  }

  int notSent(NoResponseReason reason) {
    metrics.recordNotSent(reason);
    return ModbusDispatcher.NO_RESPONSE;
  }

  /** {@link #notSent} for a forwarded request: counted, and {@link ForwardAnswer#none()}. */
  ForwardAnswer notSentAnswer(NoResponseReason reason) {
    metrics.recordNotSent(reason);
    return ForwardAnswer.none();
  }

  void countBusMessage(RouteTable table) {
    for (DiagnosticCounters c : table.busCounters) {
      c.incrementBusMessageCount();
    }
  }

  /**
   * Executes a serial broadcast on every handler, and hands it to every forwarding handler without waiting for its
   * future: {@code raw} is the PDU as received, null when there are no forwarders.
   */
  void broadcast(
      UnitRoute.Broadcast route, RequestContext context, @Nullable ModbusRequest request, int functionCode,
      byte @Nullable [] raw) {
    boolean allowed = context.isSerial() && context.broadcastAllowed();
    if (allowed && raw != null && raw.length > 0) {
      for (ForwardingHandler forwarder : route.forwarders) {
        if (request != null || forwarder.forwardingMode() == ForwardingMode.PASS_THROUGH) {
          forwardBroadcast(forwarder, new ForwardedRequest(context, 0, raw, true));
        }
      }
    }
    boolean execute = request != null && allowed;
    for (ModbusRequestHandler handler : route.targets) {
      DiagnosticCounters counters = handler.diagnosticCounters();
      long token = counters == null ? 0 : counters.messageReceived(true);
      boolean completed = false;
      boolean listening = counters != null && counters.isListenOnly() && !isRestart(request);
      if (execute && !listening) {
        ModbusResponse response = HandlerCall.invoke(handler, context, 0, request);
        completed = !(response instanceof ExceptionResponse);
        if (!completed) {
          LOG.debug("Broadcast {} refused with {} (not sent: broadcasts are never answered)", request, response);
        }
      }
      if (counters != null) {
        counters.completedWithoutResponse(token, completed, countsAsEvent(functionCode));
      }
    }
  }

  private static void forwardBroadcast(ForwardingHandler forwarder, ForwardedRequest request) {
    try {
      CompletionStage<ForwardAnswer> stage = forwarder.forward(request);
      if (stage != null) {
        stage.whenComplete((answer, failure) -> {
          if (failure != null) {
            LOG.debug("Broadcast {} failed in {} (not answered: broadcasts never are)", request, forwarder, failure);
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.warn("Forwarding handler {} failed on broadcast {}", forwarder, request, e);
    }
  }

  /** Diagnostics 08/01 is the only request a device in listen-only mode acts on. */
  static boolean isRestart(@Nullable ModbusRequest request) {
    return request instanceof DiagnosticsRequest d
        && d.subFunction() == DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION.code();
  }

  /** The spec's comm event counter skips FC 0x0B and 0x0C themselves. */
  static boolean countsAsEvent(int functionCode) {
    return functionCode != FunctionCode.GET_COMM_EVENT_COUNTER.code()
        && functionCode != FunctionCode.GET_COMM_EVENT_LOG.code();
  }

}
