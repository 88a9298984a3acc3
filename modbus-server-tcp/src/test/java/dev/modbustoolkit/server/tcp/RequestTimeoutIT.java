package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.RawClient.concat;
import static dev.modbustoolkit.server.tcp.RawClient.frame;
import static dev.modbustoolkit.server.tcp.RawClient.readHolding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.tcp.RawClient.Frame;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The request timeout with handlers running on the connection's thread and one shared watchdog. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RequestTimeoutIT {
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stopServers() {
    support.close();
  }

  /** A handler that spins for a while and ignores interrupts, as a CPU-bound or careless handler would. */
  private static final class Stubborn implements ModbusRequestHandler {
    final AtomicInteger returned = new AtomicInteger();
    final long spinMillis;

    Stubborn(long spinMillis) {
      this.spinMillis = spinMillis;
    }

    @Override
    public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest request) {
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(spinMillis);
      while (System.nanoTime() - end < 0) {
        Thread.onSpinWait();
      }
      returned.incrementAndGet();
      return ReadHoldingRegistersResponse.of(1);
    }
  }

  @Test
  void pipelinedAnswersStayInOrderAroundAnOverrun() throws IOException {
    TestDevice slow = new TestDevice(1).delay(3_000);
    TestDevice fast = new TestDevice(2);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, slow).unit(2, fast).build();
    ModbusTcpServer server = support.start(dispatcher, b -> b.requestTimeout(Duration.ofMillis(200)));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      c.send(concat(frame(1, 2, readHolding(0, 1)), frame(2, 1, readHolding(0, 1)), frame(3, 2, readHolding(5, 1))));
      Frame first = c.readFrame();
      assertThat(first.transactionId()).isEqualTo(1);
      assertThat(first.u16(2)).isEqualTo(TestDevice.expected(2, 0));
      Frame busy = c.readFrame();
      assertThat(busy.transactionId()).isEqualTo(2);
      assertThat(busy.unitId()).isEqualTo(1);
      assertThat(busy.pdu()).containsExactly(0x83, 0x06);
      Frame third = c.readFrame();
      assertThat(third.transactionId()).isEqualTo(3);
      assertThat(third.u16(2)).isEqualTo(TestDevice.expected(2, 5));
      assertThat(c.silentFor(300)).isTrue();
    }
    assertThat(slow.completed).hasValue(0);
    assertThat(server.metrics().requestTimeouts()).isEqualTo(1);
  }

  @Test
  void aHandlerIgnoringTheInterruptHoldsOnlyItsConnectionAndItsLateResultIsDropped() throws Exception {
    Stubborn stubborn = new Stubborn(800);
    TestDevice other = new TestDevice(5);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, stubborn).unit(2, other).build();
    ModbusTcpServer server = support.start(dispatcher, b -> b.requestTimeout(Duration.ofMillis(150)));
    try (RawClient c = RawClient.connect(server.localAddress());
        RawClient neighbour = RawClient.connect(server.localAddress())) {
      long t0 = System.nanoTime();
      c.send(frame(1, 1, readHolding(0, 1)));
      Frame busy = c.readFrame();
      assertThat(busy.pdu()).containsExactly(0x83, 0x06);
      // BUSY came from the watchdog, while the handler still spins (an order, not a time: no upper bound).
      assertThat(stubborn.returned).hasValue(0);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
      // Another connection is served while the handler still spins.
      assertThat(neighbour.call(1, 2, readHolding(0, 1)).u16(2)).isEqualTo(TestDevice.expected(5, 0));
      // Once the handler returns, its connection serves again; the late result never shows up.
      Frame next = c.call(2, 2, readHolding(1, 1));
      assertThat(next.transactionId()).isEqualTo(2);
      assertThat(next.u16(2)).isEqualTo(TestDevice.expected(5, 1));
      assertThat(c.silentFor(200)).isTrue();
    }
    assertThat(stubborn.returned).hasValue(1);
    assertThat(server.metrics().requestTimeouts()).isEqualTo(1);
  }

  @Test
  void manyQuickRequestsNeverTimeOut() throws IOException {
    ModbusTcpServer server = support.start(new TestDevice(4), b -> b.requestTimeout(Duration.ofMillis(500)));
    try (RawClient c = RawClient.connect(server.localAddress())) {
      for (int i = 0; i < 2_000; i++) {
        Frame f = c.call(i, 1, readHolding(i % 100, 1));
        assertThat(f.transactionId()).isEqualTo(i);
        assertThat(f.u16(2)).isEqualTo(TestDevice.expected(4, i % 100));
      }
    }
    assertThat(server.metrics().requestTimeouts()).isZero();
  }

  @Test
  void theWatchdogStopsWithTheServer() throws Exception {
    ModbusTcpServer server = support.start(new TestDevice(4), b -> b.requestTimeout(Duration.ofSeconds(1)));
    String prefix = "modbus-tcp-watchdog-" + server.name();
    assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().equals(prefix));
    server.close();
    TestSupport.until(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals(prefix)),
        Duration.ofSeconds(5), "watchdog ended");
  }
}
