package dev.modbustoolkit.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every range an action checks, at both sides: the last value inside is taken, the first outside is refused with
 * a message that names the field and the value. (PIT found most of these limits checked on one side only.)
 */
class ActionSpecLimitsTest {
  private static final Duration MAX = Duration.ofDays(365);
  private static final Duration OVER = MAX.plusNanos(1);
  private static final Cut HALF = new Cut.Percent(50);

  static Stream<Arguments> durations() {
    return Stream.of(
        // name, the action with that duration, whether zero is allowed
        Arguments.of("base", (Function<Duration, ActionSpec>) d -> new ActionSpec.Delay(d, Duration.ZERO), true),
        Arguments.of("jitter", (Function<Duration, ActionSpec>) d -> new ActionSpec.Delay(Duration.ZERO, d), true),
        Arguments.of("after", (Function<Duration, ActionSpec>) ActionSpec.LateResponse::new, false),
        Arguments.of("gap", (Function<Duration, ActionSpec>) d -> new ActionSpec.DuplicateResponse(1, d), true),
        Arguments.of("gap", (Function<Duration, ActionSpec>) d -> new ActionSpec.SplitResponse(List.of(), 2, d), true),
        Arguments.of("restAfter", (Function<Duration, ActionSpec>) d -> new ActionSpec.PartialFrame(HALF, d), false),
        Arguments.of("gap", (Function<Duration, ActionSpec>)
            d -> new ActionSpec.Garbage(GarbagePlacement.BEFORE, new ByteSource.RandomBytes(1), d), true),
        Arguments.of("max", (Function<Duration, ActionSpec>) ActionSpec.ByteJitter::new, false),
        Arguments.of("every", (Function<Duration, ActionSpec>)
            d -> new ActionSpec.CloseConnection(CloseMode.FIN, 0, d, true), false),
        Arguments.of("idle", (Function<Duration, ActionSpec>) d -> new ActionSpec.IdleClose(d, CloseMode.FIN), false));
  }

