package dev.modbustoolkit.client;

import static dev.modbustoolkit.client.ScriptedServer.echo;
import static dev.modbustoolkit.client.ScriptedServer.exception;
import static dev.modbustoolkit.client.ScriptedServer.registers;
import static dev.modbustoolkit.client.ScriptedServer.valueOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.client.ScriptedServer.Answer;
import dev.modbustoolkit.client.ScriptedServer.Close;
import dev.modbustoolkit.client.ScriptedServer.Request;
import dev.modbustoolkit.client.ScriptedServer.Silence;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the client does when devices misbehave, against a server whose every answer is scripted: late answers,
 * silence, busy devices, dropped connections, wrong answers. Timing is only ever a lower bound or an order.
 */
class ClientBehaviourIT {
  private static final Duration SHORT = Duration.ofMillis(150);
  private ScriptedServer server;
  private ModbusClient client;

  /** Whether the clients read on the shared event loop ({@link ClientBehaviourOnEventLoopIT}) or a thread each. */
  boolean eventLoop() {
    return false;
  }

  private TcpClientBuilder tcp(String host, int port) {
    return ModbusClient.tcp(host, port).eventLoop(eventLoop());
  }

  private TcpClientBuilder rtuOverTcp(String host, int port) {
    return ModbusClient.rtuOverTcp(host, port).eventLoop(eventLoop());
  }

