package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.WordOrder.ABCD;
import static dev.modbustoolkit.registers.WordOrder.BADC;
import static dev.modbustoolkit.registers.WordOrder.CDAB;
import static dev.modbustoolkit.registers.WordOrder.DCBA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TypedViewTest {

  private final RegisterTable holding = RegisterTable.dense();

  @ParameterizedTest
  @CsvSource({"ABCD, 41AC, 0000", "CDAB, 0000, 41AC", "BADC, AC41, 0000", "DCBA, 0000, AC41"})
  void float32KnownPatterns(WordOrder order, String first, String second) {
    holding.setFloat32(40100, 21.5f, order);
    assertThat(holding.getRange(40100, 2))
        .containsExactly(Integer.parseInt(first, 16), Integer.parseInt(second, 16));
    assertThat(holding.getFloat32(40100, order)).isEqualTo(21.5f);
    assertThat(holding.get(40099)).isZero();
    assertThat(holding.get(40102)).isZero();
  }

  @ParameterizedTest
  @CsvSource({"ABCD, 1234, 5678", "CDAB, 5678, 1234", "BADC, 3412, 7856", "DCBA, 7856, 3412"})
  void int32KnownPatterns(WordOrder order, String first, String second) {
    holding.setRange(10, Integer.parseInt(first, 16), Integer.parseInt(second, 16));
    assertThat(holding.getInt32(10, order)).isEqualTo(0x12345678);
    assertThat(holding.getUint32(10, order)).isEqualTo(0x12345678L);
  }

  @ParameterizedTest
  @CsvSource({
    "ABCD, 0102, 0304, 0506, 0708",
    "CDAB, 0708, 0506, 0304, 0102",
    "BADC, 0201, 0403, 0605, 0807",
    "DCBA, 0807, 0605, 0403, 0201"
  })
  void int64KnownPatterns(WordOrder order, String r0, String r1, String r2, String r3) {
    holding.setInt64(20, 0x0102030405060708L, order);
    assertThat(holding.getRange(20, 4)).containsExactly(
        Integer.parseInt(r0, 16), Integer.parseInt(r1, 16), Integer.parseInt(r2, 16), Integer.parseInt(r3, 16));
  }

  @Test
  void float64KnownPattern() {
    // 1.0 = 0x3FF0000000000000
    holding.setFloat64(0, 1.0, ABCD);
    assertThat(holding.getRange(0, 4)).containsExactly(0x3FF0, 0, 0, 0);
    holding.setFloat64(0, 1.0, DCBA);
    assertThat(holding.getRange(0, 4)).containsExactly(0, 0, 0, 0xF03F);
    holding.setFloat64(0, 1.0, CDAB);
    assertThat(holding.getRange(0, 4)).containsExactly(0, 0, 0, 0x3FF0);
    holding.setFloat64(0, 1.0, BADC);
    assertThat(holding.getRange(0, 4)).containsExactly(0xF03F, 0, 0, 0);
    assertThat(holding.getFloat64(0, BADC)).isEqualTo(1.0);
  }

  @ParameterizedTest
  @EnumSource(names = {"ABCD", "DCBA"})
  void abcdIsBigEndianAndDcbaLittleEndian(WordOrder order) {
    double value = -1234.5678e-9;
    holding.setFloat64(0, value, order);
    ByteBuffer registers = ByteBuffer.allocate(8);
    holding.readRegisters(0, 4, registers);
    ByteBuffer expected = ByteBuffer.allocate(8).order(order == ABCD ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    expected.putDouble(0, value);
    assertThat(registers.array()).containsExactly(expected.array());
  }

  @Test
  void sixteenBitViewsSwapBytesOnlyForByteSwappedOrders() {
    holding.set(5, 0xFF01);
    assertThat(holding.getUint16(5)).isEqualTo(0xFF01);
    assertThat(holding.getInt16(5)).isEqualTo((short) 0xFF01);
    assertThat(holding.getUint16(5, CDAB)).isEqualTo(0xFF01);
    assertThat(holding.getUint16(5, BADC)).isEqualTo(0x01FF);
    assertThat(holding.getUint16(5, DCBA)).isEqualTo(0x01FF);
    holding.setInt16(6, -2, DCBA);
    assertThat(holding.get(6)).isEqualTo(0xFEFF);
    holding.setUint16(7, 0x1234, BADC);
    assertThat(holding.get(7)).isEqualTo(0x3412);
  }

  @Test
  void typedSettersRejectOutOfRangeValues() {
    assertThatThrownBy(() -> holding.setInt16(0, 32768)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> holding.setUint16(0, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> holding.setUint32(0, -1L, ABCD)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> holding.setUint32(0, 0x1_0000_0000L, ABCD))
        .isInstanceOf(IllegalArgumentException.class);
    holding.setUint32(0, 0xFFFF_FFFFL, CDAB);
    assertThat(holding.getUint32(0, CDAB)).isEqualTo(0xFFFF_FFFFL);
    assertThat(holding.getInt32(0, CDAB)).isEqualTo(-1);
  }

  @Test
  void nanPayloadSurvives() {
    float nan = Float.intBitsToFloat(0x7FC01234);
    holding.setFloat32(0, nan, BADC);
    assertThat(Float.floatToRawIntBits(holding.getFloat32(0, BADC))).isEqualTo(0x7FC01234);
  }

  @Test
  void stringsArePackedHighByteFirstAndPaddedWithNul() {
    holding.setString(100, 3, "ABC");
    assertThat(holding.getRange(100, 3)).containsExactly(0x4142, 0x4300, 0x0000);
    assertThat(holding.getString(100, 3)).isEqualTo("ABC");
    holding.setString(100, 3, "ABC", BADC);
    assertThat(holding.getRange(100, 3)).containsExactly(0x4241, 0x0043, 0x0000);
    assertThat(holding.getString(100, 3, BADC)).isEqualTo("ABC");
    holding.setString(100, 2, "WXYZ", CDAB);
    assertThat(holding.getRange(100, 2)).containsExactly(0x595A, 0x5758);
    assertThat(holding.getString(100, 2, CDAB)).isEqualTo("WXYZ");
  }

  @Test
  void stringReadKeepsSpacePaddingAndStopsTrimmingAtData() {
    holding.setRange(0, 0x4120, 0x2020); // "A   " as a device padding with spaces would write it
    assertThat(holding.getString(0, 2)).isEqualTo("A   ");
    holding.setRange(0, 0x0041, 0x0000); // embedded NUL before data is kept
    assertThat(holding.getString(0, 2)).isEqualTo("\u0000A");
  }

  @Test
  void stringsThatDoNotFitAreRejected() {
    assertThatThrownBy(() -> holding.setString(0, 2, "ABCDE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 registers");
    assertThatThrownBy(() -> holding.setString(0, 2, "€"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ISO-8859-1");
    assertThat(holding.getRange(0, 2)).containsExactly(0, 0);
    holding.setString(0, 2, "é");
    assertThat(holding.get(0)).isEqualTo(0xE900);
    assertThat(holding.getString(0, 2)).isEqualTo("é");
  }

  @Test
  void typedViewsOfMissingAddressesNameThem() {
    RegisterTable sparse = RegisterTable.sparse().block(0, 3).build();
    assertThatThrownBy(() -> sparse.getFloat64(0, ABCD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such address 3");
    assertThatThrownBy(() -> sparse.getString(2, 2)).hasMessageContaining("no such address 3");
  }

  @Test
  void wordOrderProperties() {
    assertThat(ABCD.wordsSwapped()).isFalse();
    assertThat(ABCD.bytesSwapped()).isFalse();
    assertThat(CDAB.wordsSwapped()).isTrue();
    assertThat(CDAB.bytesSwapped()).isFalse();
    assertThat(BADC.wordsSwapped()).isFalse();
    assertThat(BADC.bytesSwapped()).isTrue();
    assertThat(DCBA.wordsSwapped()).isTrue();
    assertThat(DCBA.bytesSwapped()).isTrue();
  }
}
