package dev.modbustoolkit.fault;

import static dev.modbustoolkit.fault.Harness.READ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every trigger condition, alone and combined. */
class TriggerTest {
  private static final ActionSpec ACTION = new ActionSpec.Delay(Duration.ofMillis(1), Duration.ZERO);

  private static FaultSession session(TriggerSpec trigger) {
    return session(trigger, new InetSocketAddress("127.0.0.1", 1502));
  }

  private static FaultSession session(TriggerSpec trigger, InetSocketAddress remote) {
    FaultPipeline p = FaultPipeline.create(5);
    p.add(FaultSpec.of("t", ACTION, trigger));
    return p.openSession(new ConnectionInfo(1, Transport.TCP, remote));
  }

  private static boolean fires(FaultSession s, RequestInfo r) {
    return !s.plan(r).isNone();
  }

  /** Which of n identical requests fire, 1-based. */
  private static List<Integer> firing(FaultSession s, int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      if (fires(s, READ)) {
        out.add(i);
      }
    }
    return out;
  }

  @Test
  void alwaysFires() {
    assertThat(firing(session(TriggerSpec.ALWAYS), 5)).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void unitIds() {
    FaultSession s = session(TriggerSpec.builder().unitIds(1, 17).build());
    assertThat(fires(s, RequestInfo.of(17, 3, 0, 1))).isTrue();
    assertThat(fires(s, RequestInfo.of(1, 3, 0, 1))).isTrue();
    assertThat(fires(s, RequestInfo.of(2, 3, 0, 1))).isFalse();
    assertThat(fires(s, RequestInfo.of(255, 3, 0, 1))).isFalse();
  }

  @Test
  void functionCodes() {
    FaultSession s = session(TriggerSpec.builder().functionCodes(3, 16).build());
    assertThat(fires(s, RequestInfo.of(1, 3, 0, 1))).isTrue();
    assertThat(fires(s, RequestInfo.of(1, 16, 0, 1))).isTrue();
    assertThat(fires(s, RequestInfo.of(1, 4, 0, 1))).isFalse();
    assertThat(fires(s, RequestInfo.withoutAddresses(1, 0x83))).isFalse();
  }

  @Test
  void addressRangeOverlap() {
    FaultSession s = session(TriggerSpec.builder().addresses(100, 199).build());
    assertThat(fires(s, RequestInfo.of(1, 3, 100, 1))).as("first address").isTrue();
    assertThat(fires(s, RequestInfo.of(1, 3, 199, 1))).as("last address").isTrue();
    assertThat(fires(s, RequestInfo.of(1, 3, 90, 11))).as("ends on first").isTrue();
    assertThat(fires(s, RequestInfo.of(1, 3, 90, 10))).as("ends just before").isFalse();
    assertThat(fires(s, RequestInfo.of(1, 3, 200, 5))).as("starts just after").isFalse();
    assertThat(fires(s, RequestInfo.of(1, 3, 0, 65536))).as("covers it").isTrue();
    assertThat(fires(s, RequestInfo.of(1, 3, 150, 0))).as("empty range").isFalse();
    assertThat(fires(s, RequestInfo.withoutAddresses(1, 8))).as("no address range").isFalse();
  }

  @Nested
  class RemoteAddress {
    @Test
    void exactIpv4() {
      TriggerSpec t = TriggerSpec.builder().remoteAddresses("192.168.1.7").build();
      assertThat(fires(session(t, new InetSocketAddress("192.168.1.7", 1)), READ)).isTrue();
      assertThat(fires(session(t, new InetSocketAddress("192.168.1.8", 1)), READ)).isFalse();
    }

    @Test
    void cidrBlocks() {
      TriggerSpec t = TriggerSpec.builder().remoteAddresses("10.0.0.0/8", "172.16.0.0/12").build();
      assertThat(fires(session(t, new InetSocketAddress("10.200.3.4", 1)), READ)).isTrue();
      assertThat(fires(session(t, new InetSocketAddress("172.31.255.1", 1)), READ)).isTrue();
      assertThat(fires(session(t, new InetSocketAddress("172.32.0.1", 1)), READ)).isFalse();
      assertThat(fires(session(t, new InetSocketAddress("11.0.0.1", 1)), READ)).isFalse();
    }

    @Test
    void ipv6() {
      TriggerSpec t = TriggerSpec.builder().remoteAddresses("fd00::/8").build();
      assertThat(fires(session(t, new InetSocketAddress("fd12::1", 1)), READ)).isTrue();
      assertThat(fires(session(t, new InetSocketAddress("fe80::1", 1)), READ)).isFalse();
      assertThat(fires(session(t, new InetSocketAddress("10.0.0.1", 1)), READ)).isFalse();
    }

    @Test
    void serialPortsHaveNoRemoteAddressAndNeverMatch() {
      FaultPipeline p = FaultPipeline.create(1);
      p.add(FaultSpec.of("t", ACTION, TriggerSpec.builder().remoteAddresses("0.0.0.0/0").build()));
      assertThat(p.openSession(ConnectionInfo.serial(1, Transport.RTU)).plan(READ).isNone()).isTrue();
    }

    @Test
    void hostNamesAreRejected() {
      assertThatThrownBy(() -> TriggerSpec.builder().remoteAddresses("plc.example.com").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("plc.example.com");
      assertThatThrownBy(() -> TriggerSpec.builder().remoteAddresses("10.0.0.0/33").build())
          .hasMessageContaining("prefix");
      assertThatThrownBy(() -> TriggerSpec.builder().remoteAddresses("10.0.0").build())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Probability {
    @Test
    void zeroNeverOneAlways() {
      assertThat(firing(session(TriggerSpec.builder().probability(0).build()), 200)).isEmpty();
      assertThat(firing(session(TriggerSpec.builder().probability(1).build()), 200)).hasSize(200);
    }

    @Test
    void aHalfFiresAboutHalfTheTime() {
      int n = firing(session(TriggerSpec.builder().probability(0.5).build()), 2000).size();
      assertThat(n).isBetween(850, 1150);
    }
  }

  @Test
  void everyNth() {
    assertThat(firing(session(TriggerSpec.builder().everyNth(3).build()), 10)).containsExactly(3, 6, 9);
  }

  @Test
  void skipFirst() {
    assertThat(firing(session(TriggerSpec.builder().skipFirst(3).build()), 6)).containsExactly(4, 5, 6);
  }

  @Test
  void skipFirstThenEveryNthCountsFromTheFirstUnskippedMatch() {
    assertThat(firing(session(TriggerSpec.builder().skipFirst(2).everyNth(3).build()), 12))
        .containsExactly(5, 8, 11);
  }

  @Test
  void maxActivations() {
    assertThat(firing(session(TriggerSpec.builder().maxActivations(2).build()), 6)).containsExactly(1, 2);
  }

  @Test
  void countersAdvanceOnlyOnMatchingRequests() {
    FaultSession s = session(TriggerSpec.builder().functionCodes(6).everyNth(2).build());
    List<Integer> fired = new ArrayList<>();
    for (int i = 1; i <= 8; i++) {
      // Odd requests are reads (never match), even ones writes.
      RequestInfo r = i % 2 == 0 ? RequestInfo.of(1, 6, 0, 1) : READ;
      if (fires(s, r)) {
        fired.add(i);
      }
    }
    assertThat(fired).containsExactly(4, 8);
  }

  @Nested
  class Time {
    private final Harness.ManualClock clock = new Harness.ManualClock(1_700_000_000_000L);

    private FaultSession session(TriggerSpec t) {
      FaultPipeline p = FaultPipeline.create(1, clock);
      p.add(FaultSpec.of("t", ACTION, t));
      return p.openSession(Harness.connection(1, Transport.TCP));
    }

    @Test
    void absoluteWindowIsHalfOpen() {
      Instant from = Instant.ofEpochMilli(1_700_000_010_000L);
      Instant until = Instant.ofEpochMilli(1_700_000_020_000L);
      FaultSession s = session(TriggerSpec.builder().from(from).until(until).build());
      assertThat(fires(s, READ)).isFalse();
      clock.setMillis(from.toEpochMilli() - 1);
      assertThat(fires(s, READ)).isFalse();
      clock.setMillis(from.toEpochMilli());
      assertThat(fires(s, READ)).isTrue();
      clock.setMillis(until.toEpochMilli() - 1);
      assertThat(fires(s, READ)).isTrue();
      clock.setMillis(until.toEpochMilli());
      assertThat(fires(s, READ)).isFalse();
    }

    @Test
    void activeForADurationAfterBeingAdded() {
      FaultSession s = session(TriggerSpec.builder().activeFor(Duration.ofSeconds(10)).build());
      assertThat(fires(s, READ)).isTrue();
      clock.advanceMillis(9_999);
      assertThat(fires(s, READ)).isTrue();
      clock.advanceMillis(1);
      assertThat(fires(s, READ)).isFalse();
    }

    @Test
    void startAfterThenActiveFor() {
      FaultSession s =
          session(TriggerSpec.builder().startAfter(Duration.ofSeconds(5)).activeFor(Duration.ofSeconds(2)).build());
      assertThat(fires(s, READ)).isFalse();
      clock.advanceMillis(5_000);
      assertThat(fires(s, READ)).isTrue();
      clock.advanceMillis(1_999);
      assertThat(fires(s, READ)).isTrue();
      clock.advanceMillis(1);
      assertThat(fires(s, READ)).isFalse();
    }

    @Test
    void aWindowDoesNotConsumeCountersOutsideIt() {
      FaultSession s = session(TriggerSpec.builder().startAfter(Duration.ofSeconds(1)).everyNth(2).build());
      for (int i = 0; i < 5; i++) {
        assertThat(fires(s, READ)).isFalse();
      }
      clock.advanceMillis(1_000);
      assertThat(fires(s, READ)).isFalse();
      assertThat(fires(s, READ)).isTrue();
    }
  }

  @Test
  void conditionsCombineWithAnd() {
    FaultSession s =
        session(
            TriggerSpec.builder()
                .unitIds(1)
                .functionCodes(3)
                .addresses(0, 9)
                .remoteAddresses("127.0.0.0/8")
                .skipFirst(1)
                .maxActivations(2)
                .build());
    RequestInfo match = RequestInfo.of(1, 3, 5, 2);
    assertThat(fires(s, RequestInfo.of(2, 3, 5, 2))).as("wrong unit").isFalse();
    assertThat(fires(s, RequestInfo.of(1, 4, 5, 2))).as("wrong fc").isFalse();
    assertThat(fires(s, RequestInfo.of(1, 3, 50, 2))).as("wrong address").isFalse();
    assertThat(fires(s, match)).as("first match skipped").isFalse();
    assertThat(fires(s, match)).isTrue();
    assertThat(fires(s, match)).isTrue();
    assertThat(fires(s, match)).as("max reached").isFalse();
  }

  @Test
  void invalidTriggersAreRejectedNamingTheField() {
    assertThatThrownBy(() -> TriggerSpec.builder().probability(1.5).build()).hasMessageContaining("probability");
    assertThatThrownBy(() -> TriggerSpec.builder().everyNth(0).build()).hasMessageContaining("everyNth");
    assertThatThrownBy(() -> TriggerSpec.builder().skipFirst(-1).build()).hasMessageContaining("skipFirst");
    assertThatThrownBy(() -> TriggerSpec.builder().maxActivations(0).build()).hasMessageContaining("maxActivations");
    assertThatThrownBy(() -> TriggerSpec.builder().unitIds(256).build()).hasMessageContaining("unitIds");
    assertThatThrownBy(() -> TriggerSpec.builder().functionCodes(0).build()).hasMessageContaining("functionCodes");
    assertThatThrownBy(() -> TriggerSpec.builder().addresses(10, 5).build()).hasMessageContaining("addresses");
    Instant t = Instant.EPOCH;
    assertThatThrownBy(() -> TriggerSpec.builder().from(t).until(t).build()).hasMessageContaining("until");
    assertThatThrownBy(() -> TriggerSpec.builder().activeFor(Duration.ZERO).build())
        .hasMessageContaining("activeFor");
  }
}
