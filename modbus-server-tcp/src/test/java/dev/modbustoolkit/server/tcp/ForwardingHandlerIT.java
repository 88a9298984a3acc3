package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.RawClient.frame;
import static dev.modbustoolkit.server.tcp.RawClient.pipeline;
import static dev.modbustoolkit.server.tcp.RawClient.readHolding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.CloseMode;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.server.core.ForwardedRequest;
import dev.modbustoolkit.server.core.ForwardingException;
import dev.modbustoolkit.server.core.ForwardingHandler;
import dev.modbustoolkit.server.core.ForwardingMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.RawClient.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forwarding handlers on a TCP server, in the I/O mode of the run (the build runs every IT on the event loop and
 * again with a thread per connection): answers from futures completed on other threads, in request order.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ForwardingHandlerIT {
  private final TestSupport support = new TestSupport();
  private final ScheduledExecutorService device = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    support.close();
    device.shutdownNow();
  }

  /**
   * A downstream device simulated on another thread: read holding registers answered with one register holding
   * {@code unit * 256 + address}, after {@code delayOf(request)} ms.
   */
  private final class Downstream implements ForwardingHandler {
    final List<ForwardedRequest> seen = new CopyOnWriteArrayList<>();
    final Function<ForwardedRequest, Long> delayOf;
    final ForwardingMode mode;
    final List<String> threads = new CopyOnWriteArrayList<>();

    Downstream(ForwardingMode mode, Function<ForwardedRequest, Long> delayOf) {
      this.mode = mode;
      this.delayOf = delayOf;
    }

    @Override
    public CompletionStage<ForwardAnswer> forward(ForwardedRequest request) {
      seen.add(request);
      CompletableFuture<ForwardAnswer> answer = new CompletableFuture<>();
      device.schedule(() -> {
        threads.add(Thread.currentThread().getName());
        answer.complete(answerTo(request));
      }, delayOf.apply(request), TimeUnit.MILLISECONDS);
      return answer;
    }

    @Override
    public ForwardingMode forwardingMode() {
      return mode;
    }
  }

  static ForwardAnswer answerTo(ForwardedRequest r) {
    byte[] pdu = r.pdu();
    if (r.broadcast()) {
      return ForwardAnswer.none();
    }
    if (pdu[0] != 0x03) {
      return ForwardAnswer.response(new byte[] {pdu[0], 0x00, 0x2A});
    }
    int address = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
    int value = r.unitId() * 256 + address;
    return ForwardAnswer.response(new byte[] {0x03, 0x02, (byte) (value >>> 8), (byte) value});
  }

  private ModbusTcpServer start(ForwardingHandler handler) throws IOException {
    return support.start(ModbusDispatcher.builder().routeAll(handler).build(), b -> {});
  }

  private static void assertRegister(Frame f, int tid, int unit, int address) {
    assertThat(f.transactionId()).as("transaction id of %s", f).isEqualTo(tid);
    assertThat(f.unitId()).as("unit of %s", f).isEqualTo(unit);
    assertThat(f.functionCode()).as("function code of %s", f).isEqualTo(3);
    assertThat(f.u16(2)).as("value of %s", f).isEqualTo(unit * 256 + address);
  }

  @Test
  void anAnswerCompletedOnAnotherThreadAfterADelayIsFramedAndSent() throws IOException {
    Downstream slow = new Downstream(ForwardingMode.VALIDATE, r -> 150L);
    ModbusTcpServer server = start(slow);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      long t0 = System.nanoTime();
      assertRegister(c.call(7, 42, readHolding(9, 1)), 7, 42, 9);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }
    assertThat(slow.threads).singleElement().asString().doesNotStartWith("modbus-tcp");
    assertThat(server.dispatcher().metrics().snapshot().count()).isEqualTo(1);
    assertThat(server.dispatcher().metrics().snapshot().max()).isGreaterThanOrEqualTo(Duration.ofMillis(140));
  }

  @Test
  void eightPipelinedRequestsAreAnsweredInRequestOrderThoughTheyCompleteInReverse() throws IOException {
    // Request i completes after (8 - i) * 40 ms: the last one first.
    Downstream reverse = new Downstream(ForwardingMode.VALIDATE, r -> (8 - r.pdu()[2]) * 40L);
    ModbusTcpServer server = start(reverse);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(pipeline(8, i -> frame(0x100 + i, 10 + i, readHolding(i, 1))));
      for (int i = 0; i < 8; i++) {
        assertRegister(c.readFrame(), 0x100 + i, 10 + i, i);
      }
      assertThat(c.silentFor(200)).isTrue();
    }
    assertThat(reverse.seen).hasSize(8);
  }

  @Test
  void answersFromMemoryWaitBehindForwardedOnesOnTheSameConnection() throws IOException {
    Downstream slow = new Downstream(ForwardingMode.VALIDATE, r -> 200L);
    DataModel model = DataModel.dense();
    model.holdingRegisters().set(3, 0x0103);
    ModbusDispatcher dispatcher =
        ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).routeAll(slow).build();
    ModbusTcpServer server = support.start(dispatcher, b -> {});
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(RawClient.concat(frame(1, 1, readHolding(3, 1)), frame(2, 5, readHolding(3, 1)),
          frame(3, 1, readHolding(3, 1)), frame(4, 6, readHolding(3, 1))));
      assertRegister(c.readFrame(), 1, 1, 3);
      assertRegister(c.readFrame(), 2, 5, 3);
      assertRegister(c.readFrame(), 3, 1, 3);
      assertRegister(c.readFrame(), 4, 6, 3);
    }
  }

  @Test
  void twoConnectionsInterleavedGetTheirOwnAnswers() throws Exception {
    // Delays that interleave the two connections' completions.
    Downstream mixed = new Downstream(ForwardingMode.VALIDATE, r -> (long) ((r.unitId() * 37 + r.pdu()[2] * 53) % 90));
    ModbusTcpServer server = start(mixed);
    try (RawClient a = RawClient.connect(server.localAddress());
        RawClient b = RawClient.connect(server.localAddress())) {
      for (int round = 0; round < 5; round++) {
        a.send(pipeline(8, i -> frame(i, 1, readHolding(i, 1))));
        b.send(pipeline(8, i -> frame(i, 2, readHolding(100 + i, 1))));
        List<Frame> fromA = new ArrayList<>();
        List<Frame> fromB = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          fromA.add(a.readFrame());
          fromB.add(b.readFrame());
        }
        for (int i = 0; i < 8; i++) {
          assertRegister(fromA.get(i), i, 1, i);
          assertRegister(fromB.get(i), i, 2, 100 + i);
        }
      }
    }
  }

  @Test
  void exceptionalCompletionsAnswerTheirExceptionCodes() throws IOException {
    ForwardingHandler failing = request -> switch (request.unitId()) {
      case 1 -> CompletableFuture.failedFuture(new ForwardingException(
          ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND, "no answer downstream", null));
      case 2 -> CompletableFuture.completedFuture(ForwardAnswer.exception(ExceptionCode.GATEWAY_PATH_UNAVAILABLE));
      case 3 -> CompletableFuture.supplyAsync(() -> {
        throw new IllegalStateException("downstream link broke");
      });
      default -> CompletableFuture.failedFuture(new ForwardingException(ExceptionCode.SERVER_DEVICE_BUSY, "full", null));
    };
    ModbusTcpServer server = start(failing);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertThat(c.call(1, 1, readHolding(0, 1)).pdu()).containsExactly(0x83, 0x0B);
      assertThat(c.call(2, 2, readHolding(0, 1)).pdu()).containsExactly(0x83, 0x0A);
      assertThat(c.call(3, 3, readHolding(0, 1)).pdu()).containsExactly(0x83, 0x04);
      assertThat(c.call(4, 4, readHolding(0, 1)).pdu()).containsExactly(0x83, 0x06);
    }
  }

  @Test
  void aFutureThatNeverCompletesIsAnsweredAfterTheForwardTimeoutAndTheConnectionGoesOn() throws IOException {
    ForwardingHandler never = request -> request.unitId() == 1 ? new CompletableFuture<>()
        : CompletableFuture.completedFuture(answerTo(request));
    ModbusDispatcher dispatcher =
        ModbusDispatcher.builder().routeAll(never).forwardTimeout(Duration.ofMillis(300)).build();
    ModbusTcpServer server = support.start(dispatcher, b -> {});
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(RawClient.concat(frame(1, 1, readHolding(0, 1)), frame(2, 2, readHolding(4, 1))));
      Frame timedOut = c.readFrame();
      assertThat(timedOut.transactionId()).isEqualTo(1);
      assertThat(timedOut.pdu()).containsExactly(0x83, 0x0B);
      assertRegister(c.readFrame(), 2, 2, 4);
    }
    assertThat(dispatcher.metrics().forwardTimeouts()).isEqualTo(1);
  }

  @Test
  void passThroughForwardsAFunctionCodeTheDecoderRejects() throws IOException {
    Downstream passThrough = new Downstream(ForwardingMode.PASS_THROUGH, r -> 10L);
    ModbusTcpServer server = start(passThrough);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertThat(c.call(1, 5, (byte) 0x09, (byte) 0x01).pdu()).containsExactly(0x09, 0x00, 0x2A);
      // Quantity 0 breaks the spec; the device behind decides.
      assertThat(c.call(2, 5, readHolding(0, 0)).functionCode()).isEqualTo(3);
    }
    assertThat(passThrough.seen).hasSize(2);
  }

  @Test
  void withoutPassThroughTheDispatcherRejectsItWithoutTheHandler() throws IOException {
    Downstream validating = new Downstream(ForwardingMode.VALIDATE, r -> 10L);
    ModbusTcpServer server = start(validating);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertThat(c.call(1, 5, (byte) 0x09, (byte) 0x01).pdu()).containsExactly(0x89, 0x01);
      assertThat(c.call(2, 5, readHolding(0, 0)).pdu()).containsExactly(0x83, 0x03);
    }
    assertThat(validating.seen).isEmpty();
  }

  @Test
  void aBroadcastReachesTheHandlerAndIsNotAnswered() throws IOException {
    Downstream gateway = new Downstream(ForwardingMode.VALIDATE, r -> 10L);
    ModbusTcpServer server = start(gateway);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(frame(1, 0, RawClient.writeRegister(1, 7)));
      assertThat(c.silentFor(300)).isTrue();
      assertRegister(c.call(2, 3, readHolding(1, 1)), 2, 3, 1);
    }
    assertThat(gateway.seen.get(0).broadcast()).isTrue();
    assertThat(gateway.seen.get(0).unitId()).isZero();
  }

  @Test
  void aDelayFaultAppliesToAnAsynchronousAnswer() throws IOException {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("slow", new ActionSpec.Delay(Duration.ofMillis(300), Duration.ZERO)));
    Downstream fast = new Downstream(ForwardingMode.VALIDATE, r -> 5L);
    ModbusTcpServer server =
        support.start(ModbusDispatcher.builder().routeAll(fast).build(), b -> b.faults(faults));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      long t0 = System.nanoTime();
      assertRegister(c.call(1, 9, readHolding(2, 1)), 1, 9, 2);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }
    assertThat(server.metrics().faultedRequests()).isEqualTo(1);
  }

  @Test
  void aCloseFaultClosesAfterTheAsynchronousAnswer() throws IOException {
    FaultPipeline faults = FaultPipeline.create(1);
    faults.add(FaultSpec.of("bye", ActionSpec.CloseConnection.afterRequests(2, CloseMode.FIN)));
    Downstream fast = new Downstream(ForwardingMode.VALIDATE, r -> 50L);
    ModbusTcpServer server =
        support.start(ModbusDispatcher.builder().routeAll(fast).build(), b -> b.faults(faults));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertRegister(c.call(1, 9, readHolding(2, 1)), 1, 9, 2);
      assertRegister(c.call(2, 9, readHolding(3, 1)), 2, 9, 3);
      assertThat(c.closedByPeerWithin(3_000)).isTrue();
    }
    TestSupport.until(() -> server.metrics().faultClosedConnections() == 1, Duration.ofSeconds(10),
        "the fault close counted");
  }

  @Test
  void aHalfClosingClientStillGetsItsForwardedAnswers() throws IOException {
    Downstream slow = new Downstream(ForwardingMode.VALIDATE, r -> 150L);
    ModbusTcpServer server = start(slow);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(pipeline(3, i -> frame(i, 4, readHolding(i, 1))));
      c.socket().shutdownOutput();
      for (int i = 0; i < 3; i++) {
        assertRegister(c.readFrame(), i, 4, i);
      }
      assertThat(c.closedByPeerWithin(3_000)).isTrue();
    }
  }

  @Test
  void pipelinedRequestsAreAllForwardedBeforeAnyAnswerOnTheEventLoop() throws IOException {
    Assumptions.assumeTrue(TestSupport.IO_MODE == IoMode.EVENT_LOOP, "a thread per connection waits per request");
    // No answer until all eight requests have reached the handler: only a loop that does not wait gets there.
    List<CompletableFuture<ForwardAnswer>> open = new CopyOnWriteArrayList<>();
    List<ForwardedRequest> requests = new CopyOnWriteArrayList<>();
    ForwardingHandler gathering = request -> {
      CompletableFuture<ForwardAnswer> answer = new CompletableFuture<>();
      requests.add(request);
      open.add(answer);
      if (open.size() == 8) {
        for (int i = 7; i >= 0; i--) {
          open.get(i).complete(answerTo(requests.get(i)));
        }
      }
      return answer;
    };
    ModbusTcpServer server = start(gathering);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(pipeline(8, i -> frame(i, 3, readHolding(i, 1))));
      for (int i = 0; i < 8; i++) {
        assertRegister(c.readFrame(), i, 3, i);
      }
    }
  }

  @Test
  void aConnectionWaitingForAForwardedAnswerHoldsUpNoOtherConnectionOnItsLoop() throws IOException {
    CompletableFuture<ForwardAnswer> held = new CompletableFuture<>();
    DataModel model = DataModel.dense();
    model.holdingRegisters().set(0, 0x0100);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model))
        .routeAll(request -> held).build();
    // One loop: both connections share it.
    ModbusTcpServer server = support.start(dispatcher, b -> b.eventLoops(1));
    try (RawClient waiting = RawClient.connect(server.localAddress());
        RawClient other = RawClient.connect(server.localAddress())) {
      waiting.send(frame(1, 9, readHolding(0, 1)));
      for (int i = 0; i < 20; i++) {
        assertRegister(other.call(i, 1, readHolding(0, 1)), i, 1, 0);
      }
      held.complete(ForwardAnswer.response(new byte[] {0x03, 0x02, 0x09, 0x00}));
      assertRegister(waiting.readFrame(), 1, 9, 0);
    }
  }
}