  @AfterEach
  void close() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static Throwable failure(CompletableFuture<?> f) throws InterruptedException {
    try {
      f.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + f.join());
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the future never completed", e);
    }
  }

  @Test
  void aLateAnswerOnOneConnectionIsCountedAndTheNextAnswerIsItsOwn() throws Exception {
    server = new ScriptedServer(false, (r, i) -> registers(r, i == 0 ? 400 : 300));
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofMillis(250))
        .retry(RetryPolicy.NONE).build();
    CompletableFuture<?> first = client.readHoldingRegisters(1, 100, 1);
    assertThat(failure(first)).isInstanceOf(ModbusTimeoutException.class);
    // Sent at about 250 ms, answered at about 550 ms: the late answer to the first comes at about 400 ms, while
    // this one is in flight. With a 250 ms deadline it may time out on a slow machine; then it must also fail,
    // never take the late answer.
    CompletableFuture<short[]> second = client.readHoldingRegisters(1, 200, 1).thenApply(r -> r.values());
    try {
      assertThat(second.get(10, TimeUnit.SECONDS)).containsExactly((short) valueOf(200));
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(ModbusTimeoutException.class);
    }
    awaitLate(1);
    assertThat(client.metrics().unexpectedAnswers()).isZero();
  }

  private void awaitLate(long expected) throws InterruptedException {
    for (int i = 0; i < 200 && client.metrics().lateAnswers() < expected; i++) {
      Thread.sleep(25);
    }
    assertThat(client.metrics().lateAnswers()).isEqualTo(expected);
  }

  @Test
  void overRtuALateAnswerArrivingWhileTheLinkDrainsIsDropped() throws Exception {
    // Timed out at 400 ms, answered at 500 ms, inside the 300 ms drain: the next request goes at 700 ms.
    server = new ScriptedServer(true, (r, i) -> registers(r, i == 0 ? 500 : 0));
    client = rtuOverTcp("127.0.0.1", server.port()).timeout(Duration.ofMillis(400))
        .retry(RetryPolicy.NONE).drainAfterTimeout(Duration.ofMillis(300)).build();
    assertThat(failure(client.readHoldingRegisters(1, 100, 1))).isInstanceOf(ModbusTimeoutException.class);
    assertThat(client.readHoldingRegisters(1, 200, 1).get(10, TimeUnit.SECONDS).values())
        .containsExactly((short) valueOf(200));
    assertThat(client.metrics().lateAnswers()).isEqualTo(1);
  }

  @Test
  void aCancelledQueuedRequestIsNeverSent() throws Exception {
    server = new ScriptedServer(false, (r, i) -> r.address() == 1 ? new Silence() : registers(r, 0));
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofMillis(300))
        .retry(RetryPolicy.NONE).build();
    CompletableFuture<?> stuck = client.readHoldingRegisters(1, 1, 1);
    CompletableFuture<?> cancelled = client.readHoldingRegisters(1, 2, 1);
    assertThat(cancelled.cancel(false)).isTrue();
    assertThat(failure(stuck)).isInstanceOf(ModbusTimeoutException.class);
    assertThat(client.readHoldingRegisters(1, 3, 1).get(10, TimeUnit.SECONDS).values())
        .containsExactly((short) valueOf(3));
    assertThat(server.requests).extracting(Request::address).containsExactly(1, 3);
  }

  @Test
  void theDeadlineCoversTheWaitInTheQueue() throws Exception {
    // Over RTU the link drains for a second after the first timeout, so the queued request's deadline passes
    // before it can be sent.
    server = new ScriptedServer(true, (r, i) -> new Silence());
    client = rtuOverTcp("127.0.0.1", server.port()).timeout(SHORT).retry(RetryPolicy.NONE)
        .drainAfterTimeout(Duration.ofSeconds(1)).build();
    CompletableFuture<?> first = client.readHoldingRegisters(1, 1, 1);
    CompletableFuture<?> queued = client.readHoldingRegisters(1, 2, 1);
    assertThat(failure(first)).isInstanceOfSatisfying(ModbusTimeoutException.class,
        e -> assertThat(e.wasSent()).isTrue());
    assertThat(failure(queued)).isInstanceOfSatisfying(ModbusTimeoutException.class,
        e -> assertThat(e.wasSent()).isFalse());
    assertThat(server.requests).extracting(Request::address).containsExactly(1);
  }

  @Test
  void readsAreRetriedWhenTheDeviceIsBusyAndWritesAreNot() throws Exception {
    server = new ScriptedServer(false, (r, i) -> switch (r.functionCode()) {
      case 3 -> i == 0 ? exception(r, 0x06) : registers(r, 0);
      default -> exception(r, 0x06);
    });
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofSeconds(5))
        .retry(new RetryPolicy(2, false, Duration.ofMillis(10), Duration.ofMillis(50), 0)).build();
    assertThat(client.readHoldingRegisters(1, 7, 1).get(10, TimeUnit.SECONDS).values())
        .containsExactly((short) valueOf(7));
    assertThat(client.metrics().retries()).isEqualTo(1);
    assertThat(failure(client.writeSingleRegister(1, 7, 1)))
        .isInstanceOfSatisfying(ModbusExceptionResponseException.class,
            e -> assertThat(e.exceptionCode()).isEqualTo(6));
    assertThat(server.requests).extracting(Request::functionCode).containsExactly(3, 3, 6);
  }

  @Test
  void writesAreRetriedOnlyWhenThePolicySaysSo() throws Exception {
    server = new ScriptedServer(false, (r, i) -> exception(r, 0x06));
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofSeconds(5))
        .retry(new RetryPolicy(2, false, Duration.ofMillis(10), Duration.ofMillis(50), 0).withWrites()).build();
    assertThat(failure(client.writeSingleRegister(1, 7, 1))).isInstanceOf(ModbusExceptionResponseException.class);
    assertThat(server.requests).hasSize(3);
    assertThat(client.metrics().exceptionsByCode()).containsEntry(6, 3L);
  }

  @Test
  void aReadIsRetriedAfterATimeoutAndSucceeds() throws Exception {
    server = new ScriptedServer(false, (r, i) -> i == 0 ? new Silence() : registers(r, 0));
    client = tcp("127.0.0.1", server.port()).timeout(SHORT)
        .retry(new RetryPolicy(1, false, Duration.ofMillis(10), Duration.ofMillis(10), 0)).build();
    assertThat(client.readHoldingRegisters(1, 9, 1).get(10, TimeUnit.SECONDS).values())
        .containsExactly((short) valueOf(9));
    ClientMetrics m = client.metrics();
    assertThat(m.timeouts()).isEqualTo(1);
    assertThat(m.retries()).isEqualTo(1);
    assertThat(server.requests.get(0).transactionId()).isNotEqualTo(server.requests.get(1).transactionId());
  }

  @Test
  void oneDeadUnitDoesNotTearDownTheSharedSession() throws Exception {
    server = new ScriptedServer(false, (r, i) -> r.unitId() == 2 ? new Silence() : registers(r, 0));
    client = tcp("127.0.0.1", server.port()).timeout(SHORT).retry(RetryPolicy.NONE)
        .reconnect(new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), 3)).build();
    for (int round = 0; round < 4; round++) {
      assertThat(failure(client.readHoldingRegisters(2, 1, 1))).isInstanceOf(ModbusTimeoutException.class);
      assertThat(client.readHoldingRegisters(1, 1, 1).get(10, TimeUnit.SECONDS).values()).hasSize(1);
    }
    ClientMetrics m = client.metrics();
    assertThat(m.connects()).isEqualTo(1);
    assertThat(m.disconnects()).isZero();
    assertThat(m.timeoutsInARowByUnit()).containsExactly(java.util.Map.entry(2, 4));
    assertThat(server.connections.get()).isEqualTo(1);
  }

  @Test
  void timeoutsInARowFromEveryUnitDropTheLinkAndTheNextRequestReconnects() throws Exception {
    server = new ScriptedServer(false, (r, i) -> i < 3 ? new Silence() : registers(r, 0));
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    client = tcp("127.0.0.1", server.port()).timeout(SHORT).retry(RetryPolicy.NONE)
        .reconnect(new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), 3))
        .listener((from, to, cause) -> states.add(to)).build();
    for (int i = 0; i < 3; i++) {
      assertThat(failure(client.readHoldingRegisters(1, i, 1))).isInstanceOf(ModbusTimeoutException.class);
    }
    assertThat(client.readHoldingRegisters(1, 5, 1).get(10, TimeUnit.SECONDS).values())
        .containsExactly((short) valueOf(5));
    assertThat(client.metrics().disconnects()).isEqualTo(1);
    assertThat(server.connections.get()).isEqualTo(2);
    assertThat(states).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.DISCONNECTED,
        ConnectionState.CONNECTING, ConnectionState.CONNECTED);
  }

  @Test
  void aReadInFlightWhenTheServerClosesIsRetriedOnANewConnection() throws Exception {
    server = new ScriptedServer(false, (r, i) -> i == 0 ? new Close() : registers(r, 0));
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofSeconds(5))
        .retry(new RetryPolicy(1, false, Duration.ofMillis(10), Duration.ofMillis(10), 0))
        .reconnect(new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), 0)).build();
    assertThat(client.readHoldingRegisters(1, 4, 1).get(10, TimeUnit.SECONDS).values())
        .containsExactly((short) valueOf(4));
    assertThat(server.connections.get()).isEqualTo(2);
  }

  @Test
  void aWriteInFlightWhenTheServerClosesFailsWithTheConnectionError() throws Exception {
    server = new ScriptedServer(false, (r, i) -> i == 0 ? new Close() : echo(r));
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofSeconds(5))
        .retry(new RetryPolicy(1, false, Duration.ofMillis(10), Duration.ofMillis(10), 0))
        .reconnect(new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), 0)).build();
    assertThat(failure(client.writeSingleRegister(1, 4, 9))).isInstanceOf(ModbusConnectionException.class);
    assertThat(client.writeSingleRegister(1, 4, 9).get(10, TimeUnit.SECONDS).value()).isEqualTo(9);
    assertThat(server.requests).hasSize(2);
  }

  @Test
  void anEagerClientConnectsOnceTheServerAppears() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    client = tcp("127.0.0.1", port).timeout(Duration.ofSeconds(5))
        .reconnect(new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(1), 0))
        .build();
    Thread.sleep(150);
    assertThat(client.metrics().connectFailures()).isGreaterThanOrEqualTo(1);
    server = new ScriptedServer(false, (r, i) -> registers(r, 0), port);
    client.connect().get(10, TimeUnit.SECONDS);
    assertThat(client.blocking().readHoldingRegisters(1, 2, 1).values()).containsExactly((short) valueOf(2));
  }

  @Test
  void anAnswerWithTheWrongQuantityFailsAsAProtocolError() throws Exception {
    server = new ScriptedServer(false, (r, i) -> new Answer(new byte[] {3, 4, 0, 1, 0, 2}, 0));
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofSeconds(5)).retry(RetryPolicy.NONE)
        .build();
    assertThat(failure(client.readHoldingRegisters(1, 0, 1)))
        .isInstanceOf(ModbusProtocolException.class)
        .hasMessageContaining("registers 2 where the request asked for 1");
    assertThat(client.metrics().protocolErrors()).isEqualTo(1);
  }

  @Test
  void aClosedClientFailsEveryCall() throws Exception {
    server = new ScriptedServer(false, (r, i) -> new Silence());
    client = tcp("127.0.0.1", server.port()).timeout(Duration.ofSeconds(5)).build();
    CompletableFuture<?> pending = client.readHoldingRegisters(1, 0, 1);
    client.close();
    assertThat(failure(pending)).isInstanceOf(ModbusConnectionException.class);
    assertThat(failure(client.readHoldingRegisters(1, 0, 1))).isInstanceOf(ModbusConnectionException.class);
    assertThat(client.state()).isEqualTo(ConnectionState.CLOSED);
  }

  @Test
  void unitZeroIsABroadcastOnABusAndTheBuilderRefusesAWindowThere() throws Exception {
    server = new ScriptedServer(true, (r, i) -> registers(r, 0));
    client = rtuOverTcp("127.0.0.1", server.port()).timeout(Duration.ofSeconds(5))
        .turnaround(Duration.ofMillis(50)).build();
    assertThatThrownBy(() -> client.readHoldingRegisters(0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unit id 0");
    assertThatThrownBy(() -> client.broadcast(new dev.modbustoolkit.pdu.ReadHoldingRegistersRequest(0, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read");
    long before = System.nanoTime();
    client.broadcast(new dev.modbustoolkit.pdu.WriteSingleRegisterRequest(3, 4)).get(10, TimeUnit.SECONDS);
    assertThat(client.readHoldingRegisters(1, 3, 1).get(10, TimeUnit.SECONDS).values()).hasSize(1);
    assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    assertThat(server.requests).extracting(Request::unitId).containsExactly(0, 1);
    assertThatThrownBy(() -> ModbusClient.rtuOverTcp("127.0.0.1", 502).window(2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window 2");
  }
}
