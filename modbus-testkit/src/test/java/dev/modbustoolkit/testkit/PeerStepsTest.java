package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeerStepsTest {
  @Test
  void theSummaryCountsStepsPerPeer() {
    PeerSteps steps = new PeerSteps();
    assertThat(steps.summary("X")).isEqualTo("[peer steps] X: 0 steps ran against real peers; 0 tests skipped");
    steps.ran("pymodbus", 3);
    steps.ran("libmodbus");
    assertThat(steps.total()).isEqualTo(4);
    assertThat(steps.summary("X"))
        .isEqualTo("[peer steps] X: 4 steps ran against real peers (libmodbus 1, pymodbus 3); 0 tests skipped");
  }
}
