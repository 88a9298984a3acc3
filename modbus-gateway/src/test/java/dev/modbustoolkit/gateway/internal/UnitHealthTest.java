package dev.modbustoolkit.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Quarantine of a device that stops answering, on a clock the test sets (nanoseconds). */
class UnitHealthTest {
  private final UnitHealth health = new UnitHealth(3, 1_000);

  @Test
  void theLimitOfTimeoutsInARowStartsAQuarantine() {
    assertThat(health.admit(0)).isTrue();
    health.timedOut(10);
    health.timedOut(20);
    assertThat(health.isQuarantined()).isFalse();
    assertThat(health.admit(25)).isTrue();
    health.timedOut(30);
    assertThat(health.isQuarantined()).isTrue();
    assertThat(health.admit(30)).isFalse();
    assertThat(health.admit(1_029)).isFalse();
  }

  @Test
  void anAnswerBetweenTimeoutsStartsTheCountAgain() {
    health.timedOut(10);
    health.timedOut(20);
    health.answered();
    health.timedOut(30);
    health.timedOut(40);
    assertThat(health.isQuarantined()).isFalse();
    health.timedOut(50);
    assertThat(health.isQuarantined()).isTrue();
  }

  @Test
  void whenTheQuarantineEndsOneProbeGoesThroughAndItsAnswerEndsIt() {
    quarantineAt(30);
    assertThat(health.admit(1_030)).as("the first instant after the quarantine").isTrue();
    assertThat(health.admit(1_031)).as("the others wait for the probe").isFalse();
    assertThat(health.admit(5_000)).isFalse();
    health.answered();
    assertThat(health.isQuarantined()).isFalse();
    assertThat(health.admit(5_001)).isTrue();
    assertThat(health.admit(5_002)).isTrue();
  }

  @Test
  void aProbeThatTimesOutStartsANewQuarantineAtOnce() {
    quarantineAt(30);
    assertThat(health.admit(1_030)).isTrue();
    health.timedOut(1_500);
    assertThat(health.isQuarantined()).isTrue();
    assertThat(health.admit(2_499)).isFalse();
    assertThat(health.admit(2_500)).isTrue();
  }

  @Test
  void aProbeThatFailedAnotherWayLetsTheNextRequestProbe() {
    quarantineAt(30);
    assertThat(health.admit(1_030)).isTrue();
    health.inconclusive();
    assertThat(health.isQuarantined()).isTrue();
    assertThat(health.admit(1_040)).isTrue();
    assertThat(health.admit(1_041)).isFalse();
  }

  @Test
  void aLimitOfZeroNeverQuarantines() {
    UnitHealth never = new UnitHealth(0, 1_000);
    for (int i = 0; i < 10; i++) {
      never.timedOut(i);
    }
    assertThat(never.isQuarantined()).isFalse();
    assertThat(never.admit(11)).isTrue();
  }

  @Test
  void aLimitOfOneQuarantinesOnTheFirstTimeout() {
    UnitHealth one = new UnitHealth(1, 1_000);
    one.timedOut(5);
    assertThat(one.isQuarantined()).isTrue();
    assertThat(one.admit(6)).isFalse();
  }

  private void quarantineAt(long now) {
    health.timedOut(now);
    health.timedOut(now);
    health.timedOut(now);
    assertThat(health.isQuarantined()).isTrue();
  }
}
