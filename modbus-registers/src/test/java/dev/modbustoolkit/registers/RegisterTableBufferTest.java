package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.AccessStatus.OK;
import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The wire API's buffer copies for every kind of buffer: heap buffers are copied through their backing array (at
 * {@code arrayOffset() + position}), direct and read-only ones through the buffer; both must honour the position,
 * the limit and big-endian order exactly alike.
 */
class RegisterTableBufferTest {

  private static final byte CANARY = 0x5A;
  /** Registers 3..6 of {@link #table()}. */
  private static final byte[] WIRE_BYTES = {0x12, 0x34, (byte) 0xAB, (byte) 0xCD, 0x00, 0x01, (byte) 0xFF, (byte) 0xFE};

  private static RegisterTable table() {
    RegisterTable table = RegisterTable.dense(0, 10);
    table.setRange(3, 0x1234, 0xABCD, 0x0001, 0xFFFE);
    return table;
  }

  private static byte[] canaries(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, CANARY);
    return bytes;
  }

  /** A view of {@code backing[5 .. 34]}: arrayOffset 5, capacity 30, bytes outside it are canaries. */
  private static ByteBuffer slice(byte[] backing) {
    ByteBuffer slice = ByteBuffer.wrap(backing, 5, 30).slice();
    assertThat(slice.arrayOffset()).isEqualTo(5);
    return slice;
  }

  /** Every byte of {@code backing} outside {@code [from, to)} is still a canary. */
  private static void assertCanariesOutside(byte[] backing, int from, int to) {
    for (int i = 0; i < backing.length; i++) {
      if (i < from || i >= to) {
        assertThat(backing[i]).as("backing[%d]", i).isEqualTo(CANARY);
      }
    }
  }

  private static byte[] bytes(ByteBuffer buffer, int from, int to) {
    byte[] result = new byte[to - from];
    buffer.get(from, result);
    return result;
  }

  enum Kind {
    HEAP, DIRECT;

    ByteBuffer allocate(int capacity, ByteOrder order) {
      ByteBuffer buffer = this == HEAP ? ByteBuffer.allocate(capacity) : ByteBuffer.allocateDirect(capacity);
      return buffer.put(0, canaries(capacity)).order(order);
    }
  }

  @Test
  void readIntoHeapSliceWritesAtArrayOffsetPlusPosition() {
    byte[] backing = canaries(40);
    ByteBuffer out = slice(backing).position(3).limit(11);
    assertThat(table().readRegisters(3, 4, out)).isEqualTo(OK);
    assertThat(out.position()).isEqualTo(11);
    assertThat(out.limit()).isEqualTo(11);
    assertThat(Arrays.copyOfRange(backing, 8, 16)).containsExactly(WIRE_BYTES);
    assertCanariesOutside(backing, 8, 16);
  }

  @Test
  void writeThenReadIntoHeapSliceWritesAtArrayOffsetPlusPosition() {
    byte[] backing = canaries(40);
    ByteBuffer out = slice(backing).position(7);
    RegisterTable table = table();
    assertThat(table.writeThenRead(0, new short[] {0x0102}, 2, 3, out, WIRE)).isEqualTo(OK);
    assertThat(out.position()).isEqualTo(13);
    assertThat(Arrays.copyOfRange(backing, 12, 18)).containsExactly(0x00, 0x00, 0x12, 0x34, 0xAB, 0xCD);
    assertCanariesOutside(backing, 12, 18);
    assertThat(table.get(0)).isEqualTo(0x0102);
  }

  @Test
  void writeFromHeapSliceReadsAtArrayOffsetPlusPosition() {
    byte[] backing = canaries(40);
    System.arraycopy(WIRE_BYTES, 0, backing, 9, 8);
    ByteBuffer in = slice(backing).position(4).order(ByteOrder.LITTLE_ENDIAN); // the order must not matter
    RegisterTable table = RegisterTable.dense(0, 10);
    assertThat(table.writeRegisters(5, 4, in, WIRE)).isEqualTo(OK);
    assertThat(in.position()).isEqualTo(12);
    assertThat(table.getRange(4, 6)).containsExactly(0, 0x1234, 0xABCD, 0x0001, 0xFFFE, 0);
    assertThat(Arrays.copyOfRange(backing, 9, 17)).containsExactly(WIRE_BYTES);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void readAndWriteThenReadAtAPositionInEitherOrder(Kind kind) {
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      ByteBuffer out = kind.allocate(12, order).position(1);
      assertThat(table().readRegisters(3, 4, out)).isEqualTo(OK);
      assertThat(out.position()).isEqualTo(9);
      assertThat(out.order()).isEqualTo(order);
      assertThat(bytes(out, 1, 9)).containsExactly(WIRE_BYTES);
      assertThat(bytes(out, 9, 12)).containsOnly(CANARY);
      assertThat(out.get(0)).isEqualTo(CANARY);

      out.position(3);
      assertThat(table().writeThenRead(9, new short[] {7}, 5, 2, out, WIRE)).isEqualTo(OK);
      assertThat(out.position()).isEqualTo(7);
      assertThat(bytes(out, 3, 7)).containsExactly(0x00, 0x01, 0xFF, 0xFE);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void writeFromAPositionInEitherOrder(Kind kind) {
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      ByteBuffer in = kind.allocate(12, order).put(2, WIRE_BYTES).position(2);
      RegisterTable table = RegisterTable.dense(0, 10);
      assertThat(table.writeRegisters(1, 4, in, WIRE)).isEqualTo(OK);
      assertThat(in.position()).isEqualTo(10);
      assertThat(table.getRange(0, 6)).containsExactly(0, 0x1234, 0xABCD, 0x0001, 0xFFFE, 0);
    }
  }

  @Test
  void writeFromReadOnlyBufferWhichHasNoAccessibleArray() {
    ByteBuffer in = ByteBuffer.allocate(10).put(1, WIRE_BYTES).asReadOnlyBuffer().position(1);
    assertThat(in.hasArray()).isFalse();
    RegisterTable table = RegisterTable.dense(0, 10);
    assertThat(table.writeRegisters(0, 4, in, WIRE)).isEqualTo(OK);
    assertThat(in.position()).isEqualTo(9);
    assertThat(table.getRange(0, 4)).containsExactly(0x1234, 0xABCD, 0x0001, 0xFFFE);
  }

  @Test
  void readIntoReadOnlyBufferIsRefusedByTheBuffer() {
    ByteBuffer out = ByteBuffer.allocate(8).asReadOnlyBuffer();
    assertThatThrownBy(() -> table().readRegisters(3, 4, out)).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(out.position()).isZero();
  }

  @Test
  void heapSliceWithOneByteTooFewBeforeItsLimitIsRefusedEvenThoughTheArrayHasRoom() {
    byte[] backing = canaries(40);
    ByteBuffer out = slice(backing).position(3).limit(10); // 7 bytes for 4 registers; the array goes on
    RegisterTable table = table();
    assertThatThrownBy(() -> table.readRegisters(3, 4, out)).isInstanceOf(BufferOverflowException.class);
    assertThatThrownBy(() -> table.writeThenRead(0, new short[] {9}, 3, 4, out, WIRE))
        .isInstanceOf(BufferOverflowException.class);
    assertThat(out.position()).isEqualTo(3);
    assertThat(backing).containsOnly(CANARY); // nothing written past the limit into the rest of the array
    assertThat(table.get(0)).isZero();

    System.arraycopy(WIRE_BYTES, 0, backing, 8, 8);
    assertThatThrownBy(() -> table.writeRegisters(0, 4, out, WIRE)).isInstanceOf(BufferUnderflowException.class);
    assertThat(out.position()).isEqualTo(3);
    assertThat(table.getRange(0, 3)).containsExactly(0, 0, 0);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void oneByteTooFewIsRefusedAndAnExactFitIsFilled(Kind kind) {
    RegisterTable table = table();
    ByteBuffer out = kind.allocate(12, ByteOrder.BIG_ENDIAN).position(2).limit(9);
    assertThatThrownBy(() -> table.readRegisters(3, 4, out)).isInstanceOf(BufferOverflowException.class);
    assertThatThrownBy(() -> table.writeThenRead(0, new short[] {9}, 3, 4, out, WIRE))
        .isInstanceOf(BufferOverflowException.class);
    assertThatThrownBy(() -> table.writeRegisters(0, 4, out, WIRE)).isInstanceOf(BufferUnderflowException.class);
    assertThat(out.position()).isEqualTo(2);
    assertThat(bytes(out.limit(12), 0, 12)).containsOnly(CANARY);
    assertThat(table.getRange(0, 3)).containsExactly(0, 0, 0);

    out.limit(10);
    assertThat(table.readRegisters(3, 4, out)).isEqualTo(OK);
    assertThat(out.position()).isEqualTo(10);
    assertThat(out.hasRemaining()).isFalse();
    assertThat(bytes(out, 2, 10)).containsExactly(WIRE_BYTES);
    assertThat(bytes(out.limit(12), 10, 12)).containsOnly(CANARY);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void listenersSeeOldAndNewValuesOfABufferWrite(Kind kind) {
    RegisterTable table = table();
    List<RegisterChangeEvent> events = new ArrayList<>();
    table.addListener(events::add);
    ByteBuffer in = kind.allocate(6, ByteOrder.BIG_ENDIAN).put(1, new byte[] {0x00, 0x07, 0x12, 0x34}).position(1);
    assertThat(table.writeRegisters(2, 2, in, WIRE)).isEqualTo(OK);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.address()).isEqualTo(2);
      assertThat(e.oldValues()).containsExactly(0, 0x1234);
      assertThat(e.newValues()).containsExactly(7, 0x1234);
      assertThat(e.origin()).isEqualTo(WIRE);
    });
  }
}
