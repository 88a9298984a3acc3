package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.client.BlockingModbusClient;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusExceptionResponseException;
import dev.modbustoolkit.client.ModbusTimeoutException;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.UnitRange;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpFraming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end on loopback: Modbus TCP masters (our client) upstream, a bus of devices behind RTU over
 * TCP downstream (our server in RTU framing, units 1 and 2; unit 3 is a device that never answers).
 */
class GatewayIT {
  private final DataModel one = DataModel.dense();
  private final DataModel two = DataModel.dense();
  private final List<AutoCloseable> open = new ArrayList<>();
  private int busPort;

  @BeforeEach
  void bus() throws Exception {
    for (int i = 0; i < 100; i++) {
      one.holdingRegisters().set(i, 1000 + i);
      two.holdingRegisters().set(i, 2000 + i);
    }
    ModbusDispatcher devices = ModbusDispatcher.builder().unit(1, RegisterDevice.of(one))
        .unit(2, RegisterDevice.of(two)).build();
    ModbusTcpServer bus = track(ModbusTcpServer.builder(devices).bindAddress("127.0.0.1").port(0)
        .framing(TcpFraming.RTU).build().start());
    busPort = bus.localAddress().getPort();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T track(T c) {
    open.add(c);
    return c;
  }

  private ModbusClient busClient(Duration timeout) {
    return ModbusClient.rtuOverTcp("127.0.0.1", busPort).timeout(timeout).retry(RetryPolicy.NONE).build();
  }

  /** Starts the gateway's upstream listener and returns its port. */
  private int upstream(ModbusGateway gateway) throws Exception {
    track(gateway);
    ModbusTcpServer server = track(ModbusTcpServer.builder(gateway.dispatcher()).bindAddress("127.0.0.1").port(0)
        .build().start());
    return server.localAddress().getPort();
  }

  private BlockingModbusClient master(int port) {
    return track(ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(5)).retry(RetryPolicy.NONE)
        .build()).blocking();
  }

  private static int code(Throwable t) {
    return ((ModbusExceptionResponseException) t).exceptionCode();
  }

  @Test
  void forwardsReadsAndWritesToEachUnitAndTheDevicesExceptionUnchanged() throws Exception {
    int port = upstream(ModbusGateway.builder().downstream("bus", busClient(Duration.ofSeconds(2)))
        .defaultRoute("bus").build());
    BlockingModbusClient m = master(port);
    assertThat(m.readHoldingRegisters(1, 5, 2).values()).containsExactly((short) 1005, (short) 1006);
    assertThat(m.readHoldingRegisters(2, 5, 1).values()).containsExactly((short) 2005);
    m.writeSingleRegister(2, 7, 77);
    assertThat(two.holdingRegisters().get(7)).isEqualTo(77);
    assertThat(one.holdingRegisters().get(7)).isEqualTo(1007);
    assertThat(m.sendRaw(1, new byte[] {0x03, 0x00, 0x00, 0x00, 0x7E})).containsExactly(0x83, 0x03);
  }

