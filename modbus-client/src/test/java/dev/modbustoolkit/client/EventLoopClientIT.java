package dev.modbustoolkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients read on the shared event loop ({@code eventLoop(true)}) against our TCP server: many clients at once each
 * get their own answers, pipelined or not; blocking calls from other threads work; a blocking call on the loop
 * thread itself is refused instead of hanging every client; closing a client closes its connection.
 */
class EventLoopClientIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final List<AutoCloseable> open = new ArrayList<>();
  private ModbusTcpServer server;

  @BeforeEach
  void start() throws Exception {
    DataModel model = DataModel.dense();
    for (int i = 0; i < 1000; i++) {
      model.holdingRegisters().set(i, value(i));
    }
    server = ModbusTcpServer.builder(ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build())
        .bindAddress("127.0.0.1").port(0).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
    server.close();
  }

  private static int value(int address) {
    return (address * 7 + 3) & 0xFFFF;
  }

  private ModbusClient client(int window) {
    ModbusClient c = ModbusClient.tcp("127.0.0.1", server.localAddress().getPort()).eventLoop(true).window(window)
        .timeout(TIMEOUT).retry(RetryPolicy.NONE).build();
    open.add(c);
    return c;
  }

  @Test
  void sixteenClientsOnTheLoopEachGetTheirOwnAnswersPipelinedOrNot() throws Exception {
    List<ModbusClient> clients = new ArrayList<>();
    for (int c = 0; c < 16; c++) {
      clients.add(client(c % 2 == 0 ? 1 : 8));
    }
    List<CompletableFuture<ReadHoldingRegistersResponse>> answers = new ArrayList<>();
    List<Integer> addresses = new ArrayList<>();
    for (int round = 0; round < 50; round++) {
      for (int c = 0; c < clients.size(); c++) {
        int address = (c * 61 + round * 13) % 990;
        addresses.add(address);
        answers.add(clients.get(c).readHoldingRegisters(1, address, 3));
      }
    }
    for (int i = 0; i < answers.size(); i++) {
      int a = addresses.get(i);
      assertThat(answers.get(i).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).values()).as("request %d", i)
          .containsExactly((short) value(a), (short) value(a + 1), (short) value(a + 2));
    }
    for (ModbusClient c : clients) {
      assertThat(c.metrics().unexpectedAnswers()).isZero();
      assertThat(c.metrics().connects()).isEqualTo(1);
    }
  }

  @Test
  void blockingCallsFromManyVirtualThreadsWork() throws Exception {
    ModbusClient client = client(4);
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> checked = new ArrayList<>();
      for (int t = 0; t < 50; t++) {
        int first = t * 17;
        checked.add(threads.submit(() -> {
          int n = 0;
          for (int i = 0; i < 20; i++) {
            int address = (first + i) % 1000;
            assertThat(client.blocking().readHoldingRegisters(1, address, 1).value(0)).isEqualTo(value(address));
            n++;
          }
          return n;
        }));
      }
      for (Future<Integer> f : checked) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(20);
      }
    }
  }

  @Test
  void aBlockingCallInACallbackOnTheLoopIsRefusedAndTheClientServesOn() throws Exception {
    // A device that answers 200 ms late: the callbacks are attached long before, so they run on the loop thread.
    try (ScriptedServer slow = new ScriptedServer(false, (r, i) -> ScriptedServer.registers(r, 200))) {
      ModbusClient client = ModbusClient.tcp("127.0.0.1", slow.port()).eventLoop(true).timeout(TIMEOUT)
          .retry(RetryPolicy.NONE).build();
      open.add(client);
      CompletableFuture<Thread> ranOn = new CompletableFuture<>();
      CompletableFuture<Integer> nested = client.readHoldingRegisters(1, 0, 1).thenApply(r -> {
        ranOn.complete(Thread.currentThread());
        return client.blocking().readHoldingRegisters(1, 1, 1).value(0);
      });
      assertThatThrownBy(() -> nested.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
          .hasCauseInstanceOf(IllegalStateException.class)
          .cause().hasMessageContaining("client event loop");
      assertThat(ranOn.join().getName()).isEqualTo("modbus-client-loop");
      // The asynchronous client is fine there, and the loop still serves.
      CompletableFuture<Integer> chained = client.readHoldingRegisters(1, 0, 1)
          .thenCompose(r -> client.readHoldingRegisters(1, 5, 1)).thenApply(r -> r.value(0));
      assertThat(chained.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ScriptedServer.valueOf(5));
      assertThat(client.blocking().readHoldingRegisters(1, 9, 1).value(0)).isEqualTo(ScriptedServer.valueOf(9));
    }
  }

  @Test
  void closingAClientOnTheLoopClosesItsConnectionAndFailsLaterCalls() throws Exception {
    ModbusClient client = client(1);
    assertThat(client.blocking().readHoldingRegisters(1, 2, 1).value(0)).isEqualTo(value(2));
    assertThat(server.connections()).hasSize(1);
    client.close();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!server.connections().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.connections()).as("the server saw the connection end").isEmpty();
    CompletableFuture<ReadHoldingRegistersResponse> after = client.readHoldingRegisters(1, 2, 1);
    assertThatThrownBy(after::join).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ModbusConnectionException.class);
  }
}
