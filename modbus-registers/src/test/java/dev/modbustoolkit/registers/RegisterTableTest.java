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
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegisterTableTest {

  /** 0..9 RW, 10..19 RO, 20..29 WO, 30..39 NO_ACCESS, gap 40..99, 100..109 RW, gap 110.. */
  private static RegisterTable mixed() {
    return RegisterTable.sparse()
        .block(0, 10)
        .block(10, 10, AccessRule.READ_ONLY)
        .block(20, 10, AccessRule.WRITE_ONLY)
        .block(30, 10, AccessRule.NO_ACCESS)
        .block(100, 10)
        .build();
  }

  private static int[] all(RegisterTable table) {
    return table.blocks().stream()
        .flatMapToInt(b -> Arrays.stream(table.getRange(b.start(), b.count())))
        .toArray();
  }

  private static byte[] bytes(ByteBuffer buffer, int from, int to) {
    byte[] result = new byte[to - from];
    buffer.get(from, result);
    return result;
  }

  @Nested
  class Construction {

    @Test
    void denseCoversTheWholeAddressSpace() {
      RegisterTable table = RegisterTable.dense();
      assertThat(table.size()).isEqualTo(65536);
      assertThat(table.blocks()).containsExactly(new AddressBlock(0, 65536, AccessRule.READ_WRITE));
      assertThat(table.contains(0)).isTrue();
      assertThat(table.contains(65535)).isTrue();
      assertThat(table.contains(65536)).isFalse();
      assertThat(table.contains(-1)).isFalse();
    }

    @Test
    void denseRangeHasOnlyItsAddresses() {
      RegisterTable table = RegisterTable.dense(1000, 10);
      assertThat(table.size()).isEqualTo(10);
      assertThat(table.contains(999)).isFalse();
      assertThat(table.contains(1000)).isTrue();
      assertThat(table.contains(1009)).isTrue();
      assertThat(table.contains(1010)).isFalse();
      assertThat(table.get(1009)).isZero();
    }

    @Test
    void denseWithRule() {
      RegisterTable table = RegisterTable.dense(0, 5, AccessRule.READ_ONLY);
      assertThat(table.accessRule(4)).isEqualTo(AccessRule.READ_ONLY);
      assertThat(table.checkWrite(0, 1)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.checkRead(0, 5)).isEqualTo(OK);
    }

    @Test
    void denseRejectsRangesOutsideTheAddressSpace() {
      assertThatThrownBy(() -> RegisterTable.dense(65535, 2)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> RegisterTable.dense(0, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> RegisterTable.dense(-1, 1)).isInstanceOf(IllegalArgumentException.class);
      assertThat(RegisterTable.dense(65535, 1).contains(65535)).isTrue();
    }

    @Test
    void builderNormalisesBlocks() {
      RegisterTable table = RegisterTable.sparse()
          .block(20, 5)
          .block(10, 10) // adjacent to 20, same rule: merged
          .block(25, 5, AccessRule.READ_ONLY)
          .block(100, 3)
          .build();
      assertThat(table.blocks()).containsExactly(
          new AddressBlock(10, 15, AccessRule.READ_WRITE),
          new AddressBlock(25, 5, AccessRule.READ_ONLY),
          new AddressBlock(100, 3, AccessRule.READ_WRITE));
      assertThat(table.size()).isEqualTo(23);
    }

    @Test
    void builderRejectsOverlappingBlocks() {
      RegisterTable.Builder builder = RegisterTable.sparse().block(10, 10);
      assertThatThrownBy(() -> builder.block(19, 5))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("19..23")
          .hasMessageContaining("10..19");
      assertThatThrownBy(() -> builder.block(0, 11)).isInstanceOf(IllegalArgumentException.class);
      builder.block(20, 1); // touching is fine
    }

    @Test
    void accessOverridesPartOfABlock() {
      RegisterTable table = RegisterTable.sparse()
          .block(0, 65536)
          .access(100, 10, AccessRule.READ_ONLY)
          .access(105, 2, AccessRule.NO_ACCESS)
          .build();
      assertThat(table.blocks()).containsExactly(
          new AddressBlock(0, 100, AccessRule.READ_WRITE),
          new AddressBlock(100, 5, AccessRule.READ_ONLY),
          new AddressBlock(105, 2, AccessRule.NO_ACCESS),
          new AddressBlock(107, 3, AccessRule.READ_ONLY),
          new AddressBlock(110, 65426, AccessRule.READ_WRITE));
    }

    @Test
    void accessOutsideBlocksIsRejectedAtBuild() {
      RegisterTable.Builder builder = RegisterTable.sparse().block(0, 10).access(5, 10, AccessRule.READ_ONLY);
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("address 10");
    }

    @Test
    void emptyTableRefusesEverything() {
      RegisterTable table = RegisterTable.sparse().build();
      assertThat(table.size()).isZero();
      assertThat(table.readRegisters(0, 1, ByteBuffer.allocate(2))).isEqualTo(ILLEGAL_ADDRESS);
      assertThatThrownBy(() -> table.get(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class AddressBounds {

    @Test
    void lastAddressWithQuantityOneIsAllowed() {
      RegisterTable table = RegisterTable.dense();
      assertThat(table.writeRegister(65535, 0xBEEF, WIRE)).isEqualTo(OK);
      ByteBuffer out = ByteBuffer.allocate(2);
      assertThat(table.readRegisters(65535, 1, out)).isEqualTo(OK);
      assertThat(bytes(out, 0, 2)).containsExactly(0xBE, 0xEF);
    }

    @Test
    void lastAddressWithQuantityTwoIsRejected() {
      RegisterTable table = RegisterTable.dense();
      ByteBuffer out = ByteBuffer.allocate(4);
      assertThat(table.readRegisters(65535, 2, out)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(out.position()).isZero();
      assertThat(table.writeRegisters(65535, new short[] {1, 2}, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.get(65535)).isZero();
      assertThat(table.checkRead(65534, 2)).isEqualTo(OK);
      assertThatThrownBy(() -> table.setFloat32(65535, 1f, WordOrder.ABCD))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("65536");
    }

    @Test
    void outOfSpaceAddressesAreIllegalNotExceptions() {
      RegisterTable table = RegisterTable.dense();
      assertThat(table.readRegisters(-1, 1, ByteBuffer.allocate(2))).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.readRegisters(65536, 1, ByteBuffer.allocate(2))).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.writeRegister(Integer.MAX_VALUE, 1, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.checkRead(1, Integer.MAX_VALUE)).isEqualTo(ILLEGAL_ADDRESS);
    }

    @Test
    void zeroQuantityIsAProgrammingError() {
      RegisterTable table = RegisterTable.dense();
      assertThatThrownBy(() -> table.readRegisters(0, 0, ByteBuffer.allocate(2)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> table.writeRegisters(0, new short[0], WIRE))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangeCrossingAGapIsRejectedEvenIfBothEndsExist() {
      RegisterTable table = RegisterTable.sparse().block(0, 10).block(11, 10).build();
      assertThat(table.checkRead(5, 5)).isEqualTo(OK);
      assertThat(table.checkRead(5, 6)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.checkRead(9, 3)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.writeRegisters(8, new short[] {1, 2, 3, 4}, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.get(8)).isZero();
      assertThat(table.get(9)).isZero();
    }

    @Test
    void rangeSpanningAdjacentBlocksWithCompatibleRulesIsAllowed() {
      RegisterTable table = mixed();
      assertThat(table.checkRead(5, 10)).isEqualTo(OK); // RW + RO
      assertThat(table.checkWrite(5, 10)).isEqualTo(ILLEGAL_ADDRESS); // RO part
      assertThat(table.checkWrite(25, 1)).isEqualTo(OK);
      assertThat(table.checkWrite(19, 2)).isEqualTo(ILLEGAL_ADDRESS); // RO 19 + WO 20
    }

    @Test
    void javaApiNamesTheMissingAddress() {
      RegisterTable table = mixed();
      assertThatThrownBy(() -> table.get(40))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("40");
      assertThatThrownBy(() -> table.setRange(38, 1, 2, 3, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no such address 40");
      assertThat(table.get(38)).isZero();
    }
  }

  @Nested
  class AccessRules {

    @Test
    void readsFollowTheRule() {
      RegisterTable table = mixed();
      ByteBuffer out = ByteBuffer.allocate(256);
      assertThat(table.readRegisters(0, 10, out)).isEqualTo(OK);
      assertThat(table.readRegisters(10, 10, out)).isEqualTo(OK);
      assertThat(table.readRegisters(20, 1, out)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.readRegisters(30, 1, out)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.readRegisters(19, 2, out)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.readRegisters(40, 1, out)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.readRegisters(15, 1, new short[1], 0)).isEqualTo(OK);
      assertThat(table.readRegisters(25, 1, new short[1], 0)).isEqualTo(ILLEGAL_ADDRESS);
    }

    @Test
    void everyWriteOperationFollowsTheRule() {
      for (int address : new int[] {0, 10, 20, 30, 40}) {
        RegisterTable table = mixed();
        boolean writable = address == 0 || address == 20;
        AccessStatus expected = writable ? OK : ILLEGAL_ADDRESS;
        assertThat(table.writeRegister(address, 1, WIRE)).as("06 at %d", address).isEqualTo(expected);
        assertThat(table.writeRegisters(address, new short[] {2, 3}, WIRE)).as("16 at %d", address)
            .isEqualTo(expected);
        ByteBuffer in = ByteBuffer.wrap(new byte[] {0, 4});
        assertThat(table.writeRegisters(address, 1, in, WIRE)).as("16/buffer at %d", address).isEqualTo(expected);
        assertThat(table.maskWriteRegister(address, 0, 5, WIRE)).as("22 at %d", address).isEqualTo(expected);
        if (table.contains(address)) {
          assertThat(table.get(address)).isEqualTo(writable ? 5 : 0);
        }
      }
    }

    @Test
    void javaApiIgnoresRules() {
      RegisterTable table = mixed();
      table.set(15, 7); // READ_ONLY
      table.set(35, 8); // NO_ACCESS
      table.setFloat32(25, 1.5f, WordOrder.ABCD); // WRITE_ONLY
      assertThat(table.get(15)).isEqualTo(7);
      assertThat(table.get(35)).isEqualTo(8);
      assertThat(table.getFloat32(25, WordOrder.ABCD)).isEqualTo(1.5f);
    }

    @Test
    void writeThenReadChecksBothRangesBeforeChanging() {
      RegisterTable table = mixed();
      ByteBuffer out = ByteBuffer.allocate(20);
      // Write range fine, read range WRITE_ONLY: nothing written.
      assertThat(table.writeThenRead(0, new short[] {1, 2}, 20, 2, out, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.getRange(0, 2)).containsExactly(0, 0);
      assertThat(out.position()).isZero();
      // Write range READ_ONLY, read fine.
      assertThat(table.writeThenRead(10, new short[] {1}, 0, 2, out, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.get(10)).isZero();
      // Write range WRITE_ONLY, read READ_ONLY: fine.
      assertThat(table.writeThenRead(20, new short[] {1}, 10, 1, out, WIRE)).isEqualTo(OK);
      assertThat(table.get(20)).isEqualTo(1);
    }
  }

  @Nested
  class WireReadsAndWrites {

    @Test
    void readRegistersIsBigEndianWhateverTheBufferOrder() {
      RegisterTable table = RegisterTable.dense(0, 10);
      table.setRange(3, 0x1234, 0xABCD);
      ByteBuffer out = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
      out.position(3);
      assertThat(table.readRegisters(3, 2, out)).isEqualTo(OK);
      assertThat(out.position()).isEqualTo(7);
      assertThat(bytes(out, 3, 7)).containsExactly(0x12, 0x34, 0xAB, 0xCD);
    }

    @Test
    void failedReadWritesNothingToTheBuffer() {
      RegisterTable table = mixed();
      byte[] canary = new byte[8];
      Arrays.fill(canary, (byte) 0x5A);
      ByteBuffer out = ByteBuffer.wrap(canary.clone());
      out.position(2);
      assertThat(table.readRegisters(8, 3, out)).isEqualTo(OK); // 8,9 RW + 10 RO: fine
      out.clear().put(canary).position(2);
      assertThat(table.readRegisters(18, 3, out)).isEqualTo(ILLEGAL_ADDRESS); // 20 is WO
      assertThat(out.position()).isEqualTo(2);
      assertThat(out.array()).containsExactly(canary);
      short[] dst = {9, 9, 9};
      assertThat(table.readRegisters(38, 3, dst, 0)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(dst).containsExactly(9, 9, 9);
    }

    @Test
    void tooSmallBufferThrowsWithoutWriting() {
      RegisterTable table = RegisterTable.dense(0, 10);
      ByteBuffer out = ByteBuffer.allocate(3);
      assertThatThrownBy(() -> table.readRegisters(0, 2, out)).isInstanceOf(BufferOverflowException.class);
      assertThat(out.position()).isZero();
      assertThatThrownBy(() -> table.readRegisters(0, 2, new short[3], 2))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> table.writeRegisters(0, 2, ByteBuffer.allocate(3), WIRE))
          .isInstanceOf(BufferUnderflowException.class);
      assertThatThrownBy(() -> table.writeThenRead(0, new short[] {7}, 0, 2, ByteBuffer.allocate(3), WIRE))
          .isInstanceOf(BufferOverflowException.class);
      assertThat(table.get(0)).isZero();
    }

    @Test
    void readIntoShortArrayAtOffset() {
      RegisterTable table = RegisterTable.dense(0, 10);
      table.setRange(0, 1, 2, 3);
      short[] dst = new short[5];
      assertThat(table.readRegisters(0, 3, dst, 2)).isEqualTo(OK);
      assertThat(dst).containsExactly(0, 0, 1, 2, 3);
    }

    @Test
    void writeRegistersFromBufferAdvancesOnlyOnSuccess() {
      RegisterTable table = mixed();
      ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x01, 0x12, 0x34, 0x00});
      in.order(ByteOrder.LITTLE_ENDIAN); // must not matter
      assertThat(table.writeRegisters(9, 2, in, WIRE)).isEqualTo(ILLEGAL_ADDRESS); // 10 is RO
      assertThat(in.position()).isZero();
      assertThat(table.writeRegisters(8, 2, in, WIRE)).isEqualTo(OK);
      assertThat(in.position()).isEqualTo(4);
      assertThat(table.getRange(8, 2)).containsExactly(0xFF01, 0x1234);
    }

    @Test
    void writeRegistersCopiesTheCallersArray() {
      RegisterTable table = RegisterTable.dense(0, 4);
      short[] values = {1, 2};
      table.writeRegisters(0, values, WIRE);
      values[0] = 99;
      assertThat(table.getRange(0, 2)).containsExactly(1, 2);
    }

    @Test
    void writeRegisterAcceptsSignedAndUnsignedSixteenBitValues() {
      RegisterTable table = RegisterTable.dense(0, 4);
      assertThat(table.writeRegister(0, 65535, WIRE)).isEqualTo(OK);
      assertThat(table.writeRegister(1, -1, WIRE)).isEqualTo(OK);
      assertThat(table.getRange(0, 2)).containsExactly(65535, 65535);
      assertThat(table.getInt16(1)).isEqualTo((short) -1);
      assertThatThrownBy(() -> table.writeRegister(0, 65536, WIRE)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> table.set(0, -32769)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maskWriteFollowsTheSpecExample() {
      // Modbus Application Protocol 6.16: current 0x12, AND 0xF2, OR 0x25 -> 0x17.
      RegisterTable table = RegisterTable.dense(0, 10);
      table.set(4, 0x12);
      assertThat(table.maskWriteRegister(4, 0x00F2, 0x0025, WIRE)).isEqualTo(OK);
      assertThat(table.get(4)).isEqualTo(0x17);
    }

    @Test
    void maskWriteEdgeMasks() {
      RegisterTable table = RegisterTable.dense(0, 1);
      table.set(0, 0xA5A5);
      table.maskWriteRegister(0, 0xFFFF, 0x1234, WIRE); // AND all ones: OR ignored
      assertThat(table.get(0)).isEqualTo(0xA5A5);
      table.maskWriteRegister(0, 0x0000, 0x1234, WIRE); // AND zero: result is the OR mask
      assertThat(table.get(0)).isEqualTo(0x1234);
      table.maskWriteRegister(0, 0xFF00, 0x00FF, WIRE);
      assertThat(table.get(0)).isEqualTo(0x12FF);
    }

    @Test
    void writeThenReadSeesItsOwnWrite() {
      RegisterTable table = RegisterTable.dense(0, 20);
      table.setRange(0, 10, 11, 12, 13);
      ByteBuffer out = ByteBuffer.allocate(8);
      assertThat(table.writeThenRead(2, new short[] {0x0102, 0x0304}, 1, 4, out, WIRE)).isEqualTo(OK);
      assertThat(out.position()).isEqualTo(8);
      assertThat(bytes(out, 0, 8)).containsExactly(0, 11, 1, 2, 3, 4, 0, 0);
      assertThat(table.getRange(0, 5)).containsExactly(10, 11, 0x0102, 0x0304, 0);
    }
  }

  @Nested
  class Listeners {

    @Test
    void eventCarriesTableAddressValuesAndOrigin() {
      RegisterTable table = RegisterTable.dense(0, 10);
      table.setRange(2, 5, 6);
      List<RegisterChangeEvent> events = new ArrayList<>();
      table.addListener(events::add);
      table.writeRegisters(2, new short[] {7, 6, 9}, WIRE);
      table.setFloat32(0, 21.5f, WordOrder.CDAB);

      assertThat(events).hasSize(2);
      RegisterChangeEvent wire = events.get(0);
      assertThat(wire.table()).isSameAs(table);
      assertThat(wire.address()).isEqualTo(2);
      assertThat(wire.quantity()).isEqualTo(3);
      assertThat(wire.origin()).isEqualTo(WIRE);
      assertThat(wire.oldValues()).containsExactly(5, 6, 0);
      assertThat(wire.newValues()).containsExactly(7, 6, 9);
      assertThat(wire.oldValue(0)).isEqualTo(5);
      assertThat(wire.newValue(2)).isEqualTo(9);
      assertThat(wire.changed()).isTrue();

      RegisterChangeEvent api = events.get(1);
      assertThat(api.origin()).isEqualTo(API);
      assertThat(api.address()).isZero();
      assertThat(api.newValues()).containsExactly(0x0000, (short) 0x41AC);
      assertThat(api.newValue(1)).isEqualTo(0x41AC);
    }

    @Test
    void everyWriteKindReportsExactlyOneEvent() {
      RegisterTable table = RegisterTable.dense(0, 10);
      List<RegisterChangeEvent> events = new ArrayList<>();
      table.addListener(events::add);
      table.writeRegister(1, 0xFFFF, WIRE);
      table.writeRegisters(2, 2, ByteBuffer.wrap(new byte[] {0, 1, 0, 2}), WIRE);
      table.maskWriteRegister(1, 0x00FF, 0, WIRE);
      table.writeThenRead(5, new short[] {3}, 0, 1, ByteBuffer.allocate(2), WIRE);
      table.set(6, 4);
      table.setString(7, 2, "ab");
      assertThat(events).extracting(RegisterChangeEvent::address).containsExactly(1, 2, 1, 5, 6, 7);
      assertThat(events.get(2).oldValue(0)).isEqualTo(0xFFFF);
      assertThat(events.get(2).newValue(0)).isEqualTo(0x00FF);
      assertThat(events.get(1).newValues()).containsExactly(1, 2);
    }

    @Test
    void unchangedWriteStillReportsButSaysNothingChanged() {
      RegisterTable table = RegisterTable.dense(0, 1);
      List<RegisterChangeEvent> events = new ArrayList<>();
      table.addListener(events::add);
      table.writeRegister(0, 0, WIRE);
      assertThat(events).singleElement().satisfies(e -> assertThat(e.changed()).isFalse());
    }

    @Test
    void failedWriteReportsNothing() {
      RegisterTable table = mixed();
      List<RegisterChangeEvent> events = new ArrayList<>();
      table.addListener(events::add);
      table.writeRegisters(8, new short[] {1, 2, 3}, WIRE);
      table.writeRegister(40, 1, WIRE);
      table.maskWriteRegister(15, 0, 1, WIRE);
      assertThat(events).isEmpty();
    }

    @Test
    void listenerSeesTheNewValueAndMayWriteTheTable() {
      RegisterTable table = RegisterTable.dense(0, 4);
      List<Integer> seen = new ArrayList<>();
      table.addListener(e -> {
        seen.add(e.table().get(e.address())); // would deadlock if called under the write lock
        if (e.address() == 0) {
          e.table().set(1, e.newValue(0) + 1);
        }
      });
      table.set(0, 41);
      assertThat(seen).containsExactly(41, 42);
      assertThat(table.get(1)).isEqualTo(42);
    }

    @Test
    void removedListenerIsNotCalled() {
      RegisterTable table = RegisterTable.dense(0, 4);
      List<RegisterChangeEvent> events = new ArrayList<>();
      RegisterChangeListener listener = events::add;
      table.addListener(listener);
      assertThat(table.removeListener(listener)).isTrue();
      assertThat(table.removeListener(listener)).isFalse();
      table.set(0, 1);
      assertThat(events).isEmpty();
    }

    @Test
    void failingListenerDoesNotUndoTheWriteOrSilenceOthers() {
      RegisterTable table = RegisterTable.dense(0, 4);
      List<RegisterChangeEvent> events = new ArrayList<>();
      table.addListener(e -> {
        throw new IllegalStateException("boom");
      });
      table.addListener(events::add);
      assertThatThrownBy(() -> table.writeRegister(0, 3, WIRE)).hasMessage("boom");
      assertThat(table.get(0)).isEqualTo(3);
      assertThat(events).hasSize(1);
    }

    @Test
    void eventArraysAreCopies() {
      RegisterTable table = RegisterTable.dense(0, 4);
      List<RegisterChangeEvent> events = new ArrayList<>();
      table.addListener(events::add);
      table.set(0, 5);
      events.get(0).newValues()[0] = 9;
      assertThat(events.get(0).newValue(0)).isEqualTo(5);
      assertThat(events.get(0).toString()).contains("0x0005").contains("API");
    }
  }

  @Nested
  class FailedWritesChangeNothing {

    @Test
    void partiallyIllegalWritesLeaveEveryAddressAsItWas() {
      RegisterTable table = mixed();
      table.setRange(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
      int[] before = all(table);
      assertThat(table.writeRegisters(5, new short[10], WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.writeRegisters(105, new short[10], WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.writeRegisters(5, 10, ByteBuffer.allocate(20), WIRE)).isEqualTo(ILLEGAL_ADDRESS);
      assertThat(table.writeThenRead(0, new short[3], 35, 1, ByteBuffer.allocate(2), WIRE))
          .isEqualTo(ILLEGAL_ADDRESS);
      assertThatThrownBy(() -> table.setInt64(107, 1L, WordOrder.ABCD)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> table.setRange(8, 0, 0, 0, 70000)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> table.setString(108, 4, "abc")).isInstanceOf(IllegalArgumentException.class);
      assertThat(all(table)).containsExactly(before);
    }
  }
}
