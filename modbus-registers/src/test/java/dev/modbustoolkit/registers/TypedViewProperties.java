package dev.modbustoolkit.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Typed views round-trip every value in every word order and lay values out as {@link WordOrder} defines. */
class TypedViewProperties {

  private static final int SENTINEL = 0xA55A;

  private final RegisterTable table = RegisterTable.dense();

  @Property
  void int16RoundTrips(@ForAll short value, @ForAll WordOrder order, @ForAll @IntRange(max = 65535) int address) {
    table.setInt16(address, value, order);
    assertThat(table.getInt16(address, order)).isEqualTo(value);
    table.setInt16(address, value);
    assertThat(table.getInt16(address)).isEqualTo(value);
    assertThat(table.get(address)).isEqualTo(value & 0xFFFF);
  }

  @Property
  void uint16RoundTrips(
      @ForAll @IntRange(max = 65535) int value, @ForAll WordOrder order, @ForAll @IntRange(max = 65535) int address) {
    table.setUint16(address, value, order);
    assertThat(table.getUint16(address, order)).isEqualTo(value);
    assertThat(table.get(address)).isEqualTo(order.bytesSwapped() ? Short.reverseBytes((short) value) & 0xFFFF : value);
  }

  @Property
  void int32RoundTrips(@ForAll int value, @ForAll WordOrder order, @ForAll @IntRange(max = 65534) int address) {
    table.setInt32(address, value, order);
    assertThat(table.getInt32(address, order)).isEqualTo(value);
    assertThat(table.getUint32(address, order)).isEqualTo(Integer.toUnsignedLong(value));
  }

  @Property
  void uint32RoundTrips(
      @ForAll @LongRange(max = 0xFFFF_FFFFL) long value,
      @ForAll WordOrder order,
      @ForAll @IntRange(max = 65534) int address) {
    table.setUint32(address, value, order);
    assertThat(table.getUint32(address, order)).isEqualTo(value);
  }

  @Property
  void int64RoundTrips(@ForAll long value, @ForAll WordOrder order, @ForAll @IntRange(max = 65532) int address) {
    table.setInt64(address, value, order);
    assertThat(table.getInt64(address, order)).isEqualTo(value);
  }

  @Property
  void float32RoundTripsEveryBitPattern(
      @ForAll int bits, @ForAll WordOrder order, @ForAll @IntRange(max = 65534) int address) {
    float value = Float.intBitsToFloat(bits);
    table.setFloat32(address, value, order);
    assertThat(Float.floatToIntBits(table.getFloat32(address, order))).isEqualTo(Float.floatToIntBits(value));
  }

  @Property
  void float64RoundTripsEveryBitPattern(
      @ForAll long bits, @ForAll WordOrder order, @ForAll @IntRange(max = 65532) int address) {
    double value = Double.longBitsToDouble(bits);
    table.setFloat64(address, value, order);
    assertThat(Double.doubleToLongBits(table.getFloat64(address, order))).isEqualTo(Double.doubleToLongBits(value));
  }

  @Property
  void stringsRoundTrip(
      @ForAll("latin1") String text, @ForAll @IntRange(min = 0, max = 4) int extraRegisters, @ForAll WordOrder order) {
    int registers = Math.max(1, (text.length() + 1) / 2 + extraRegisters);
    table.setString(1000, registers, text, order);
    assertThat(table.getString(1000, registers, order)).isEqualTo(text);
  }

  @Property
  void layoutFollowsTheWordOrderDefinition(@ForAll long raw, @ForAll WordOrder order) {
    for (int registers : new int[] {1, 2, 4}) {
      long value = registers == 4 ? raw : raw & ((1L << (16 * registers)) - 1);
      switch (registers) {
        case 1 -> table.setUint16(10, (int) value, order);
        case 2 -> table.setUint32(10, value, order);
        default -> table.setInt64(10, value, order);
      }
      assertThat(table.getRange(10, registers)).as("%d registers", registers)
          .containsExactly(oracle(value, registers, order));
    }
  }

  @Property
  void abcdIsBigEndianAndDcbaIsLittleEndian(@ForAll double value, @ForAll float single) {
    table.setFloat64(0, value, WordOrder.ABCD);
    table.setFloat64(4, value, WordOrder.DCBA);
    table.setFloat32(8, single, WordOrder.ABCD);
    table.setFloat32(10, single, WordOrder.DCBA);
    ByteBuffer registers = ByteBuffer.allocate(24);
    table.readRegisters(0, 12, registers);
    ByteBuffer expected = ByteBuffer.allocate(24);
    expected.order(ByteOrder.BIG_ENDIAN).putDouble(0, value);
    expected.order(ByteOrder.LITTLE_ENDIAN).putDouble(8, value);
    expected.order(ByteOrder.BIG_ENDIAN).putFloat(16, single);
    expected.order(ByteOrder.LITTLE_ENDIAN).putFloat(20, single);
    assertThat(registers.array()).containsExactly(expected.array());
  }

  @Property
  void typedWritesTouchOnlyTheirRegisters(
      @ForAll long raw, @ForAll WordOrder order, @ForAll @IntRange(min = 1, max = 65530) int address) {
    table.setRange(address - 1, SENTINEL, 0, 0, 0, 0, SENTINEL);
    table.setInt64(address, raw, order);
    assertThat(table.get(address - 1)).isEqualTo(SENTINEL);
    assertThat(table.get(address + 4)).isEqualTo(SENTINEL);
    int[] tail = table.getRange(address + 2, 2);
    table.setFloat32(address, 1f, order);
    assertThat(table.getRange(address + 2, 2)).isEqualTo(tail);
    assertThat(table.get(address - 1)).isEqualTo(SENTINEL);
  }

  /** Big-endian bytes of {@code value}, rearranged as the {@link WordOrder} Javadoc describes. */
  private static int[] oracle(long value, int registers, WordOrder order) {
    byte[] be = ByteBuffer.allocate(8).putLong(value).array();
    int offset = 8 - 2 * registers;
    int[] result = new int[registers];
    for (int position = 0; position < registers; position++) {
      int word = order.wordsSwapped() ? registers - 1 - position : position;
      int high = be[offset + 2 * word] & 0xFF;
      int low = be[offset + 2 * word + 1] & 0xFF;
      result[position] = order.bytesSwapped() ? low << 8 | high : high << 8 | low;
    }
    return result;
  }

  @Provide
  Arbitrary<String> latin1() {
    // Trailing NULs are padding by definition, so a round-trippable string does not end with one.
    return Arbitraries.strings().withCharRange((char) 0, (char) 0xFF).ofMaxLength(20)
        .filter(s -> s.isEmpty() || s.charAt(s.length() - 1) != 0)
        .filter(s -> StandardCharsets.ISO_8859_1.newEncoder().canEncode(s));
  }
}
