package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Shared assertion for construction-limit tests: violation, offending value and a message naming the value. */
final class LimitAssertions {
  private LimitAssertions() {}

  static void assertRejected(ThrowingCallable construction, PduViolation violation, long offendingValue) {
    assertThatThrownBy(construction)
        .isInstanceOfSatisfying(PduValueException.class, e -> {
          assertThat(e.violation()).as("violation").isEqualTo(violation);
          assertThat(e.offendingValue()).as("offending value").isEqualTo(offendingValue);
          assertThat(e.getMessage()).as("message names the value").contains(Long.toString(offendingValue));
        });
  }
}
