package dev.modbustoolkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.client.ClientMetrics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's latency figures, from server-core's {@code LatencyHistogram}. */
class ClientCountersTest {

  @Test
  void noAnswerMeansZeroLatencies() {
    ClientMetrics m = new ClientCounters().snapshot(Map.of());

    assertThat(m.answers()).isZero();
    assertThat(m.latencyP50()).isZero();
    assertThat(m.latencyP99()).isZero();
    assertThat(m.latencyMax()).isZero();
  }

  @Test
  void answersOfOneToTwoHundredMillisecondsGiveTheirPercentilesAndTheExactMaximum() {
    ClientCounters counters = new ClientCounters();
    for (int ms = 200; ms >= 1; ms--) {
      counters.answer(Duration.ofMillis(ms).toNanos());
    }

    ClientMetrics m = counters.snapshot(Map.of());

    assertThat(m.answers()).isEqualTo(200);
    // Never below the true value, at most 1/128 above it.
    assertThat(m.latencyP50()).isBetween(Duration.ofMillis(100), Duration.ofMillis(100).plusNanos(100_000_000 / 128));
    assertThat(m.latencyP99()).isBetween(Duration.ofMillis(198), Duration.ofMillis(198).plusNanos(198_000_000 / 128));
    assertThat(m.latencyMax()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void aZeroOrNegativeReadingOfTheClockCountsAsOneNanosecond() {
    ClientCounters counters = new ClientCounters();
    counters.answer(0);
    counters.answer(-5);

    ClientMetrics m = counters.snapshot(Map.of());

    assertThat(m.answers()).isEqualTo(2);
    assertThat(m.latencyMax()).isEqualTo(Duration.ofNanos(1));
  }
}
