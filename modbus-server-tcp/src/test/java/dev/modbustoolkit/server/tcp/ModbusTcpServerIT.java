package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.RawClient.bytes;
import static dev.modbustoolkit.server.tcp.RawClient.concat;
import static dev.modbustoolkit.server.tcp.RawClient.frame;
import static dev.modbustoolkit.server.tcp.RawClient.pipeline;
import static dev.modbustoolkit.server.tcp.RawClient.readHolding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.tcp.RawClient.Frame;
import dev.modbustoolkit.server.tcp.TestSupport.EventLog;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over loopback with a raw byte-level client: framing, limits, timeouts, shutdown, units, events. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModbusTcpServerIT {
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stopServers() {
    support.close();
  }

  private static void assertRegisters(Frame f, int transactionId, int tag, int address, int quantity) {
    assertThat(f.transactionId()).as("transaction id").isEqualTo(transactionId);
    assertThat(f.protocolId()).isZero();
    assertThat(f.functionCode()).as("function code of %s", f).isEqualTo(0x03);
    assertThat(Byte.toUnsignedInt(f.pdu()[1])).as("byte count").isEqualTo(2 * quantity);
    for (int i = 0; i < quantity; i++) {
      assertThat(f.u16(2 + 2 * i)).as("register %d", address + i).isEqualTo(TestDevice.expected(tag, address + i));
    }
  }

  @Test
  void answersARequestWithTheSameTransactionAndUnitId() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(100), b -> {});
    try (RawClient c = RawClient.connect(server.localAddress())) {
      Frame f = c.call(0xBEEF, 1, readHolding(10, 3));
      assertRegisters(f, 0xBEEF, 100, 10, 3);
      assertThat(f.unitId()).isEqualTo(1);
    }
    assertThat(server.metrics().requests()).isEqualTo(1);
    assertThat(server.dispatcherMetrics().totalRequests()).isEqualTo(1);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(7), b -> {});
    int n = 300; // 3,600 bytes: more than one read buffer, so frames also straddle buffer refills
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(pipeline(n, i -> frame(i, 1, readHolding(i, 1 + i % 5))));
      for (int i = 0; i < n; i++) {
        assertRegisters(c.readFrame(), i, 7, i, 1 + i % 5);
      }
    }
    assertThat(server.connections()).hasSizeLessThanOrEqualTo(1);
  }

  @Test
  void aFrameSentOneByteAtATimeIsReassembled() throws Exception {
    ModbusTcpServer server = support.start(new TestDevice(5), b -> {});
    byte[] first = frame(1, 1, readHolding(40, 2));
    byte[] second = frame(2, 1, readHolding(41, 1));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      for (byte b : first) {
        c.send(new byte[] {b});
        Thread.sleep(3);
      }
      assertRegisters(c.readFrame(), 1, 5, 40, 2);
      // A boundary inside the header of the next frame: [first + 3 bytes of second], [rest of second].
      byte[] both = concat(first, second);
      c.send(java.util.Arrays.copyOfRange(both, 0, first.length + 3));
      Thread.sleep(20);
      c.send(java.util.Arrays.copyOfRange(both, first.length + 3, both.length));
      assertRegisters(c.readFrame(), 1, 5, 40, 2);
      assertRegisters(c.readFrame(), 2, 5, 41, 1);
    }
  }

  @Test
  void aFrameWithAForeignProtocolIdIsDroppedAndTheConnectionCarriesOn() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(0), b -> {});
    try (RawClient c = RawClient.connect(server.localAddress())) {
      byte[] foreign = frame(9, 0x1234, 6, 1, readHolding(0, 1));
      c.send(concat(foreign, frame(10, 1, readHolding(3, 1))));
      assertRegisters(c.readFrame(), 10, 0, 3, 1);
      assertThat(c.silentFor(200)).isTrue();
    }
    assertThat(server.metrics().droppedFrames()).isEqualTo(1);
    assertThat(server.metrics().malformedFrames()).isZero();
  }

  @Test
  void aBadLengthClosesTheConnectionAndIsCounted() throws IOException {
    EventLog log = new EventLog();
    ModbusTcpServer server = support.start(new TestDevice(0), b -> b.listener(log));
    for (int badLength : new int[] {0, 1, 255, 0xFFFF}) {
      try (RawClient c = RawClient.connect(server.localAddress())) {
        c.send(frame(1, 0, badLength, 1, readHolding(0, 1)));
        assertThat(c.closedByPeerWithin(5_000)).as("closed after length %d", badLength).isTrue();
      }
    }
    TestSupport.until(() -> server.metrics().malformedFrames() == 4, Duration.ofSeconds(5), "4 malformed");
    TestSupport.until(() -> log.of(ServerEvent.ConnectionClosed.class).size() == 4, Duration.ofSeconds(5), "closes");
    assertThat(log.of(ServerEvent.ConnectionClosed.class))
        .extracting(ServerEvent.ConnectionClosed::reason)
        .containsOnly(CloseReason.MALFORMED_FRAME);
    // Other clients are unaffected.
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertRegisters(c.call(3, 1, readHolding(1, 1)), 3, 0, 1, 1);
    }
  }

  @Test
  void invalidPdusGetExceptionResponsesNotAClosedConnection() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(0), b -> {});
    try (RawClient c = RawClient.connect(server.localAddress())) {
      Frame unknownFunction = c.call(1, 1, bytes(0x55, 1, 2));
      assertThat(unknownFunction.pdu()).containsExactly(0xD5, 0x01);
      Frame badQuantity = c.call(2, 1, readHolding(0, 126));
      assertThat(badQuantity.pdu()).containsExactly(0x83, 0x03);
      Frame truncated = c.call(3, 1, bytes(0x03, 0x00));
      assertThat(Byte.toUnsignedInt(truncated.pdu()[0])).isEqualTo(0x83);
      assertRegisters(c.call(4, 1, readHolding(0, 1)), 4, 0, 0, 1);
    }
  }

  @Test
  void refusePolicyLeavesNewClientsWaitingUntilASlotFrees() throws IOException {
    ModbusTcpServer server =
        support.start(new TestDevice(1), b -> b.maxConnections(1).connectionLimitPolicy(ConnectionLimitPolicy.REFUSE));
    RawClient first = RawClient.connect(server.localAddress());
    assertRegisters(first.call(1, 1, readHolding(0, 1)), 1, 1, 0, 1);
    try (RawClient second = RawClient.connect(server.localAddress())) {
      second.send(frame(2, 1, readHolding(5, 1)));
      assertThat(second.silentFor(300)).as("second client served while the first holds the only slot").isTrue();
      first.close();
      assertRegisters(second.readFrame(), 2, 1, 5, 1);
    }
    assertThat(server.metrics().rejectedConnections()).isZero();
  }

  @Test
  void closeNewPolicyClosesTheNewConnectionAtOnce() throws IOException {
    EventLog log = new EventLog();
    ModbusTcpServer server = support.start(new TestDevice(1),
        b -> b.maxConnections(1).connectionLimitPolicy(ConnectionLimitPolicy.CLOSE_NEW).listener(log));
    try (RawClient first = RawClient.connect(server.localAddress())) {
      assertRegisters(first.call(1, 1, readHolding(0, 1)), 1, 1, 0, 1);
      try (RawClient second = RawClient.connect(server.localAddress())) {
        assertThat(second.closedByPeerWithin(5_000)).isTrue();
      }
      assertRegisters(first.call(2, 1, readHolding(1, 1)), 2, 1, 1, 1);
    }
    // The event is published by the accept thread after it closed the socket: wait for it rather than race it.
    log.await(ServerEvent.ConnectionRejected.class, e -> true);
    assertThat(server.metrics().rejectedConnections()).isEqualTo(1);
    assertThat(log.of(ServerEvent.ConnectionRejected.class)).hasSize(1);
  }

  @Test
  void evictPolicyClosesTheConnectionIdleLongest() throws Exception {
    EventLog log = new EventLog();
    ModbusTcpServer server = support.start(new TestDevice(1),
        b -> b.maxConnections(2).connectionLimitPolicy(ConnectionLimitPolicy.EVICT_OLDEST_IDLE).listener(log));
    try (RawClient oldest = RawClient.connect(server.localAddress());
        RawClient recent = RawClient.connect(server.localAddress())) {
      assertRegisters(oldest.call(1, 1, readHolding(0, 1)), 1, 1, 0, 1);
      Thread.sleep(50);
      assertRegisters(recent.call(2, 1, readHolding(0, 1)), 2, 1, 0, 1);
      TestSupport.until(() -> log.of(ServerEvent.ConnectionOpened.class).size() == 2, Duration.ofSeconds(5), "2 open");
      long oldestId = log.of(ServerEvent.ConnectionOpened.class).stream()
          .mapToLong(ServerEvent.ConnectionOpened::connectionId).min().orElseThrow();
      try (RawClient newcomer = RawClient.connect(server.localAddress())) {
        assertRegisters(newcomer.call(3, 1, readHolding(2, 1)), 3, 1, 2, 1);
        assertThat(oldest.closedByPeerWithin(5_000)).isTrue();
        assertRegisters(recent.call(4, 1, readHolding(3, 1)), 4, 1, 3, 1);
      }
      ServerEvent.ConnectionClosed closed = log.await(ServerEvent.ConnectionClosed.class, e -> true);
      assertThat(closed.connectionId()).isEqualTo(oldestId);
      assertThat(closed.reason()).isEqualTo(CloseReason.EVICTED);
    }
    assertThat(server.metrics().evictedConnections()).isEqualTo(1);
    assertThat(server.metrics().rejectedConnections()).isZero();
  }

  @Test
  void aClientThatStopsReadingItsAnswersIsClosedAfterTheIdleTimeout() throws Exception {
    EventLog log = new EventLog();
    ModbusTcpServer server =
        support.start(new TestDevice(1), b -> b.idleTimeout(Duration.ofMillis(300)).listener(log));
    // A 4 KB receive window and 5 MB of answers: the server's writes to this client stall.
    try (RawClient stalled = RawClient.connect(server.localAddress(), 4096)) {
      int requests = 20_000;
      byte[] frames = pipeline(requests, i -> frame(i, 1, readHolding(0, 125)));
      Thread flood = Thread.ofVirtual().start(() -> {
        try {
          stalled.send(frames);
        } catch (IOException e) {
          // Expected: the server closes the connection under the flood.
        }
      });
      ServerEvent.ConnectionClosed closed =
          log.await(ServerEvent.ConnectionClosed.class, e -> e.reason() == CloseReason.IDLE_TIMEOUT);
      assertThat(closed.stats().requests()).isLessThan(requests);
      flood.join(5_000);
    }
    try (RawClient next = RawClient.connect(server.localAddress())) {
      assertRegisters(next.call(1, 1, readHolding(3, 2)), 1, 1, 3, 2);
    }
    assertThat(server.metrics().idleTimeouts()).isEqualTo(1);
  }

  @Test
  void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    EventLog log = new EventLog();
    ModbusTcpServer server =
        support.start(new TestDevice(1), b -> b.idleTimeout(Duration.ofMillis(300)).listener(log));
    try (RawClient idle = RawClient.connect(server.localAddress());
        RawClient busy = RawClient.connect(server.localAddress())) {
      long start = System.nanoTime();
      for (int i = 0; i < 8; i++) {
        assertRegisters(busy.call(i, 1, readHolding(i, 1)), i, 1, i, 1);
        Thread.sleep(100);
      }
      assertThat(idle.closedByPeerWithin(5_000)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
      // The busy client kept talking for 800 ms, more than the idle timeout, and is still served.
      assertRegisters(busy.call(99, 1, readHolding(9, 1)), 99, 1, 9, 1);
    }
    assertThat(log.await(ServerEvent.ConnectionClosed.class, e -> e.reason() == CloseReason.IDLE_TIMEOUT))
        .isNotNull();
    assertThat(server.metrics().idleTimeouts()).isEqualTo(1);
  }

  @Test
  void aHandlerOverrunningTheRequestTimeoutGetsServerDeviceBusyAndItsLateResultIsDropped() throws Exception {
    TestDevice slow = new TestDevice(1).delay(3_000);
    TestDevice fast = new TestDevice(2);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, slow).unit(2, fast).build();
    ModbusTcpServer server = support.start(dispatcher, b -> b.requestTimeout(Duration.ofMillis(200)));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      long start = System.nanoTime();
      Frame busy = c.call(1, 1, readHolding(0, 1));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(busy.transactionId()).isEqualTo(1);
      assertThat(busy.pdu()).containsExactly(0x83, 0x06);
      assertThat(took).isBetween(Duration.ofMillis(150), Duration.ofMillis(2_000));
      // The watchdog interrupted the handler; the connection goes on and the late result is never sent.
      assertRegisters(c.call(2, 2, readHolding(4, 2)), 2, 2, 4, 2);
      assertThat(c.silentFor(300)).isTrue();
    }
    assertThat(slow.handled).hasValue(1);
    assertThat(slow.completed).hasValue(0);
    assertThat(server.metrics().requestTimeouts()).isEqualTo(1);
  }

  @Test
  void withoutARequestTimeoutHandlersRunInlineAndMayTakeLong() throws IOException {
    TestDevice slow = new TestDevice(1).delay(300);
    ModbusTcpServer server = support.start(slow, b -> b.requestTimeout(Duration.ZERO));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertRegisters(c.call(1, 1, readHolding(0, 1)), 1, 1, 0, 1);
    }
    assertThat(server.metrics().requestTimeouts()).isZero();
  }

  @Test
  void gracefulShutdownAnswersEveryRequestAlreadyReceived() throws Exception {
    TestDevice slow = new TestDevice(3).delay(150);
    EventLog log = new EventLog();
    ModbusTcpServer server = support.start(slow, b -> b.listener(log));
    InetSocketAddress address = server.localAddress();
    try (RawClient c = RawClient.connect(address); RawClient idle = RawClient.connect(address)) {
      c.send(pipeline(5, i -> frame(i, 1, readHolding(i, 1))));
      assertThat(slow.started.await(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Boolean> shutdown =
          CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(10)));
      for (int i = 0; i < 5; i++) {
        assertRegisters(c.readFrame(), i, 3, i, 1);
      }
      assertThat(c.closedByPeerWithin(5_000)).isTrue();
      assertThat(idle.closedByPeerWithin(5_000)).isTrue();
      assertThat(shutdown.get(10, TimeUnit.SECONDS)).as("graceful").isTrue();
    }
    assertThat(server.isRunning()).isFalse();
    assertThat(server.metrics().activeConnections()).isZero();
    assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
        .isInstanceOf(ConnectException.class);
    assertThat(log.events.getLast()).isInstanceOf(ServerEvent.Stopped.class);
    assertThat(log.of(ServerEvent.ConnectionClosed.class))
        .extracting(ServerEvent.ConnectionClosed::reason)
        .containsOnly(CloseReason.SERVER_SHUTDOWN);
  }

  @Test
  void shutdownForcesConnectionsClosedAfterTheGracePeriod() throws Exception {
    TestDevice stuck = new TestDevice(3).delay(30_000);
    ModbusTcpServer server = support.start(stuck, b -> b.requestTimeout(Duration.ZERO));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(frame(1, 1, readHolding(0, 1)));
      assertThat(stuck.started.await(5, TimeUnit.SECONDS)).isTrue();
      long start = System.nanoTime();
      boolean graceful = server.shutdown(Duration.ofMillis(200));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(graceful).isFalse();
      assertThat(took).isLessThan(Duration.ofSeconds(5));
      assertThat(c.closedByPeerWithin(5_000)).isTrue();
    }
    assertThat(server.metrics().activeConnections()).isZero();
  }

  @Test
  void unitsCanBeAddedAndRemovedAtRuntime() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(1), b -> {});
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertThat(c.call(1, 7, readHolding(0, 1)).pdu()).containsExactly(0x83, 0x0B);
      server.addUnit(7, new TestDevice(700));
      assertThat(server.units()).contains(1, 7);
      Frame f = c.call(2, 7, readHolding(0, 2));
      assertRegisters(f, 2, 700, 0, 2);
      assertThat(f.unitId()).isEqualTo(7);
      assertThat(server.removeUnit(7)).isNotNull();
      assertThat(c.call(3, 7, readHolding(0, 1)).pdu()).containsExactly(0x83, 0x0B);
      assertRegisters(c.call(4, 1, readHolding(0, 1)), 4, 1, 0, 1);
    }
  }

  @Test
  void eventsTellTheLifeOfTheServerAndItsConnections() throws IOException {
    EventLog log = new EventLog();
    ModbusTcpServer server = support.start(new TestDevice(1), b -> b.listener(log));
    long id;
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.call(1, 1, readHolding(0, 1));
      c.call(2, 1, readHolding(0, 1));
      id = log.await(ServerEvent.ConnectionOpened.class, e -> true).connectionId();
    }
    ServerEvent.ConnectionClosed closed = log.await(ServerEvent.ConnectionClosed.class, e -> true);
    server.close();
    assertThat(log.events.getFirst()).isInstanceOf(ServerEvent.Started.class);
    assertThat(((ServerEvent.Started) log.events.getFirst()).localAddress()).isEqualTo(server.localAddress());
    assertThat(closed.connectionId()).isEqualTo(id);
    assertThat(closed.reason()).isEqualTo(CloseReason.CLIENT_CLOSED);
    assertThat(closed.stats().requests()).isEqualTo(2);
    assertThat(closed.stats().bytesIn()).isEqualTo(24);
    assertThat(closed.stats().bytesOut()).isEqualTo(2 * 11);
    assertThat(log.events.getLast()).isEqualTo(log.of(ServerEvent.Stopped.class).getFirst());
    assertThat(log.of(ServerEvent.Stopped.class).getFirst().graceful()).isTrue();
  }

  @Test
  void aFailingListenerDoesNotBreakTheServer() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(1), b -> b.listener(e -> {
      throw new IllegalStateException("listener bug");
    }));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertRegisters(c.call(1, 1, readHolding(0, 1)), 1, 1, 0, 1);
    }
  }

  @Test
  void perConnectionCountersAreVisibleWhileOpen() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(1), b -> {});
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.call(1, 1, readHolding(0, 1));
      c.call(2, 1, readHolding(0, 1));
      c.call(3, 1, readHolding(0, 1));
      // The server counts bytes out after its write returns, which may be just after the client has read them.
      TestSupport.until(() -> server.connections().size() == 1 && server.connections().getFirst().bytesOut() == 33,
          Duration.ofSeconds(5), "33 bytes out");
      ConnectionInfo info = server.connections().getFirst();
      assertThat(info.requests()).isEqualTo(3);
      assertThat(info.bytesIn()).isEqualTo(36);
      assertThat(info.bytesOut()).isEqualTo(33);
      assertThat(info.remoteAddress().getPort()).isEqualTo(c.socket().getLocalPort());
      assertThat(server.metrics().activeConnections()).isEqualTo(1);
      assertThat(server.metrics().bytesIn()).isEqualTo(36);
      assertThat(server.closeConnection(info.connectionId())).isTrue();
      assertThat(c.closedByPeerWithin(5_000)).isTrue();
    }
    TestSupport.until(() -> server.metrics().activeConnections() == 0, Duration.ofSeconds(5), "no connection");
  }

  @Test
  void twoServersOfOneNameOnPort0EachHaveTheirMxBean() throws Exception {
    // What two embedded simulators on port 0 do: both are named "modbus-simulator-0".
    String name = "it-jmx-twins-" + System.nanoTime();
    ModbusTcpServer first = support.start(new TestDevice(1), b -> b.jmxEnabled(true).port(0).name(name));
    ModbusTcpServer second = support.start(new TestDevice(2), b -> b.jmxEnabled(true).port(0).name(name));
    MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
    ObjectName pattern = new ObjectName("dev.modbustoolkit:type=ModbusTcpServer,name=" + ObjectName.quote(name) + ",*");
    assertThat(mbs.queryNames(pattern, null)).hasSize(2);
    assertThat(mbs.queryNames(pattern, null).stream()
        .map(n -> {
          try {
            return (String) mbs.getAttribute(n, "LocalAddress");
          } catch (javax.management.JMException e) {
            throw new AssertionError(e);
          }
        }).toList())
        .containsExactlyInAnyOrder("127.0.0.1:" + first.localAddress().getPort(),
            "127.0.0.1:" + second.localAddress().getPort());
    second.close();
    assertThat(mbs.queryNames(pattern, null)).hasSize(1);
    first.close();
    assertThat(mbs.queryNames(pattern, null)).isEmpty();
  }

  @Test
  void theMxBeanIsRegisteredWhileRunning() throws Exception {
    String name = "it-jmx-" + System.nanoTime();
    ModbusTcpServer server = support.start(new TestDevice(1), b -> b.jmxEnabled(true).name(name));
    MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
    ObjectName objectName = new ObjectName("dev.modbustoolkit:type=ModbusTcpServer,name=" + ObjectName.quote(name));
    assertThat(mbs.isRegistered(objectName)).isTrue();
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.call(1, 1, readHolding(0, 1));
      assertThat(mbs.getAttribute(objectName, "ActiveConnections")).isEqualTo(1L);
      assertThat(mbs.getAttribute(objectName, "Requests")).isEqualTo(1L);
      assertThat(mbs.getAttribute(objectName, "IoMode")).isEqualTo(TestSupport.IO_MODE.name());
      assertThat((int[]) mbs.getAttribute(objectName, "Units")).containsExactly(1);
      assertThat((String[]) mbs.getAttribute(objectName, "Connections")).hasSize(1);
      assertThat(mbs.getAttribute(objectName, "Running")).isEqualTo(true);
      assertThat(mbs.getAttribute(objectName, "LocalAddress"))
          .isEqualTo("127.0.0.1:" + server.localAddress().getPort());
    }
    server.close();
    assertThat(mbs.isRegistered(objectName)).isFalse();
  }

  @Test
  void servesOverIpv6Loopback() throws IOException {
    assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback on this machine");
    ModbusTcpServer server = support.start(new TestDevice(6), b -> b.bindAddress("::1"));
    assertThat(server.localAddress().getAddress().getHostAddress()).contains(":");
    try (RawClient c = RawClient.connect(server.localAddress())) {
      assertRegisters(c.call(1, 1, readHolding(0, 4)), 1, 6, 0, 4);
    }
  }

  private static boolean ipv6LoopbackAvailable() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
      return s.getLocalPort() > 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void bindFailureIsReportedAndLeavesNothingRunning() throws IOException {
    ModbusTcpServer first = support.start(new TestDevice(1), b -> {});
    ModbusTcpServer second = ModbusTcpServer.builder(ModbusDispatcher.builder().unit(1, new TestDevice(1)).build())
        .bindAddress("127.0.0.1").port(first.localAddress().getPort()).jmxEnabled(false).build();
    assertThatThrownBy(second::start).isInstanceOf(IOException.class);
    assertThat(second.isRunning()).isFalse();
    assertThatThrownBy(second::localAddress).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(first::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void manyClientsAtOnceEachGetTheirOwnAnswers() throws Exception {
    ModbusTcpServer server = support.start(new TestDevice(11), b -> {});
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
    for (int k = 0; k < 20; k++) {
      int client = k;
      futures.add(CompletableFuture.runAsync(() -> {
        try (RawClient c = RawClient.connect(server.localAddress())) {
          for (int i = 0; i < 50; i++) {
            int address = client * 100 + i;
            assertRegisters(c.call(i, 1, readHolding(address, 2)), i, 11, address, 2);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, pool));
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.metrics().requests()).isEqualTo(20 * 50);
  }
}
