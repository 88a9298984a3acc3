package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatch of a request on a {@link UnitRoute.Forward} route: the checks of {@link ForwardingMode#VALIDATE}, the
 * handler's future bounded by the forward timeout, and the settling of its completion into the answer a transport
 * writes (a checked {@link ForwardAnswer}; exceptions and timeouts mapped to exception codes), counted in the metrics
 * when it settles. The allocation-free paths never come here.
 */
final class ForwardDispatch {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusDispatcher.class);

  private final DispatcherMetrics metrics;
  private final Outcomes outcomes;
  private final LongSupplier nanoClock;
  private final long timeoutNanos;

  ForwardDispatch(DispatcherMetrics metrics, Outcomes outcomes, LongSupplier nanoClock, long timeoutNanos) {
    this.metrics = metrics;
    this.outcomes = outcomes;
    this.nanoClock = nanoClock;
    this.timeoutNanos = timeoutNanos;
  }

  /**
   * Hands the request (all of {@code pdu}'s remaining bytes, consumed) to the route's handler; the future completes
   * normally, with an answer already counted, at the latest after the forward timeout.
   */
  CompletableFuture<ForwardAnswer> start(RouteTable table, UnitRoute.Forward route, RequestContext context,
      ByteBuffer pdu) {
    long start = nanoClock.getAsLong();
    outcomes.countBusMessage(table);
    if (!pdu.hasRemaining()) {
      metrics.recordEmptyRequest();
      metrics.recordMalformed();
      return settled(start, outcomes.notSentAnswer(NoResponseReason.MALFORMED));
    }
    int functionCode = Byte.toUnsignedInt(pdu.get(pdu.position()));
    metrics.recordRequest(functionCode);
    boolean broadcast = route.broadcast();
    if (route.mode == ForwardingMode.VALIDATE) {
      try {
        ModbusPduCodec.decodeRequest(pdu.duplicate());
      } catch (ModbusDecodeException e) {
        metrics.recordMalformed();
        pdu.position(pdu.limit());
        return settled(start, refuse(functionCode, broadcast, e.exceptionCode().code()));
      }
    }
    byte[] bytes = new byte[pdu.remaining()];
    pdu.get(bytes);
    ForwardedRequest request = new ForwardedRequest(context, route.unitId(), bytes, broadcast);
    CompletionStage<ForwardAnswer> stage;
    try {
      stage = route.handler.forward(request);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    if (stage == null) {
      stage = CompletableFuture.failedFuture(new NullPointerException("forward returned null"));
    }
    // A future of our own carries the bound: the handler's future is never completed or cancelled from here.
    CompletableFuture<ForwardAnswer> bounded = new CompletableFuture<>();
    stage.whenComplete((answer, failure) -> {
      if (failure != null) {
        bounded.completeExceptionally(failure);
      } else {
        bounded.complete(answer);
      }
    });
    bounded.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    return bounded.handle((answer, failure) -> settle(route, request, start, answer, failure));
  }

  /**
   * {@link #start} and a wait for the answer, written at {@code out}'s position: for transports that serve one
   * request at a time. Returns the PDU length, or {@link ModbusDispatcher#NO_RESPONSE}.
   */
  int await(RouteTable table, UnitRoute.Forward route, RequestContext context, ByteBuffer pdu, ByteBuffer out) {
    int functionCode = pdu.hasRemaining() ? Byte.toUnsignedInt(pdu.get(pdu.position())) : 0;
    CompletableFuture<ForwardAnswer> answer = start(table, route, context, pdu);
    try {
      return write(answer.get(), functionCode, out);
    } catch (InterruptedException e) {
      // A request timer or a shutdown: the answer, when it comes, is counted and dropped.
      Thread.currentThread().interrupt();
      return ModbusDispatcher.NO_RESPONSE;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a settled forward failed", e);
    }
  }

  /** The object-level dispatch to a forwarding handler: encoded, forwarded and waited for, the answer decoded. */
  Optional<ModbusResponse> decoded(RouteTable table, UnitRoute.Forward route, RequestContext context,
      ModbusRequest request) {
    ByteBuffer out = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
    int n = await(table, route, context, ByteBuffer.wrap(ModbusPduCodec.toBytes(request)), out);
    if (n == ModbusDispatcher.NO_RESPONSE) {
      return Optional.empty();
    }
    try {
      return Optional.of(ModbusPduCodec.decodeResponse(out.flip()));
    } catch (ModbusDecodeException e) {
      LOG.warn("Forwarding handler {} answered {} with bytes that do not decode ({}): SERVER_DEVICE_FAILURE",
          route.handler, request, e.getMessage());
      return Optional.of(new ExceptionResponse(request.functionCode(), ExceptionCode.SERVER_DEVICE_FAILURE));
    }
  }

  /**
   * Writes a settled answer to a request with {@code functionCode} at {@code out}'s position (at least 253 bytes
   * remaining); the PDU length, or {@link ModbusDispatcher#NO_RESPONSE}.
   */
  static int write(ForwardAnswer answer, int functionCode, ByteBuffer out) {
    return switch (answer) {
      case ForwardAnswer.Response r -> {
        r.writeTo(out);
        yield r.length();
      }
      case ForwardAnswer.Exceptional e -> ExceptionResponse.writeException(functionCode, e.exceptionCode(), out);
      case ForwardAnswer.NoAnswer n -> ModbusDispatcher.NO_RESPONSE;
    };
  }

  private CompletableFuture<ForwardAnswer> settled(long start, ForwardAnswer answer) {
    metrics.recordLatency(nanoClock.getAsLong() - start);
    return CompletableFuture.completedFuture(answer);
  }

  /** The dispatcher's own exception answer to a request that does not reach the handler. */
  private ForwardAnswer refuse(int functionCode, boolean broadcast, int exceptionCode) {
    if (broadcast) {
      return outcomes.notSentAnswer(NoResponseReason.BROADCAST);
    }
    if ((functionCode & ~ModbusLimits.EXCEPTION_OFFSET) == 0) {
      // Function code 0x00 or 0x80: an exception response cannot name it.
      return outcomes.notSentAnswer(NoResponseReason.MALFORMED);
    }
    metrics.recordException(exceptionCode);
    return ForwardAnswer.exception(exceptionCode);
  }

  private ForwardAnswer settle(UnitRoute.Forward route, ForwardedRequest request, long start,
      @Nullable ForwardAnswer answer, @Nullable Throwable failure) {
    try {
      ForwardAnswer checked = failure != null ? failed(route, request, failure) : check(route, request, answer);
      int functionCode = request.functionCode();
      return switch (checked) {
        case ForwardAnswer.NoAnswer n ->
            outcomes.notSentAnswer(request.broadcast() ? NoResponseReason.BROADCAST : NoResponseReason.HANDLER_DECLINED);
        case ForwardAnswer.Exceptional e -> {
          if ((functionCode & ~ModbusLimits.EXCEPTION_OFFSET) == 0) {
            yield outcomes.notSentAnswer(NoResponseReason.MALFORMED);
          }
          metrics.recordException(e.exceptionCode());
          yield e;
        }
        case ForwardAnswer.Response r -> {
          int first = r.functionCode();
          if (r.length() == 2 && first == (functionCode | ModbusLimits.EXCEPTION_OFFSET)) {
            metrics.recordException(Byte.toUnsignedInt(r.pdu()[1]));
          }
          yield r;
        }
      };
    } finally {
      metrics.recordLatency(nanoClock.getAsLong() - start);
    }
  }

  private ForwardAnswer check(UnitRoute.Forward route, ForwardedRequest request, @Nullable ForwardAnswer answer) {
    if (answer == null) {
      LOG.warn("Forwarding handler {} completed {} with null: answering SERVER_DEVICE_FAILURE", route.handler,
          request);
      return ForwardAnswer.exception(ExceptionCode.SERVER_DEVICE_FAILURE);
    }
    if (route.mode == ForwardingMode.PASS_THROUGH || !(answer instanceof ForwardAnswer.Response r)) {
      return answer;
    }
    int functionCode = request.functionCode();
    int first = r.functionCode();
    boolean normal = first == functionCode;
    boolean exception = first == (functionCode | ModbusLimits.EXCEPTION_OFFSET) && r.length() == 2
        && r.pdu()[1] != 0;
    if (normal || exception) {
      return r;
    }
    LOG.warn("Forwarding handler {} answered {} with {}, which does not answer it: answering SERVER_DEVICE_FAILURE "
        + "(ForwardingMode.PASS_THROUGH forwards any answer)", route.handler, request, r);
    return ForwardAnswer.exception(ExceptionCode.SERVER_DEVICE_FAILURE);
  }

  private ForwardAnswer failed(UnitRoute.Forward route, ForwardedRequest request, Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return switch (cause) {
      case ForwardingException f -> {
        LOG.debug("Forwarding {}: {}, answering exception {}", request, f.getMessage(), f.exceptionCode());
        yield ForwardAnswer.exception(f.exceptionCode());
      }
      case TimeoutException t -> {
        metrics.recordForwardTimeout();
        LOG.debug("Forwarding {}: no answer within {} ms, answering GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND",
            request, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        yield ForwardAnswer.exception(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
      }
      default -> {
        LOG.warn("Forwarding handler {} failed on {}: answering SERVER_DEVICE_FAILURE", route.handler, request, cause);
        yield ForwardAnswer.exception(ExceptionCode.SERVER_DEVICE_FAILURE);
      }
    };
  }
}
