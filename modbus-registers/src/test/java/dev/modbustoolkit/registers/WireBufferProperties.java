package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.AccessStatus.OK;
import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The wire API's buffer copies agree with a byte-by-byte reference for every kind of buffer, at any position, over
 * ranges long enough to cross the word boundaries of the bit store and the unrolled/vectorised copy loops.
 */
class WireBufferProperties {

  private static final byte CANARY = (byte) 0xA5;
  private static final int LEAD = 3; // bytes of the backing array before a slice

  enum Kind {
    HEAP, HEAP_SLICE, DIRECT, READ_ONLY_HEAP;

    /** A buffer of {@code capacity} canary bytes; read-only ones get {@code content} at {@code position}. */
    ByteBuffer make(int capacity, ByteOrder order, int position, byte[] content) {
      ByteBuffer buffer = switch (this) {
        case HEAP, READ_ONLY_HEAP -> ByteBuffer.allocate(capacity);
        case HEAP_SLICE -> ByteBuffer.wrap(filled(capacity + LEAD + 5), LEAD, capacity).slice();
        case DIRECT -> ByteBuffer.allocateDirect(capacity);
      };
      buffer.put(0, filled(capacity)).put(position, content);
      if (this == READ_ONLY_HEAP) {
        buffer = buffer.asReadOnlyBuffer();
      }
      return buffer.order(order).position(position);
    }
  }

  private static byte[] filled(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, CANARY);
    return bytes;
  }

  @Provide
  Arbitrary<Kind> writableKinds() {
    return Arbitraries.of(Kind.HEAP, Kind.HEAP_SLICE, Kind.DIRECT);
  }

  @Provide
  Arbitrary<ByteOrder> orders() {
    return Arbitraries.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN);
  }

  @Property(tries = 200)
  void readRegistersPutsBigEndianBytesAtThePositionAndNothingElse(
      @ForAll("writableKinds") Kind kind, @ForAll("orders") ByteOrder order,
      @ForAll @IntRange(min = 0, max = 7) int position, @ForAll @IntRange(min = 1, max = 125) int quantity,
      @ForAll @IntRange(min = 0, max = 300) int address, @ForAll long seed) {
    RegisterTable table = RegisterTable.dense(0, 500);
    short[] values = new short[quantity];
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < quantity; i++) {
      values[i] = (short) random.nextInt();
    }
    table.writeRegisters(address, values, WIRE);
    int capacity = position + 2 * quantity + 4;
    ByteBuffer out = kind.make(capacity, order, position, new byte[0]);

    assertThat(table.readRegisters(address, quantity, out)).isEqualTo(OK);

    assertThat(out.position()).isEqualTo(position + 2 * quantity);
    byte[] all = new byte[capacity];
    out.get(0, all);
    byte[] expected = filled(capacity);
    for (int i = 0; i < quantity; i++) {
      expected[position + 2 * i] = (byte) (values[i] >> 8);
      expected[position + 2 * i + 1] = (byte) values[i];
    }
    assertThat(all).containsExactly(expected);
    if (kind == Kind.HEAP_SLICE) {
      byte[] backing = out.array();
      assertThat(Arrays.copyOfRange(backing, 0, LEAD)).containsOnly(CANARY);
      assertThat(Arrays.copyOfRange(backing, LEAD + capacity, backing.length)).containsOnly(CANARY);
    }
  }

  @Property(tries = 200)
  void writeRegistersReadsBigEndianBytesAtThePosition(
      @ForAll Kind kind, @ForAll("orders") ByteOrder order, @ForAll @IntRange(min = 0, max = 7) int position,
      @ForAll @IntRange(min = 1, max = 123) int quantity, @ForAll @IntRange(min = 1, max = 300) int address,
      @ForAll long seed) {
    byte[] wire = new byte[2 * quantity];
    new java.util.Random(seed).nextBytes(wire);
    ByteBuffer in = kind.make(position + wire.length + 3, order, position, wire);
    RegisterTable table = RegisterTable.dense(0, 500);
    table.set(address - 1, 0x1111);
    table.set(address + quantity, 0x2222);

    assertThat(table.writeRegisters(address, quantity, in, WIRE)).isEqualTo(OK);

    assertThat(in.position()).isEqualTo(position + wire.length);
    int[] actual = table.getRange(address, quantity);
    for (int i = 0; i < quantity; i++) {
      int expected = (Byte.toUnsignedInt(wire[2 * i]) << 8) | Byte.toUnsignedInt(wire[2 * i + 1]);
      assertThat(actual[i]).as("register %d", i).isEqualTo(expected);
    }
    assertThat(table.get(address - 1)).isEqualTo(0x1111);
    assertThat(table.get(address + quantity)).isEqualTo(0x2222);
  }

  @Property(tries = 200)
  void packedBitsRoundTripAndLeaveNeighboursAlone(
      @ForAll @IntRange(min = 1, max = 300) int quantity, @ForAll @IntRange(min = 1, max = 200) int address,
      @ForAll boolean neighbours, @ForAll long seed) {
    BitTable table = BitTable.dense(0, 600);
    boolean[] model = new boolean[600];
    Arrays.fill(model, neighbours);
    table.setBits(0, model.clone());
    java.util.Random random = new java.util.Random(seed);
    byte[] packed = new byte[(quantity + 7) / 8];
    random.nextBytes(packed); // the unused high bits of the last byte are random too and must be ignored
    for (int i = 0; i < quantity; i++) {
      model[address + i] = ((packed[i / 8] >> (i % 8)) & 1) != 0;
    }

    assertThat(table.writeBits(address, quantity, ByteBuffer.wrap(packed), WIRE)).isEqualTo(OK);
    assertThat(table.getBits(0, 600)).containsExactly(model);

    // Read back from a start up to 7 bits earlier, so the packed bytes straddle the words differently.
    int from = Math.max(0, address - random.nextInt(8));
    int count = quantity + (address - from);
    ByteBuffer out = ByteBuffer.allocate((count + 7) / 8);
    assertThat(table.readBits(from, count, out)).isEqualTo(OK);
    for (int i = 0; i < count; i++) {
      assertThat(((out.get(i / 8) >> (i % 8)) & 1) != 0).as("bit %d", from + i).isEqualTo(model[from + i]);
    }
    int used = count % 8;
    if (used != 0) {
      assertThat(out.get(out.limit() - 1) & 0xFF & ~((1 << used) - 1)).as("unused high bits").isZero();
    }
  }
}