  @ParameterizedTest(name = "{0} of {1}")
  @MethodSource("durations")
  void everyDurationIsChecked(String name, Function<Duration, ActionSpec> action, boolean zeroAllowed) {
    assertThatCode(() -> action.apply(MAX)).doesNotThrowAnyException();
    assertThatCode(() -> action.apply(Duration.ofNanos(1))).doesNotThrowAnyException();
    assertThatThrownBy(() -> action.apply(OVER)).hasMessageStartingWith(name + " ").hasMessageContaining("365 days");
    assertThatThrownBy(() -> action.apply(Duration.ofNanos(-1))).hasMessageStartingWith(name + " PT-0.000000001S");
    if (zeroAllowed) {
      assertThatCode(() -> action.apply(Duration.ZERO)).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> action.apply(Duration.ZERO)).hasMessage(name + " PT0S must be positive");
    }
    if (!name.equals("restAfter") && !name.equals("every")) { // those two are optional: null means none
      assertThatThrownBy(() -> action.apply(null)).isInstanceOf(NullPointerException.class).hasMessage(name);
    }
  }

  @Test
  void copiesAre1To16() {
    assertThat(new ActionSpec.DuplicateResponse(1, Duration.ZERO).copies()).isEqualTo(1);
    assertThat(new ActionSpec.DuplicateResponse(16, Duration.ZERO).copies()).isEqualTo(16);
    assertThatThrownBy(() -> new ActionSpec.DuplicateResponse(0, Duration.ZERO)).hasMessage("copies 0 out of range 1..16");
    assertThatThrownBy(() -> new ActionSpec.DuplicateResponse(17, Duration.ZERO))
        .hasMessage("copies 17 out of range 1..16");
  }

  @Test
  void aSplitHasPartsOf2To256OrPositionsOf1To65535() {
    assertThat(new ActionSpec.SplitResponse(List.of(), 2, Duration.ZERO).parts()).isEqualTo(2);
    assertThat(new ActionSpec.SplitResponse(List.of(), 256, Duration.ZERO).parts()).isEqualTo(256);
    assertThatThrownBy(() -> new ActionSpec.SplitResponse(List.of(), 257, Duration.ZERO))
        .hasMessageStartingWith("parts 257 out of range 2..256");
    assertThat(new ActionSpec.SplitResponse(List.of(1, 65535), 0, Duration.ZERO).positions()).containsExactly(1, 65535);
    assertThatThrownBy(() -> new ActionSpec.SplitResponse(List.of(0), 0, Duration.ZERO))
        .hasMessage("position 0 out of range 1..65535");
    assertThatThrownBy(() -> new ActionSpec.SplitResponse(List.of(65536), 0, Duration.ZERO))
        .hasMessage("position 65536 out of range 1..65535");
  }

  @Test
  void aRawResponseHoldsAtMost65535Bytes() {
    assertThat(new ActionSpec.RawResponse(new byte[65535]).bytes()).hasSize(65535);
    assertThatThrownBy(() -> new ActionSpec.RawResponse(new byte[65536]))
        .hasMessage("bytes: 65536 bytes, at most 65535");
  }

  @Test
  void rawResponsesAreEqualByContentOnly() {
    ActionSpec.RawResponse a = new ActionSpec.RawResponse(new byte[] {1, 2});
    assertThat(a).isEqualTo(a).isNotEqualTo(new ActionSpec.RawResponse(new byte[] {1, 3}))
        .isNotEqualTo(new ActionSpec.RawResponse(new byte[] {1, 2, 0})).isNotEqualTo("0102");
    assertThat(a.hashCode()).isEqualTo(new ActionSpec.RawResponse(new byte[] {1, 2}).hashCode())
        .isNotEqualTo(new ActionSpec.RawResponse(new byte[] {2, 1}).hashCode());
  }

  @Test
  void aCrcMaskIs1To65535() {
    assertThat(new ActionSpec.CorruptCrc(CrcCorruption.XOR, 1).xorMask()).isEqualTo(1);
    assertThat(new ActionSpec.CorruptCrc(CrcCorruption.XOR, 0xFFFF).xorMask()).isEqualTo(0xFFFF);
    assertThatThrownBy(() -> new ActionSpec.CorruptCrc(CrcCorruption.XOR, 0x10000))
        .hasMessage("mask 65536 out of range 1..65535");
  }

  @Test
  void anInterCharacterGapIsAtPosition1To65535AndOver1Point5UpTo10000Characters() {
    assertThat(new ActionSpec.InterCharacterGap(1, 10_000).characters()).isEqualTo(10_000);
    assertThat(new ActionSpec.InterCharacterGap(65535, 1.5000001).position()).isEqualTo(65535);
    assertThatThrownBy(() -> new ActionSpec.InterCharacterGap(65536, 2))
        .hasMessage("position 65536 out of range 1..65535");
    assertThatThrownBy(() -> new ActionSpec.InterCharacterGap(1, 10_000.001)).hasMessageContaining("10000.001");
    assertThatThrownBy(() -> new ActionSpec.InterCharacterGap(1, Double.NaN)).hasMessageContaining("NaN");
  }

  @Test
  void anInterFrameViolationIsFrom0ToUnder3Point5Characters() {
    assertThat(new ActionSpec.InterFrameViolation(0).characters()).isZero();
    assertThat(new ActionSpec.InterFrameViolation(3.4999).characters()).isEqualTo(3.4999);
    assertThatThrownBy(() -> new ActionSpec.InterFrameViolation(-0.001)).hasMessageContaining("-0.001");
    assertThatThrownBy(() -> new ActionSpec.InterFrameViolation(Double.NaN)).hasMessageContaining("NaN");
  }

  @Test
  void aConnectionLimitIs0OrMore() {
    assertThat(new ActionSpec.ConnectionLimit(0, ConnectDecision.REFUSE).maxConnections()).isZero();
    assertThatThrownBy(() -> new ActionSpec.ConnectionLimit(-1, ConnectDecision.REFUSE))
        .hasMessage("max -1 is negative");
  }

  @Test
  void aCloseAfter0RequestsIsTakenAndEveryIsOptional() {
    assertThat(new ActionSpec.CloseConnection(CloseMode.RST, 0, null, false).every()).isNull();
    assertThat(new ActionSpec.PartialFrame(HALF, null).restAfter()).isNull();
  }
}
