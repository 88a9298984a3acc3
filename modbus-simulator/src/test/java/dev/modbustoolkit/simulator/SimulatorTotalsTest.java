package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatorTotalsTest {

  @Test
  void theSummaryCountsInWordsWithSingularAndPlural() {
    assertThat(new SimulatorTotals(12, 1, 2, 0, 3, 100, 90).summary())
        .isEqualTo("12 requests (1 exception response), 2 faults fired, 3 connections, 100 bytes in, 90 bytes out");
    assertThat(new SimulatorTotals(1, 0, 1, 1, 1, 12, 11).summary())
        .isEqualTo("1 request (0 exception responses), 1 fault fired, 1 connection, 12 bytes in, 11 bytes out");
  }
}