  @Test
  void aDeadDeviceAnswers0BWithinTheTimeoutIsQuarantinedAndTheOthersAreStillServed() throws Exception {
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", busClient(Duration.ofMillis(200)))
        .defaultRoute("bus").quarantine(2, Duration.ofSeconds(30)).build();
    BlockingModbusClient m = master(upstream(gateway));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> m.readHoldingRegisters(3, 0, 1))
          .satisfies(e -> assertThat(code(e)).isEqualTo(0x0B));
      assertThat(m.readHoldingRegisters(1, 0, 1).values()).containsExactly((short) 1000);
    }
    assertThat(gateway.isQuarantined("bus", 3)).isTrue();
    assertThatThrownBy(() -> m.readHoldingRegisters(3, 0, 1)).satisfies(e -> assertThat(code(e)).isEqualTo(0x0B));
    GatewayMetrics metrics = gateway.metrics();
    assertThat(metrics.timeouts()).isEqualTo(2);
    assertThat(metrics.quarantined()).isEqualTo(1);
    assertThat(m.readHoldingRegisters(2, 0, 1).values()).containsExactly((short) 2000);
  }

  @Test
  void aRequestQueuedBehindADeadDeviceIsAnsweredAndDoesNotCountAgainstItsOwnDevice() throws Exception {
    // The link's client counts its timeout from the call, queue wait included: a request for a live device that
    // waited behind the dead one timed out in the queue, was never sent, and the gateway used to answer it 0x0B
    // and count it against the live device, which three dead neighbours then quarantined.
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", busClient(Duration.ofMillis(500)))
        .defaultRoute("bus").quarantine(1, Duration.ofMinutes(5)).build();
    int port = upstream(gateway);
    ModbusClient first = track(ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(10))
        .retry(RetryPolicy.NONE).build());
    ModbusClient second = track(ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(10))
        .retry(RetryPolicy.NONE).build());
    CompletableFuture<ReadHoldingRegistersResponse> dead = first.readHoldingRegisters(3, 0, 1);
    while (gateway.metrics().forwarded() == 0) { // the dead device's request holds the link now
      Thread.sleep(5);
    }
    CompletableFuture<ReadHoldingRegistersResponse> queued = second.readHoldingRegisters(1, 8, 1);
    assertThatThrownBy(() -> dead.get(10, TimeUnit.SECONDS)).cause()
        .satisfies(e -> assertThat(code(e)).isEqualTo(0x0B));
    assertThat(queued.get(10, TimeUnit.SECONDS).value(0)).isEqualTo(1008);
    assertThat(gateway.isQuarantined("bus", 3)).isTrue();
    assertThat(gateway.isQuarantined("bus", 1)).isFalse();
    assertThat(gateway.metrics().timeouts()).isEqualTo(1);
  }

  @Test
  void aUnitNoRouteServesAnswers0AAndRoutesRemapUnitIds() throws Exception {
    int port = upstream(ModbusGateway.builder().downstream("bus", busClient(Duration.ofSeconds(2)))
        .route(new GatewayRoute(UnitRange.of(10, 11), "bus", 1)).build());
    BlockingModbusClient m = master(port);
    assertThat(m.readHoldingRegisters(10, 0, 1).values()).containsExactly((short) 1000);
    assertThat(m.readHoldingRegisters(11, 0, 1).values()).containsExactly((short) 2000);
    assertThatThrownBy(() -> m.readHoldingRegisters(1, 0, 1)).satisfies(e -> assertThat(code(e)).isEqualTo(0x0A));
  }

  @Test
  void aLinkThatIsDownAnswers0A() throws Exception {
    int deadPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = probe.getLocalPort();
    }
    ModbusClient nowhere = ModbusClient.rtuOverTcp("127.0.0.1", deadPort).timeout(Duration.ofSeconds(2))
        .retry(RetryPolicy.NONE).build();
    BlockingModbusClient m = master(upstream(ModbusGateway.builder().downstream("bus", nowhere)
        .defaultRoute("bus").build()));
    assertThatThrownBy(() -> m.readHoldingRegisters(1, 0, 1)).satisfies(e -> assertThat(code(e)).isEqualTo(0x0A));
  }

  @Test
  void sixteenMastersAtOnceEachGetTheirOwnValues() throws Exception {
    int port = upstream(ModbusGateway.builder().downstream("bus", busClient(Duration.ofSeconds(5)))
        .defaultRoute("bus").build());
    List<CompletableFuture<Void>> masters = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      int me = k;
      ModbusClient c = track(ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(10)).window(4)
          .retry(RetryPolicy.NONE).build());
      masters.add(CompletableFuture.runAsync(() -> {
        for (int round = 0; round < 20; round++) {
          int value = me * 1000 + round;
          int unit = 1 + me % 2;
          c.blocking().writeSingleRegister(unit, 50 + me, value);
          ReadHoldingRegistersResponse r = c.blocking().readHoldingRegisters(unit, 50 + me, 1);
          assertThat(r.value(0)).as("master %d round %d", me, round).isEqualTo(value);
        }
      }));
    }
    CompletableFuture.allOf(masters.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
  }

  @Test
  void pipelinedUpstreamRequestsAreAnsweredInOrderWithTheirOwnValues() throws Exception {
    int port = upstream(ModbusGateway.builder().downstream("bus", busClient(Duration.ofSeconds(5)))
        .defaultRoute("bus").build());
    ModbusClient c = track(ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(20)).window(8).build());
    List<CompletableFuture<ReadHoldingRegistersResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(c.readHoldingRegisters(1 + i % 2, i % 100, 1));
    }
    for (int i = 0; i < 200; i++) {
      int expected = (i % 2 == 0 ? 1000 : 2000) + i % 100;
      assertThat(answers.get(i).get(30, TimeUnit.SECONDS).value(0)).as("request %d", i).isEqualTo(expected);
    }
  }

  @Test
  void theReadCacheAnswersRepeatedReadsAndAWriteThroughTheGatewayInvalidatesIt() throws Exception {
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", busClient(Duration.ofSeconds(2)))
        .defaultRoute("bus").readCache(Duration.ofMinutes(1)).build();
    BlockingModbusClient m = master(upstream(gateway));
    assertThat(m.readHoldingRegisters(1, 3, 1).value(0)).isEqualTo(1003);
    one.holdingRegisters().set(3, 5); // behind the gateway's back: the cache still answers the old value
    assertThat(m.readHoldingRegisters(1, 3, 1).value(0)).isEqualTo(1003);
    assertThat(gateway.metrics().cacheHits()).isEqualTo(1);
    m.writeSingleRegister(1, 4, 9); // a write to the unit through the gateway drops the unit's entries
    assertThat(m.readHoldingRegisters(1, 3, 1).value(0)).isEqualTo(5);
  }

  /** A timeout before the write (the link was busy), answered after {@code millis}. */
  private static CompletableFuture<byte[]> unsentTimeoutAfter(long millis) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() ->
        f.completeExceptionally(new ModbusTimeoutException("read", Duration.ofMillis(millis), false)));
    return f;
  }

  @Test
  void aRequestThatTimedOutUnsentIsSentAgainWhileAnotherAttemptFitsTheForwardTimeout() throws Exception {
    // 100 ms queued and not sent, then 100 ms more for another attempt: well inside 5 s, so it is sent again.
    ScriptedClient link = new ScriptedClient().then(() -> unsentTimeoutAfter(100))
        .then(() -> CompletableFuture.completedFuture(new byte[] {0x03, 0x02, 0x00, 0x2A}));
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", link).defaultRoute("bus")
        .forwardTimeout(Duration.ofSeconds(5)).build();
    assertThat(master(upstream(gateway)).readHoldingRegisters(1, 0, 1).value(0)).isEqualTo(42);
    assertThat(link.calls()).isEqualTo(2);
    assertThat(gateway.metrics().busy()).isZero();
    assertThat(gateway.isQuarantined("bus", 1)).isFalse();
  }

  @Test
  void aRequestThatTimedOutUnsentAnswersBusyWhenAnotherAttemptWouldOverrunTheForwardTimeout() throws Exception {
    // 400 ms queued and not sent; another attempt as long would end past the 700 ms forward timeout: 0x06 at once,
    // counted as busy, and the device (never asked) is not held to account.
    ScriptedClient link = new ScriptedClient().then(() -> unsentTimeoutAfter(400));
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", link).defaultRoute("bus")
        .forwardTimeout(Duration.ofMillis(700)).quarantine(1, Duration.ofMinutes(5)).build();
    BlockingModbusClient m = master(upstream(gateway));
    assertThatThrownBy(() -> m.readHoldingRegisters(1, 0, 1)).satisfies(e -> assertThat(code(e)).isEqualTo(0x06));
    assertThat(link.calls()).isEqualTo(1);
    assertThat(gateway.metrics().busy()).isEqualTo(1);
    assertThat(gateway.metrics().timeouts()).isZero();
    assertThat(gateway.isQuarantined("bus", 1)).isFalse();
  }

  @Test
  void aFullQueueAnswersBusy() throws Exception {
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", busClient(Duration.ofMillis(300)))
        .defaultRoute("bus").queueLimit(1).quarantine(0, Duration.ZERO).build();
    int port = upstream(gateway);
    ModbusClient slow = track(ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(5))
        .retry(RetryPolicy.NONE).build());
    CompletableFuture<?> stuck = slow.readHoldingRegisters(3, 0, 1); // unit 3 never answers: holds the one slot
    Thread.sleep(50);
    assertThatThrownBy(() -> master(port).readHoldingRegisters(1, 0, 1))
        .satisfies(e -> assertThat(code(e)).isEqualTo(0x06));
    assertThatThrownBy(() -> stuck.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ModbusExceptionResponseException.class);
    assertThat(gateway.metrics().busy()).isEqualTo(1);
  }

  @Test
  void unitZeroFromATcpMasterIsForwardedAsABroadcastAndNotAnswered() throws Exception {
    ModbusGateway gateway = ModbusGateway.builder().downstream("bus", busClient(Duration.ofSeconds(2)))
        .defaultRoute("bus").build();
    ModbusClient c = track(ModbusClient.tcp("127.0.0.1", upstream(gateway)).timeout(Duration.ofMillis(500))
        .retry(RetryPolicy.NONE).build());
    c.broadcast(new WriteSingleRegisterRequest(60, 6060)).get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 100 && (one.holdingRegisters().get(60) != 6060 || two.holdingRegisters().get(60) != 6060); i++) {
      Thread.sleep(20);
    }
    assertThat(one.holdingRegisters().get(60)).isEqualTo(6060);
    assertThat(two.holdingRegisters().get(60)).isEqualTo(6060);
    assertThat(gateway.metrics().broadcasts()).isEqualTo(1);
  }
}
