package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.server.core.internal.HandlerCall;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The byte-level dispatch of one routed request: the handler's fast path first ({@link RawPduHandler}), then the
 * decoder and the typed methods, the answer encoded into the response buffer. Allocates nothing when the fast path
 * answers.
 */
final class ByteDispatch {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusDispatcher.class);

  private final DispatcherMetrics metrics;
  private final Outcomes outcomes;
  private final UnknownUnitPolicy policy;

  ByteDispatch(DispatcherMetrics metrics, Outcomes outcomes, UnknownUnitPolicy policy) {
    this.metrics = metrics;
    this.outcomes = outcomes;
    this.policy = policy;
  }

  /** The response PDU length written to {@code out}, or {@link ModbusDispatcher#NO_RESPONSE}. */
  int dispatch(RouteTable table, UnitRoute route, RequestContext context, ByteBuffer pdu, ByteBuffer out) {
    outcomes.countBusMessage(table);
    if (!pdu.hasRemaining()) {
      metrics.recordEmptyRequest();
      metrics.recordMalformed();
      return outcomes.notSent(NoResponseReason.MALFORMED);
    }
    int functionCode = Byte.toUnsignedInt(pdu.get(pdu.position()));
    metrics.recordRequest(functionCode);
    return switch (route) {
      case UnitRoute.Broadcast b -> {
        byte[] raw = null;
        if (b.forwarders.length > 0) {
          raw = new byte[pdu.remaining()];
          pdu.get(pdu.position(), raw);
        }
        outcomes.broadcast(b, context, decodeOrNull(pdu), functionCode, raw);
        yield outcomes.notSent(NoResponseReason.BROADCAST);
      }
      case UnitRoute.UnknownUnit u -> {
        pdu.position(pdu.limit());
        yield unknownUnit(functionCode, out);
      }
      case UnitRoute.ToHandler h -> toHandler(h, context, functionCode, pdu, out);
      // ModbusDispatcher hands forwarding routes to ForwardDispatch before it comes here.
      case UnitRoute.Forward f -> throw new IllegalStateException(f + " reached the byte dispatch");
    };
  }

  private int toHandler(UnitRoute.ToHandler route, RequestContext context, int functionCode, ByteBuffer pdu,
      ByteBuffer out) {
    ModbusRequestHandler handler = route.handler;
    DiagnosticCounters counters = handler.diagnosticCounters();
    long token = counters == null ? 0 : counters.messageReceived(false);
    RawPduHandler raw = route.raw;
    // Listen-only devices are not offered the bytes: only the decoder can tell the restart that ends the mode.
    if (raw != null && RawAnswer.offered(functionCode) && (counters == null || !counters.isListenOnly())) {
      int start = out.position();
      if (RawAnswer.serve(raw, context, route.unitId(), functionCode, pdu, out)) {
        pdu.position(pdu.limit());
        int outcome = RawAnswer.exceptionCode(out, start);
        if (outcome != Outcomes.NORMAL) {
          metrics.recordException(outcome);
        }
        return Outcomes.sent(counters, token, functionCode, outcome, out.position() - start);
      }
    }
    ModbusRequest request;
    try {
      request = ModbusPduCodec.decodeRequest(pdu);
    } catch (ModbusDecodeException e) {
      metrics.recordMalformed();
      pdu.position(pdu.limit());
      if (counters != null && counters.isListenOnly()) {
        return outcomes.noResponse(counters, token, false, functionCode, NoResponseReason.LISTEN_ONLY);
      }
      return decodeFailure(counters, token, functionCode, e.exceptionCode().code(), out);
    }
    if (counters != null && counters.isListenOnly() && !Outcomes.isRestart(request)) {
      return outcomes.noResponse(counters, token, false, functionCode, NoResponseReason.LISTEN_ONLY);
    }
    ModbusResponse response = HandlerCall.invoke(handler, context, route.unitId(), request);
    if (response == null) {
      return outcomes.noResponse(counters, token, true, functionCode, NoResponseReason.HANDLER_DECLINED);
    }
    return encode(counters, token, request, response, out);
  }

  private @Nullable ModbusRequest decodeOrNull(ByteBuffer pdu) {
    try {
      return ModbusPduCodec.decodeRequest(pdu);
    } catch (ModbusDecodeException e) {
      metrics.recordMalformed();
      pdu.position(pdu.limit());
      return null;
    }
  }

  private int decodeFailure(
      @Nullable DiagnosticCounters counters, long token, int functionCode, int exceptionCode, ByteBuffer out) {
    if ((functionCode & ~ModbusLimits.EXCEPTION_OFFSET) == 0) {
      // Function code 0x00 or 0x80: an exception response cannot name it.
      return outcomes.noResponse(counters, token, false, functionCode, NoResponseReason.MALFORMED);
    }
    return outcomes.sendException(counters, token, functionCode, exceptionCode, out);
  }

  private int unknownUnit(int functionCode, ByteBuffer out) {
    ExceptionCode code = switch (policy) {
      case NO_RESPONSE -> null;
      case GATEWAY_PATH_UNAVAILABLE -> ExceptionCode.GATEWAY_PATH_UNAVAILABLE;
      case GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND -> ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND;
    };
    if (code == null) {
      return outcomes.notSent(NoResponseReason.UNKNOWN_UNIT);
    }
    if ((functionCode & ~ModbusLimits.EXCEPTION_OFFSET) == 0) {
      return outcomes.notSent(NoResponseReason.MALFORMED);
    }
    metrics.recordException(code.code());
    return ExceptionResponse.writeException(functionCode, code, out);
  }

  private int encode(
      @Nullable DiagnosticCounters counters, long token, ModbusRequest request, ModbusResponse response,
      ByteBuffer out) {
    int functionCode = request.functionCode();
    int position = out.position();
    int written;
    try {
      written = ModbusPduCodec.encode(response, out);
    } catch (RuntimeException e) {
      out.position(position);
      LOG.warn("Cannot encode {} answering {}: answering SERVER_DEVICE_FAILURE", response, request, e);
      return outcomes.sendException(counters, token, functionCode, ExceptionCode.SERVER_DEVICE_FAILURE.code(), out);
    }
    int outcome = response instanceof ExceptionResponse e ? e.exceptionCode() : Outcomes.NORMAL;
    if (outcome != Outcomes.NORMAL) {
      metrics.recordException(outcome);
    }
    return Outcomes.sent(counters, token, functionCode, outcome, written);
  }
}
