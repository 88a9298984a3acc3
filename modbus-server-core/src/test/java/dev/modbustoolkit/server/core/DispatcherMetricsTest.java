package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.registers.DataModel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The dispatcher's counters and latency histogram. */
class DispatcherMetricsTest {

  @Test
  void functionAndExceptionCodesMustBeBytes() {
    DispatcherMetrics m = new DispatcherMetrics();

    assertThat(m.requests(0)).isZero();
    assertThat(m.requests(0xFF)).isZero();
    assertThat(m.exceptions(0)).isZero();
    assertThat(m.exceptions(0xFF)).isZero();
    assertThatThrownBy(() -> m.requests(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.requests(0x100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.exceptions(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> m.exceptions(0x100)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requestsWithFunctionCode255AreCountedUnderIt() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();

    assertThat(call(d, TCP, 1, "FF")).isEqualTo("FF01");

    assertThat(d.metrics().requests(0xFF)).isEqualTo(1);
    assertThat(d.metrics().exceptions(ExceptionCode.ILLEGAL_FUNCTION)).isEqualTo(1);
  }

  @Test
  void resetClearsEverythingIncludingUnreadLatenciesAndMalformedCounts() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    DispatcherMetrics m = d.metrics();
    call(d, TCP, 1, "03 0000");
    call(d, TCP, 1, "");
    call(d, TCP, 1, "03 0000 0001");
    assertThat(m.malformedRequests()).isEqualTo(2);

    m.reset(); // no snapshot was taken: the latencies are still in the recorder

    assertThat(m.malformedRequests()).isZero();
    assertThat(m.totalRequests()).isZero();
    assertThat(m.totalExceptions()).isZero();
    assertThat(m.totalResponsesNotSent()).isZero();
    assertThat(m.snapshot().count()).isZero();
  }

  @Test
  void latencyIsTheDurationOfEachDispatchAtBothLevels() {
    // An injected clock that moves 5 us per reading: each dispatch reads it twice, so each lasts exactly 5 us.
    AtomicLong now = new AtomicLong(1_000_000);
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense()))
        .nanoClock(() -> now.getAndAdd(5_000)).build();

    call(d, TCP, 1, "03 0000 0001");
    d.dispatch(TCP, 1, new ReadHoldingRegistersRequest(0, 1));
    d.dispatch(TCP, 1, new ReadHoldingRegistersRequest(0, 1));

    LatencySnapshot latency = d.metrics().snapshot();
    assertThat(latency.count()).isEqualTo(3);
    // Percentiles within 1 % (the histogram's bound is 1/128); the maximum is exact.
    assertThat(latency.p50()).isBetween(Duration.ofNanos(4_950), Duration.ofNanos(5_050));
    assertThat(latency.max()).isEqualTo(Duration.ofNanos(5_000));
  }

  @Test
  void percentilesOfDispatchesOfOneToOneHundredMicroseconds() {
    // Dispatch i (1..100) lasts i us: the clock moves by it at the dispatch's first reading, not at its second.
    AtomicLong now = new AtomicLong(1_000_000);
    AtomicInteger readings = new AtomicInteger();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense()))
        .nanoClock(() -> {
          int reading = readings.getAndIncrement();
          return reading % 2 == 0 ? now.getAndAdd((reading / 2 + 1) * 1_000L) : now.get();
        }).build();

    for (int i = 0; i < 100; i++) {
      call(d, TCP, 1, "03 0000 0001");
    }

    LatencySnapshot latency = d.metrics().snapshot();
    assertThat(readings.get()).as("two clock readings per dispatch").isEqualTo(200);
    assertThat(latency.count()).isEqualTo(100);
    assertThat(latency.p50()).isBetween(Duration.ofNanos(50_000), Duration.ofNanos(50_000 + 50_000 / 128));
    assertThat(latency.p90()).isBetween(Duration.ofNanos(90_000), Duration.ofNanos(90_000 + 90_000 / 128));
    assertThat(latency.p99()).isBetween(Duration.ofNanos(99_000), Duration.ofNanos(99_000 + 99_000 / 128));
    assertThat(latency.p999()).isEqualTo(Duration.ofNanos(100_000)); // rank 100 of 100: the exact maximum
    assertThat(latency.max()).isEqualTo(Duration.ofNanos(100_000));

    d.metrics().reset();
    call(d, TCP, 1, "03 0000 0001");
    assertThat(d.metrics().snapshot().count()).isEqualTo(1);
    assertThat(d.metrics().snapshot().max()).isEqualTo(Duration.ofNanos(101_000));
  }

  @Test
  void latencyOnTheRealClockIsPositiveAndBelowTheHistogramCeiling() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();

    call(d, TCP, 1, "03 0000 0001");

    LatencySnapshot latency = d.metrics().snapshot();
    assertThat(latency.count()).isEqualTo(1);
    // Lower bounds and order only: a loaded machine may take any time, but never none, nor more than the ceiling.
    assertThat(latency.p50()).isPositive();
    assertThat(latency.max()).isGreaterThanOrEqualTo(latency.p50()).isLessThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void objectDispatchCountsRequestsAndGatewayExceptions() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    ModbusDispatcher path = ModbusDispatcher.builder()
        .unknownUnitPolicy(UnknownUnitPolicy.GATEWAY_PATH_UNAVAILABLE).build();

    d.dispatch(TCP, 1, new ReadHoldingRegistersRequest(0, 1));
    d.dispatch(TCP, 9, new ReadHoldingRegistersRequest(0, 1));
    path.dispatch(TCP, 9, new ReadHoldingRegistersRequest(0, 1));

    assertThat(d.metrics().requests(3)).isEqualTo(2);
    assertThat(d.metrics().exceptions(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND)).isEqualTo(1);
    assertThat(d.metrics().totalExceptions()).isEqualTo(1);
    assertThat(path.metrics().exceptions(ExceptionCode.GATEWAY_PATH_UNAVAILABLE)).isEqualTo(1);
    assertThat(path.metrics().totalRequests()).isEqualTo(1);
  }

  @Test
  void latencySnapshotRejectsNegativeCounts() {
    assertThatThrownBy(() -> new LatencySnapshot(-1, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
        Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new LatencySnapshot(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO)
        .count()).isZero();
  }
}
