package dev.modbustoolkit.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.simulator.profile.Access;
import dev.modbustoolkit.simulator.profile.PointSpec;
import dev.modbustoolkit.simulator.profile.PointType;
import dev.modbustoolkit.simulator.profile.PointValue;
import dev.modbustoolkit.simulator.profile.Table;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A typed point written then read gives the value back, in every word order, for every type. */
class PointProperties {

  static Point point(PointType type, WordOrder order, double scale, double offset, int address) {
    Table table = type instanceof PointType.BoolType ? Table.COILS : Table.HOLDING_REGISTERS;
    PointValue initial = type instanceof PointType.StringType ? PointValue.of("") : PointValue.of(0);
    PointSpec spec = new PointSpec("p", table, address, type, order, scale, offset, "", Access.READ_WRITE, initial,
        null, Duration.ofSeconds(1));
    return new Point(spec, DataModel.dense());
  }

  /** A raw value the format holds exactly (int64/uint64: within 2^53, as doubles are). */
  static Arbitrary<Double> raw(PointType.NumberFormat f) {
    return switch (f) {
      case INT16 -> Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE).map(Integer::doubleValue);
      case UINT16 -> Arbitraries.integers().between(0, 0xFFFF).map(Integer::doubleValue);
      case INT32 -> Arbitraries.integers().map(Integer::doubleValue);
      case UINT32 -> Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Long::doubleValue);
      case INT64 -> Arbitraries.longs().between(-(1L << 53), 1L << 53).map(Long::doubleValue);
      case UINT64 -> Arbitraries.oneOf(Arbitraries.longs().between(0, 1L << 53).map(Long::doubleValue),
          Arbitraries.of(0x1p63, 0x1p64 - 0x1p12, 0x1p62 * 3));
      case FLOAT32 -> Arbitraries.floats().map(Float::doubleValue);
      case FLOAT64 -> Arbitraries.doubles();
    };
  }

  @Provide
  Arbitrary<double[]> formatAndRaw() {
    return Arbitraries.of(PointType.NumberFormat.values())
        .flatMap(f -> raw(f).map(r -> new double[] {f.ordinal(), r}));
  }

  @Property(tries = 2000)
  void numbersRoundTripInEveryWordOrder(@ForAll("formatAndRaw") double[] formatAndRaw,
      @ForAll WordOrder order, @ForAll @IntRange(min = 0, max = 65000) int address) {
    PointType.NumberFormat f = PointType.NumberFormat.values()[(int) formatAndRaw[0]];
    double raw = formatAndRaw[1];
    Point p = point(new PointType.NumberType(f), order, 1, 0, address);
    p.write(PointValue.of(raw));
    assertThat(p.read()).isEqualTo(PointValue.of(raw));
  }

  @Property(tries = 500)
  void scaleAndOffsetAreUndoneOnRead(@ForAll @IntRange(min = -32768, max = 32767) int raw, @ForAll WordOrder order) {
    Point p = point(new PointType.NumberType(PointType.NumberFormat.INT16), order, 0.1, 20, 7);
    double value = raw * 0.1 + 20;
    p.write(PointValue.of(value));
    assertThat(p.readNumber()).isCloseTo(value, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Provide
  Arbitrary<String> latin1() {
    return Arbitraries.strings().withCharRange((char) 1, (char) 0xFF).ofMaxLength(21);
  }

  @Property(tries = 500)
  void stringsRoundTripInEveryWordOrder(@ForAll("latin1") String text, @ForAll WordOrder order) {
    Point p = point(new PointType.StringType(21), order, 1, 0, 100);
    p.write(PointValue.of(text));
    assertThat(p.read()).isEqualTo(PointValue.of(text));
  }

  @Property(tries = 200)
  void boolsAndBitfieldsRoundTrip(@ForAll boolean on, @ForAll @IntRange(min = 0, max = 0xFFFF) int bits,
      @ForAll WordOrder order) {
    Point b = point(new PointType.BoolType(), order, 1, 0, 3);
    b.write(PointValue.of(on ? 1 : 0));
    assertThat(b.readNumber()).isEqualTo(on ? 1 : 0);
    Point f = point(new PointType.BitfieldType(java.util.Map.of("alarm", 3)), order, 1, 0, 3);
    f.write(PointValue.of(bits));
    assertThat(f.readNumber()).isEqualTo(bits);
  }

  @Provide
  Arbitrary<double[]> formatAndAny() {
    return Combinators.combine(Arbitraries.of(PointType.NumberFormat.values()), Arbitraries.doubles()
        .between(-1e30, 1e30)).as((f, v) -> new double[] {f.ordinal(), v});
  }

  /** Moving values saturate instead of failing; what is stored is the nearest value the type holds. */
  @Property(tries = 1000)
  void clampedWritesSaturate(@ForAll("formatAndAny") double[] formatAndValue, @ForAll WordOrder order) {
    PointType.NumberFormat f = PointType.NumberFormat.values()[(int) formatAndValue[0]];
    double v = formatAndValue[1];
    Point p = point(new PointType.NumberType(f), order, 1, 0, 10);
    p.writeClamped(v);
    double back = p.readNumber();
    if (f.isFloat()) {
      assertThat(back).isEqualTo(f == PointType.NumberFormat.FLOAT32 ? (double) (float) v : v);
    } else {
      double expected = Math.max(f.min(), Math.min(Math.rint(v), f.max()));
      assertThat(back).isCloseTo(expected, org.assertj.core.api.Assertions.withinPercentage(1e-9));
    }
  }

  @Property(tries = 100)
  void writesThatDoNotFitAreRefusedAndChangeNothing(@ForAll @IntRange(min = 32768, max = 1_000_000) int tooBig) {
    Point p = point(new PointType.NumberType(PointType.NumberFormat.INT16), WordOrder.ABCD, 1, 0, 0);
    p.write(PointValue.of(5));
    assertThatThrownBy(() -> p.write(PointValue.of(tooBig))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("point p");
    assertThatThrownBy(() -> p.write(PointValue.of("text"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(p.readNumber()).isEqualTo(5);
  }
}
