package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.call;
import static dev.modbustoolkit.server.core.Pdus.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The catch-all forwarding handler: raw PDUs in, futures of answers out, validation or pass-through, broadcasts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ForwardingHandlerTest {

  /** Records every request and answers as {@code answer} says. */
  static final class Recorder implements ForwardingHandler {
    final List<ForwardedRequest> seen = new CopyOnWriteArrayList<>();
    final Function<ForwardedRequest, CompletionStage<ForwardAnswer>> answer;
    final ForwardingMode mode;

    Recorder(ForwardingMode mode, Function<ForwardedRequest, CompletionStage<ForwardAnswer>> answer) {
      this.mode = mode;
      this.answer = answer;
    }

    Recorder(Function<ForwardedRequest, CompletionStage<ForwardAnswer>> answer) {
      this(ForwardingMode.VALIDATE, answer);
    }

    /** Echoes the request PDU as the response, at once. */
    static Recorder echo(ForwardingMode mode) {
      return new Recorder(mode, r -> CompletableFuture.completedFuture(ForwardAnswer.response(r.pdu())));
    }

    @Override
    public CompletionStage<ForwardAnswer> forward(ForwardedRequest request) {
      seen.add(request);
      return answer.apply(request);
    }

    @Override
    public ForwardingMode forwardingMode() {
      return mode;
    }
  }

  private static ModbusDispatcher all(ForwardingHandler h) {
    return ModbusDispatcher.builder().routeAll(h).build();
  }

  @Test
  void everyFunctionCodeAndUnitReachesTheCatchAllAsReceived() {
    Recorder echo = Recorder.echo(ForwardingMode.VALIDATE);
    ModbusDispatcher d = all(echo);

    assertThat(call(d, TCP, 17, "03 006B 0003")).isEqualTo("03006B0003");
    assertThat(call(d, TCP, 247, "41 DEADBEEF")).isEqualTo("41DEADBEEF"); // user-defined, opaque
    assertThat(call(d, TCP, 250, "2B 0E 01 00")).isEqualTo("2B0E0100");
    assertThat(echo.seen).extracting(ForwardedRequest::unitId).containsExactly(17, 247, 250);
    ForwardedRequest first = echo.seen.get(0);
    assertThat(first.pdu()).containsExactly(hex("03 006B 0003"));
    assertThat(first.functionCode()).isEqualTo(3);
    assertThat(first.context()).isEqualTo(TCP);
    assertThat(first.broadcast()).isFalse();
    assertThat(d.route(TCP, 17).isAsync()).isTrue();
    assertThat(d.route(TCP, 17).mayBlock()).isTrue();
    assertThat(d.metrics().requests(3)).isEqualTo(1);
    assertThat(d.metrics().snapshot().count()).isEqualTo(3);
  }

  @Test
  void validateAnswersMalformedRequestsWithoutTheHandler() {
    Recorder echo = Recorder.echo(ForwardingMode.VALIDATE);
    ModbusDispatcher d = all(echo);

    assertThat(call(d, TCP, 1, "09 0001")).isEqualTo("8901");          // no such function code
    assertThat(call(d, TCP, 1, "03 0000 0000")).isEqualTo("8303");     // quantity 0
    assertThat(call(d, TCP, 1, "10 0000 0002 03 000100")).isEqualTo("9003"); // byte count does not match
    assertThat(echo.seen).isEmpty();
    assertThat(d.metrics().malformedRequests()).isEqualTo(3);
  }

  @Test
  void passThroughForwardsWhatTheDecoderWouldRejectAndAnyAnswer() {
    Recorder odd = new Recorder(ForwardingMode.PASS_THROUGH,
        r -> CompletableFuture.completedFuture(ForwardAnswer.response(hex("77 01"))));
    ModbusDispatcher d = all(odd);

    assertThat(call(d, TCP, 1, "09 0001")).isEqualTo("7701");
    assertThat(call(d, TCP, 1, "03 0000 0000")).isEqualTo("7701");
    assertThat(odd.seen).extracting(r -> hex(r.pdu())).containsExactly("090001", "0300000000");
  }

  @Test
  void validateReplacesAnAnswerToAnotherFunctionCodeWithServerDeviceFailure() {
    Recorder wrong = new Recorder(r -> CompletableFuture.completedFuture(ForwardAnswer.response(hex("04 02 0001"))));
    assertThat(call(all(wrong), TCP, 1, "03 0000 0001")).isEqualTo("8304");
  }

  @Test
  void aDevicesExceptionResponseIsForwardedUnchanged() {
    Recorder refusing = new Recorder(r -> CompletableFuture.completedFuture(ForwardAnswer.response(hex("83 02"))));
    ModbusDispatcher d = all(refusing);
    assertThat(call(d, TCP, 1, "03 0000 0001")).isEqualTo("8302");
    assertThat(d.metrics().exceptions(2)).isEqualTo(1);
  }

  @Test
  void exceptionAnswersAndExceptionalCompletionsBecomeExceptionCodes() {
    assertThat(call(all(new Recorder(r -> CompletableFuture.completedFuture(
        ForwardAnswer.exception(ExceptionCode.GATEWAY_PATH_UNAVAILABLE)))), TCP, 1, "03 0000 0001"))
        .isEqualTo("830A");
    assertThat(call(all(new Recorder(r -> CompletableFuture.failedFuture(new ForwardingException(
        ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND, "downstream timeout", null)))), TCP, 1,
        "06 0001 0002")).isEqualTo("860B");
    assertThat(call(all(new Recorder(r -> CompletableFuture.failedFuture(new CompletionException(
        new ForwardingException(ExceptionCode.SERVER_DEVICE_BUSY, "queue full", null))))), TCP, 1, "03 0000 0001"))
        .isEqualTo("8306");
    assertThat(call(all(new Recorder(r -> CompletableFuture.failedFuture(new IllegalStateException("bug")))), TCP,
        1, "03 0000 0001")).isEqualTo("8304");
    assertThat(call(all(new Recorder(r -> CompletableFuture.completedFuture(null))), TCP, 1, "03 0000 0001"))
        .isEqualTo("8304");
    assertThat(call(all(new Recorder(r -> {
      throw new IllegalStateException("threw instead of failing the future");
    })), TCP, 1, "03 0000 0001")).isEqualTo("8304");
  }

  @Test
  void noAnswerSendsNothing() {
    ModbusDispatcher d = all(new Recorder(r -> CompletableFuture.completedFuture(ForwardAnswer.none())));
    assertThat(call(d, TCP, 1, "03 0000 0001")).isNull();
    assertThat(d.metrics().responsesNotSent(NoResponseReason.HANDLER_DECLINED)).isEqualTo(1);
  }

  @Test
  void dispatchAsyncCompletesWhenTheHandlersFutureDoesOnAnotherThread() throws Exception {
    CompletableFuture<ForwardAnswer> device = new CompletableFuture<>();
    ModbusDispatcher d = all(new Recorder(r -> device));
    UnitRoute route = d.route(TCP, 5);

    CompletableFuture<ForwardAnswer> answer = d.dispatchAsync(route, TCP, ByteBuffer.wrap(hex("03 0000 0001")));
    assertThat(answer).isNotDone();
    assertThat(d.metrics().snapshot().count()).isZero(); // the latency is the answer's, not the hand-off's
    Thread.ofPlatform().start(() -> {
      sleep(50);
      device.complete(ForwardAnswer.response(hex("03 02 1234")));
    });
    assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(ForwardAnswer.response(hex("03 02 1234")));
    assertThat(d.metrics().snapshot().count()).isEqualTo(1);
    assertThat(d.metrics().snapshot().max()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void dispatchAsyncRefusesASynchronousRoute() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(
        dev.modbustoolkit.registers.DataModel.dense())).build();
    assertThatThrownBy(() -> d.dispatchAsync(d.route(TCP, 1), TCP, ByteBuffer.wrap(hex("03 0000 0001"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dispatch");
  }

  @Test
  void aFutureThatNeverCompletesIsAnsweredGatewayTargetFailedAfterTheForwardTimeout() throws Exception {
    CompletableFuture<ForwardAnswer> never = new CompletableFuture<>();
    ModbusDispatcher d = ModbusDispatcher.builder().routeAll(new Recorder(r -> never))
        .forwardTimeout(Duration.ofMillis(50)).build();

    assertThat(call(d, TCP, 1, "03 0000 0001")).isEqualTo("830B");
    CompletableFuture<ForwardAnswer> async =
        d.dispatchAsync(d.route(TCP, 1), TCP, ByteBuffer.wrap(hex("03 0000 0001")));
    assertThat(async.get(10, TimeUnit.SECONDS)).isEqualTo(ForwardAnswer.exception(0x0B));
    assertThat(d.metrics().forwardTimeouts()).isEqualTo(2);
    assertThat(never).isNotDone(); // the handler's own future is left alone
  }

  @Test
  void aSerialBroadcastReachesTheForwarderAndIsNeverAnswered() {
    Recorder echo = Recorder.echo(ForwardingMode.VALIDATE);
    ModbusDispatcher d = all(echo);

    assertThat(call(d, SERIAL, 0, "06 0001 0002")).isNull();
    assertThat(echo.seen).singleElement().satisfies(r -> {
      assertThat(r.broadcast()).isTrue();
      assertThat(r.unitId()).isZero();
    });
    assertThat(call(d, new SerialRequestContext("ttyNoBroadcast", false), 0, "06 0001 0002")).isNull();
    assertThat(echo.seen).hasSize(1);
    assertThat(call(d, SERIAL, 0, "03 0000 0000")).isNull(); // malformed: not forwarded
    assertThat(echo.seen).hasSize(1);
  }

  @Test
  void onTcpUnit0ReachesTheCatchAllAsABroadcastAndNoAnswerSendsNothing() {
    Recorder silent = new Recorder(r -> CompletableFuture.completedFuture(ForwardAnswer.none()));
    ModbusDispatcher d = all(silent);

    assertThat(call(d, TCP, 0, "06 0001 0002")).isNull();
    assertThat(silent.seen).singleElement().extracting(ForwardedRequest::broadcast).isEqualTo(true);
    assertThat(d.metrics().responsesNotSent(NoResponseReason.BROADCAST)).isEqualTo(1);
    assertThat(call(d, TCP, 255, "06 0001 0002")).isNull();
    assertThat(silent.seen.get(1).broadcast()).isFalse();
  }

  @Test
  void theObjectLevelDispatchForwardsTheEncodedRequestAndDecodesTheAnswer() {
    ModbusDispatcher d = all(new Recorder(r -> CompletableFuture.completedFuture(ForwardAnswer.response(hex("03 02 002A")))));
    Optional<ModbusResponse> response = d.dispatch(TCP, 9, new ReadHoldingRegistersRequest(0, 1));
    assertThat(response).contains(ReadHoldingRegistersResponse.of(42));
    ModbusDispatcher broken = all(new Recorder(r -> CompletableFuture.completedFuture(ForwardAnswer.response(hex("03 05")))));
    assertThat(broken.dispatch(TCP, 9, new ReadHoldingRegistersRequest(0, 1)))
        .contains(new ExceptionResponse(3, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  @Test
  void answerValuesValidateAtTheBoundary() {
    assertThatThrownBy(() -> ForwardAnswer.response(new byte[0])).hasMessageContaining("0 bytes");
    assertThatThrownBy(() -> ForwardAnswer.response(new byte[254])).hasMessageContaining("254 bytes");
    assertThatThrownBy(() -> ForwardAnswer.exception(0)).hasMessageContaining("exception code 0");
    assertThatThrownBy(() -> new ForwardingException(256, "x", null)).hasMessageContaining("256");
    assertThatThrownBy(() -> new ForwardedRequest(TCP, 256, new byte[] {3}, false)).hasMessageContaining("256");
    byte[] pdu = hex("03 0000 0001");
    ForwardedRequest r = new ForwardedRequest(TCP, 1, pdu, false);
    pdu[0] = 4;
    assertThat(r.functionCode()).isEqualTo(3);
    assertThat(r.pduBuffer().isReadOnly()).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
