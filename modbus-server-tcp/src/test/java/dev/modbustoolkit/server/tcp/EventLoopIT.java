package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.RawClient.frame;
import static dev.modbustoolkit.server.tcp.RawClient.pipeline;
import static dev.modbustoolkit.server.tcp.RawClient.readHolding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.TriggerSpec;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.tcp.RawClient.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What only the event-loop mode has to get right: back-pressure from a client that does not read, isolation of
 * connections sharing a loop, and the move of a connection to its own thread when a fault fires.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventLoopIT {
  private static final int TAG = 40;

  private final TestSupport support = new TestSupport();

  @AfterEach
  void stop() {
    support.close();
  }

  /** Records the thread each request ran on; answers from memory. */
  private static final class ThreadRecorder implements ModbusRequestHandler {
    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public boolean mayBlock() {
      return false;
    }

    @Override
    public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest request) {
      threads.add(Thread.currentThread());
      return ReadHoldingRegistersResponse.of(new int[request.quantity()]);
    }
  }

  private static void assertFc03(Frame f, int transactionId, int address, int quantity) {
    assertThat(f.transactionId()).isEqualTo(transactionId);
    assertThat(f.functionCode()).isEqualTo(0x03);
    assertThat(f.pdu()).hasSize(2 + 2 * quantity);
    for (int i = 0; i < quantity; i += 31) {
      assertThat(f.u16(2 + 2 * i)).as("register %d", address + i).isEqualTo(TestDevice.expected(TAG, address + i));
    }
  }

  @Test
  void connectionsSharingALoopsBuffersKeepTheirPartialRequestsApart() throws Exception {
    // One loop: every connection on it shares the loop's buffers until it has bytes that must wait.
    ModbusTcpServer server = support.start(new TestDevice(TAG), b -> b.ioMode(IoMode.EVENT_LOOP).eventLoops(1));
    try (RawClient a = RawClient.connect(server.localAddress());
        RawClient b = RawClient.connect(server.localAddress());
        RawClient c = RawClient.connect(server.localAddress())) {
      for (int round = 0; round < 50; round++) {
        byte[] requestA = frame(round, 1, readHolding(round, 3));
        byte[] requestB = RawClient.concat(frame(1000 + round, 1, readHolding(round + 1, 2)),
            frame(2000 + round, 1, readHolding(round + 2, 1)));
        // A's request in two parts with B's two whole requests and C's first half in between.
        a.send(java.util.Arrays.copyOf(requestA, 5));
        Thread.sleep(20); // so the server reads the part on its own (no timing is asserted)
        b.send(requestB);
        assertFc03(b.readFrame(), 1000 + round, round + 1, 2);
        assertFc03(b.readFrame(), 2000 + round, round + 2, 1);
        byte[] requestC = frame(3000 + round, 1, readHolding(round + 3, 4));
        c.send(java.util.Arrays.copyOf(requestC, 9));
        Thread.sleep(20);
        a.send(java.util.Arrays.copyOfRange(requestA, 5, requestA.length));
        assertFc03(a.readFrame(), round, round, 3);
        c.send(java.util.Arrays.copyOfRange(requestC, 9, requestC.length));
        assertFc03(c.readFrame(), 3000 + round, round + 3, 4);
      }
    }
  }

  @Test
  void aClientPipeliningMoreAnswersThanTheSocketsHoldGetsEveryOneInOrder() throws Exception {
    ModbusTcpServer server = support.start(new TestDevice(TAG), b -> b.ioMode(IoMode.EVENT_LOOP));
    int requests = 4_000;
    byte[] frames = pipeline(requests, i -> frame(i, 1, readHolding(i % 100, 125)));
    // ~1 MB of answers against a 4 KB receive window: the server must stop writing, stop reading, and go on.
    try (RawClient c = RawClient.connect(server.localAddress(), 4096)) {
      CompletableFuture<Void> sent =
          CompletableFuture.runAsync(
              () -> {
                try {
                  c.send(frames);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      // Let the server fill its send buffer before reading anything.
      Thread.sleep(300);
      for (int i = 0; i < requests; i++) {
        assertFc03(c.readFrame(), i & 0xFFFF, i % 100, 125);
      }
      sent.get(10, TimeUnit.SECONDS);
    }
    assertThat(server.metrics().requests()).isEqualTo(requests);
  }

  @Test
  void aClientThatDoesNotReadHoldsUpNoOtherConnectionOfItsLoop() throws Exception {
    ModbusTcpServer server = support.start(new TestDevice(TAG), b -> b.ioMode(IoMode.EVENT_LOOP).eventLoops(1));
    try (RawClient stalled = RawClient.connect(server.localAddress(), 4096);
        RawClient other = RawClient.connect(server.localAddress())) {
      // 5 MB of answers: more than a small receive window and the largest send buffer the system allows (4 MB)
      // hold, so the server must stop serving `stalled`.
      int requests = 20_000;
      byte[] frames = pipeline(requests, i -> frame(i, 1, readHolding(0, 125)));
      CompletableFuture<Void> flood =
          CompletableFuture.runAsync(
              () -> {
                try {
                  stalled.send(frames);
                } catch (IOException e) {
                  // The server may be closed under the flood at the end of the test.
                }
              });
      TestSupport.until(() -> server.metrics().requests() > 1_000, Duration.ofSeconds(10), "the flood to arrive");
      for (int i = 0; i < 50; i++) {
        assertFc03(other.call(i, 1, readHolding(7, 3)), i, 7, 3);
      }
      long stalledRequests = server.connections().stream()
          .filter(info -> info.bytesIn() > 1_000).findFirst().orElseThrow().requests();
      assertThat(stalledRequests).as("requests answered to the client that does not read").isLessThan(requests);
      flood.cancel(true);
    }
  }

  @Test
  void handlersRunOnTheLoopUntilAFaultFiresThenOnTheConnectionsOwnThread() throws IOException {
    ThreadRecorder recorder = new ThreadRecorder();
    FaultPipeline pipeline = FaultPipeline.create(1);
    ModbusTcpServer server =
        support.start(ModbusDispatcher.builder().unit(1, recorder).build(),
            b -> b.ioMode(IoMode.EVENT_LOOP).faults(pipeline));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertThat(c.call(1, 1, readHolding(0, 2)).pdu()).containsExactly(0x03, 4, 0, 0, 0, 0);
      Thread loop = recorder.threads.getFirst();
      assertThat(loop.isVirtual()).isFalse();
      assertThat(loop.getName()).startsWith("modbus-tcp-loop-");

      // Added while connected; fires on the next request, which the loop has already read when it finds out.
      pipeline.add(FaultSpec.of("slow", new ActionSpec.Delay(Duration.ofMillis(200), Duration.ZERO)));
      long start = System.nanoTime();
      Frame delayed = c.call(2, 1, readHolding(0, 2));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      assertThat(delayed.transactionId()).isEqualTo(2);
      assertThat(delayed.pdu()).containsExactly(0x03, 4, 0, 0, 0, 0);

      pipeline.clear();
      assertThat(c.call(3, 1, readHolding(0, 2)).transactionId()).isEqualTo(3);
      assertThat(recorder.threads).hasSize(3);
      assertThat(recorder.threads.get(1).isVirtual()).isTrue();
      assertThat(recorder.threads.get(2)).isSameAs(recorder.threads.get(1));
    }
    assertThat(server.metrics().faultedRequests()).isEqualTo(1);
  }

  /** A handler that may block (the default): a request for address 99 waits until the test opens the gate. */
  private static final class Gate implements ModbusRequestHandler {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch open = new CountDownLatch(1);
    final List<Thread> threads = new CopyOnWriteArrayList<>();

    @Override
    public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest request) {
      threads.add(Thread.currentThread());
      if (request.address() == 99) {
        entered.countDown();
        try {
          open.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return ReadHoldingRegistersResponse.of(new int[request.quantity()]);
    }
  }

  @Test
  void aHandlerThatMayBlockRunsOnTheConnectionsOwnThreadAndHoldsUpNoOtherConnection() throws Exception {
    Gate gate = new Gate();
    ModbusTcpServer server = support.start(ModbusDispatcher.builder().unit(1, gate).build(),
        b -> b.ioMode(IoMode.EVENT_LOOP).eventLoops(1).requestTimeout(Duration.ZERO));
    try (RawClient blocked = RawClient.connect(server.localAddress());
        RawClient other = RawClient.connect(server.localAddress())) {
      blocked.send(frame(1, 1, readHolding(99, 1)));
      assertThat(gate.entered.await(5, TimeUnit.SECONDS)).isTrue();
      // The only loop is free: the blocked handler holds its own thread.
      for (int i = 0; i < 5; i++) {
        assertThat(other.call(10 + i, 1, readHolding(i, 2)).transactionId()).isEqualTo(10 + i);
      }
      assertThat(gate.open.getCount()).isEqualTo(1);
      gate.open.countDown();
      assertThat(blocked.readFrame().transactionId()).isEqualTo(1);
    }
    assertThat(gate.threads).hasSize(6).allMatch(Thread::isVirtual);
  }

  @Test
  void requestsPipelinedBehindTheOneThatMovesTheConnectionAreAnsweredInOrder() throws IOException {
    FaultPipeline pipeline = FaultPipeline.create(1);
    ModbusTcpServer server = support.start(new TestDevice(TAG), b -> b.ioMode(IoMode.EVENT_LOOP).faults(pipeline));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertFc03(c.call(1, 1, readHolding(0, 1)), 1, 0, 1);
      pipeline.add(
          FaultSpec.of("third", new ActionSpec.Delay(Duration.ofMillis(100), Duration.ZERO),
              TriggerSpec.builder().everyNth(3).build()));
      c.send(pipeline(8, i -> frame(10 + i, 1, readHolding(i, 2))));
      for (int i = 0; i < 8; i++) {
        assertFc03(c.readFrame(), 10 + i, i, 2);
      }
    }
  }
}
