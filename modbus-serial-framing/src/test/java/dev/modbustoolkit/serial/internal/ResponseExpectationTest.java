package dev.modbustoolkit.serial.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseExpectationTest {

  @Test
  void nothingIsExpectedAtFirstOrAfterClear() {
    ResponseExpectation e = new ResponseExpectation();
    assertThat(e.matches(0, 0, 0)).as("unit 0, code 0 at time 0 is no expectation").isFalse();
    e.expect(3, 0x03, 100);
    e.clear();
    assertThat(e.matches(3, 0x03, 50)).isFalse();
  }

  @Test
  void theExpectedUnitAndCodeMatchUntilTheDeadlineInclusive() {
    ResponseExpectation e = new ResponseExpectation();
    e.expect(3, 0x03, 100);
    assertThat(e.matches(3, 0x03, 100)).isTrue();
    assertThat(e.matches(3, 0x03, 101)).isFalse();
    assertThat(e.matches(3, 0x83, 99)).as("the exception response").isTrue();
    assertThat(e.matches(4, 0x03, 99)).isFalse();
    assertThat(e.matches(3, 0x04, 99)).isFalse();
    assertThat(e.matches(2, 0x03, 99)).isFalse();
  }

  @Test
  void unitZeroCanBeExpected() {
    ResponseExpectation e = new ResponseExpectation();
    e.expect(0, 0x03, 100);
    assertThat(e.matches(0, 0x03, 100)).isTrue();
  }
}
