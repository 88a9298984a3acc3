package dev.modbustoolkit.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Limits and rejected input that the mutation run found untested. */
class TableLimitsTest {

  @Test
  void setInt16WithAnOrderRejectsValuesJustOutsideTheRange() {
    RegisterTable table = RegisterTable.dense(0, 4);
    table.setInt16(0, Short.MAX_VALUE, WordOrder.ABCD);
    table.setInt16(1, Short.MIN_VALUE, WordOrder.DCBA);
    assertThat(table.getInt16(0)).isEqualTo(Short.MAX_VALUE);
    assertThat(table.getInt16(1, WordOrder.DCBA)).isEqualTo(Short.MIN_VALUE);
    assertThatThrownBy(() -> table.setInt16(2, 32768, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("int16 value must be -32768..32767: 32768");
    assertThatThrownBy(() -> table.setInt16(2, -32769, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("int16 value must be -32768..32767: -32769");
    assertThat(table.getUint16(2)).isZero();
  }

  @Test
  void setUint16WithAnOrderRejectsValuesJustOutsideTheRange() {
    RegisterTable table = RegisterTable.dense(0, 4);
    table.setUint16(0, 0xFFFF, WordOrder.ABCD);
    table.setUint16(1, 0, WordOrder.DCBA);
    assertThat(table.getUint16(0)).isEqualTo(0xFFFF);
    assertThatThrownBy(() -> table.setUint16(2, -1, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uint16 value must be 0..65535: -1");
    assertThatThrownBy(() -> table.setUint16(2, 0x10000, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("uint16 value must be 0..65535: 65536");
    assertThat(table.getUint16(2)).isZero();
  }

  @Test
  void registerQuantityZeroIsRejectedWithTheQuantityMessage() {
    RegisterTable table = RegisterTable.dense(0, 4);
    assertThatThrownBy(() -> table.getRange(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be at least 1: 0");
    assertThatThrownBy(() -> table.getString(0, 0, WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be at least 1: 0");
    assertThatThrownBy(() -> table.setString(0, 0, "", WordOrder.ABCD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be at least 1: 0");
  }

  @Test
  void writeThenReadRejectsAnEmptyWriteAndAZeroReadQuantity() {
    RegisterTable table = RegisterTable.dense(0, 4);
    ByteBuffer out = ByteBuffer.allocate(8);
    assertThatThrownBy(() -> table.writeThenRead(0, new short[0], 0, 1, out, ChangeOrigin.WIRE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be at least 1: 0");
    assertThatThrownBy(() -> table.writeThenRead(0, new short[] {1}, 0, 0, out, ChangeOrigin.WIRE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be at least 1: 0");
    assertThat(table.getUint16(0)).isZero();
    assertThat(out.position()).isZero();
  }

  @Test
  void bitQuantityZeroIsRejectedWithTheQuantityMessage() {
    BitTable table = BitTable.dense(0, 8);
    assertThatThrownBy(() -> table.getBits(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be at least 1: 0");
    assertThatThrownBy(() -> table.setBits(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("quantity must be at least 1: 0");
  }

  @Test
  void aMissingAddressIsNamedExactlyWithTheRequestedRange() {
    RegisterTable sparse = RegisterTable.sparse().block(0, 10).block(20, 5).build();
    assertThatThrownBy(() -> sparse.getUint16(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address 10: no such address 10");
    assertThatThrownBy(() -> sparse.getRange(8, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("range 8..10: no such address 10");
    assertThatThrownBy(() -> sparse.getRange(9, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("range 9..10: no such address 10");
    assertThatThrownBy(() -> sparse.getUint16(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address -1: address -1 is outside 0..65535");
    RegisterTable dense = RegisterTable.dense();
    assertThatThrownBy(() -> dense.getRange(65534, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("range 65534..65536: address 65536 is outside 0..65535");
    assertThatThrownBy(() -> dense.getUint16(65536))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("address 65536: address 65536 is outside 0..65535");
    assertThat(dense.getRange(65534, 2)).containsExactly(0, 0);
  }
}
