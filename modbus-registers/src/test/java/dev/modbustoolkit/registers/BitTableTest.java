package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.AccessStatus.ILLEGAL_ADDRESS;
import static dev.modbustoolkit.registers.AccessStatus.OK;
import static dev.modbustoolkit.registers.ChangeOrigin.API;
import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BitTableTest {

  /** 0..15 RW, 16..23 RO, 24..31 WO, 32..39 NO_ACCESS, gap, 100..199 RW. */
  private static BitTable mixed() {
    return BitTable.sparse()
        .block(0, 16)
        .block(16, 8, AccessRule.READ_ONLY)
        .block(24, 8, AccessRule.WRITE_ONLY)
        .block(32, 8, AccessRule.NO_ACCESS)
        .block(100, 100)
        .build();
  }

  private static boolean[] bits(String ones) {
    boolean[] result = new boolean[ones.length()];
    for (int i = 0; i < result.length; i++) {
      result[i] = ones.charAt(i) == '1';
    }
    return result;
  }

  private static byte[] read(BitTable table, int address, int quantity) {
    ByteBuffer out = ByteBuffer.allocate((quantity + 7) / 8);
    assertThat(table.readBits(address, quantity, out)).isEqualTo(OK);
    assertThat(out.position()).isEqualTo(out.capacity());
    return out.array();
  }

  @Test
  void readCoilsSpecExamplePacksLsbFirst() {
    // Modbus Application Protocol 6.1: coils 20..38 (19 coils) answer CD 6B 05.
    BitTable coils = BitTable.dense();
    byte[] packed = {(byte) 0xCD, 0x6B, 0x05};
    for (int i = 0; i < 19; i++) {
      coils.setBit(20 + i, ((packed[i / 8] >> (i % 8)) & 1) != 0);
    }
    coils.setBit(39, true); // beyond the request: must not leak into the unused high bits
    assertThat(read(coils, 20, 19)).containsExactly(0xCD, 0x6B, 0x05);
  }

  @Test
  void writeMultipleCoilsSpecExample() {
    // Modbus Application Protocol 6.11: 10 coils from 20 with CD 01 -> 1011 0011 10.
    BitTable coils = BitTable.dense();
    ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0xCD, (byte) 0xFD}); // high bits of byte 2 ignored
    assertThat(coils.writeBits(20, 10, in, WIRE)).isEqualTo(OK);
    assertThat(in.position()).isEqualTo(2);
    assertThat(coils.getBits(20, 10)).containsExactly(bits("1011001110"));
    assertThat(coils.getBit(30)).isFalse();
    assertThat(coils.getBit(19)).isFalse();
  }

  @Test
  void readAcrossLongWordBoundariesAndUnalignedStarts() {
    BitTable table = BitTable.dense();
    boolean[] pattern = new boolean[130];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = i % 3 == 0 || i % 7 == 0;
    }
    table.setBits(61, pattern);
    assertThat(table.getBits(61, 130)).containsExactly(pattern);
    byte[] packed = read(table, 61, 130);
    for (int i = 0; i < 130; i++) {
      assertThat(((packed[i / 8] >> (i % 8)) & 1) != 0).as("bit %d", i).isEqualTo(pattern[i]);
    }
    assertThat(packed[16] & 0xFC).isZero(); // 130 bits: 2 used bits in byte 16
  }

  @Test
  void addressBounds() {
    BitTable table = BitTable.dense();
    assertThat(table.writeBit(65535, true, WIRE)).isEqualTo(OK);
    assertThat(read(table, 65535, 1)).containsExactly(1);
    assertThat(table.readBits(65535, 2, ByteBuffer.allocate(1))).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.writeBits(65535, new boolean[] {true, true}, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.writeBit(65536, true, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.writeBit(-1, true, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThatThrownBy(() -> table.readBits(0, 0, ByteBuffer.allocate(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sparseGapsAndRules() {
    BitTable table = mixed();
    ByteBuffer out = ByteBuffer.allocate(64);
    assertThat(table.readBits(0, 24, out)).isEqualTo(OK); // RW + RO
    assertThat(table.readBits(20, 5, out)).isEqualTo(ILLEGAL_ADDRESS); // 24 is WO
    assertThat(table.readBits(32, 1, out)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.readBits(40, 1, out)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.readBits(99, 2, out)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.readBits(100, 100, out)).isEqualTo(OK);
    assertThat(table.readBits(100, 101, out)).isEqualTo(ILLEGAL_ADDRESS);

    assertThat(table.writeBit(15, true, WIRE)).isEqualTo(OK);
    assertThat(table.writeBit(16, true, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.writeBit(24, true, WIRE)).isEqualTo(OK);
    assertThat(table.writeBit(32, true, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.writeBits(14, new boolean[] {true, true, true}, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.getBit(14)).isFalse();
    assertThat(table.checkWrite(24, 8)).isEqualTo(OK);
    assertThat(table.checkRead(24, 1)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(table.accessRule(33)).isEqualTo(AccessRule.NO_ACCESS);
    assertThat(table.accessRule(50)).isNull();
  }

  @Test
  void failedReadWritesNothing() {
    BitTable table = mixed();
    ByteBuffer out = ByteBuffer.wrap(new byte[] {7, 7, 7});
    assertThat(table.readBits(10, 20, out)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(out.position()).isZero();
    assertThat(out.array()).containsExactly(7, 7, 7);
    boolean[] dst = {true, true};
    assertThat(table.readBits(31, 2, dst, 0)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(dst).containsExactly(true, true);
  }

  @Test
  void failedWritesChangeNothing() {
    BitTable table = mixed();
    table.setBits(0, bits("1010101010101010"));
    boolean[] before = table.getBits(0, 40);
    ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
    assertThat(table.writeBits(8, 20, in, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(in.position()).isZero();
    assertThat(table.writeBits(0, new boolean[40], WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThatThrownBy(() -> table.setBits(38, true, true, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no such address 40");
    assertThat(table.getBits(0, 40)).containsExactly(before);
  }

  @Test
  void bufferSizeErrorsAreProgrammingErrors() {
    BitTable table = BitTable.dense(0, 100);
    assertThatThrownBy(() -> table.readBits(0, 9, ByteBuffer.allocate(1)))
        .isInstanceOf(BufferOverflowException.class);
    assertThatThrownBy(() -> table.writeBits(0, 9, ByteBuffer.allocate(1), WIRE))
        .isInstanceOf(BufferUnderflowException.class);
    assertThatThrownBy(() -> table.readBits(0, 3, new boolean[2], 0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(table.getBits(0, 9)).containsOnly(false);
  }

  @Test
  void javaApiIgnoresRulesAndNamesMissingAddresses() {
    BitTable table = mixed();
    table.setBit(16, true); // READ_ONLY
    table.setBit(33, true); // NO_ACCESS
    assertThat(table.getBit(16)).isTrue();
    assertThat(table.getBit(33)).isTrue();
    assertThatThrownBy(() -> table.getBit(40)).hasMessageContaining("40");
    assertThatThrownBy(() -> table.setBit(65536, true)).hasMessageContaining("65536");
  }

  @Test
  void listenersGetOldNewAndOrigin() {
    BitTable table = BitTable.dense(0, 16);
    table.setBit(1, true);
    List<BitChangeEvent> events = new ArrayList<>();
    table.addListener(events::add);
    table.writeBits(0, new boolean[] {true, false, true}, WIRE);
    table.writeBits(8, 3, ByteBuffer.wrap(new byte[] {0b101}), WIRE);
    table.writeBit(15, true, WIRE);
    table.setBits(4, true);
    table.writeBit(99, true, WIRE); // missing: no event
    assertThat(events).extracting(BitChangeEvent::address).containsExactly(0, 8, 15, 4);
    BitChangeEvent first = events.get(0);
    assertThat(first.table()).isSameAs(table);
    assertThat(first.origin()).isEqualTo(WIRE);
    assertThat(first.oldValues()).containsExactly(false, true, false);
    assertThat(first.newValues()).containsExactly(true, false, true);
    assertThat(first.oldValue(1)).isTrue();
    assertThat(first.newValue(1)).isFalse();
    assertThat(first.changed()).isTrue();
    assertThat(events.get(1).newValues()).containsExactly(true, false, true);
    assertThat(events.get(1).quantity()).isEqualTo(3);
    assertThat(events.get(3).origin()).isEqualTo(API);
    assertThat(first.toString()).contains("old=010").contains("new=101");
  }

  @Test
  void removedListenerIsNotCalled() {
    BitTable table = BitTable.dense(0, 4);
    List<BitChangeEvent> events = new ArrayList<>();
    BitChangeListener listener = events::add;
    table.addListener(listener);
    table.addListener(listener);
    table.setBit(0, true);
    assertThat(events).hasSize(2); // registered twice
    assertThat(table.removeListener(listener)).isTrue();
    table.setBit(0, false);
    assertThat(events).hasSize(3);
    assertThat(table.removeListener(listener)).isTrue();
    assertThat(table.removeListener(listener)).isFalse();
    table.setBit(0, true);
    assertThat(events).hasSize(3);
  }

  @Test
  void builderAndLayout() {
    BitTable table = BitTable.sparse().block(0, 65536).access(0, 10, AccessRule.READ_ONLY).build();
    assertThat(table.blocks()).containsExactly(
        new AddressBlock(0, 10, AccessRule.READ_ONLY), new AddressBlock(10, 65526, AccessRule.READ_WRITE));
    assertThat(table.size()).isEqualTo(65536);
    assertThat(BitTable.dense(5, 3, AccessRule.WRITE_ONLY).blocks())
        .containsExactly(new AddressBlock(5, 3, AccessRule.WRITE_ONLY));
    assertThatThrownBy(() -> BitTable.sparse().block(0, 2).block(1, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Arrays.asList(BitTable.dense().contains(65535), BitTable.dense(1, 1).contains(0)))
        .containsExactly(true, false);
  }
}
