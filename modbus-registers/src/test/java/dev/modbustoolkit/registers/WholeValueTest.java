package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.AccessStatus.ILLEGAL_ADDRESS;
import static dev.modbustoolkit.registers.AccessStatus.OK;
import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Whole values: the wire API refuses a request that covers part of one; the Java API is not affected. */
class WholeValueTest {

  /** 0..99 RW; a float32 at 10-11, an int64 at 20-23. */
  private static RegisterTable table() {
    return RegisterTable.sparse().block(0, 100).wholeValue(10, 2).wholeValue(20, 4).build();
  }

  @Test
  void requestsCoveringPartOfAValueAreRefused() {
    RegisterTable t = table();
    short[] dst = new short[30];
    assertThat(t.readRegisters(10, 2, dst, 0)).isEqualTo(OK);
    assertThat(t.readRegisters(0, 30, dst, 0)).isEqualTo(OK);
    assertThat(t.readRegisters(12, 8, dst, 0)).as("between the two").isEqualTo(OK);
    assertThat(t.readRegisters(11, 1, dst, 0)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.readRegisters(9, 2, dst, 0)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.readRegisters(21, 3, dst, 0)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.readRegisters(20, 3, dst, 0)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.readRegisters(20, 4, ByteBuffer.allocate(8))).isEqualTo(OK);
    assertThat(t.writeRegister(10, 1, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.maskWriteRegister(22, 0, 1, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.writeRegisters(10, new short[] {1, 2}, WIRE)).isEqualTo(OK);
    assertThat(t.writeRegisters(11, new short[] {1, 2}, WIRE)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.checkWrite(23, 1)).isEqualTo(ILLEGAL_ADDRESS);
    assertThat(t.checkRead(24, 1)).isEqualTo(OK);
    // the Java API is not affected
    t.set(11, 7);
    assertThat(t.get(11)).isEqualTo(7);
  }

  @Test
  void wholeValuesMustLieInBlocksAndNotOverlap() {
    assertThatThrownBy(() -> RegisterTable.sparse().block(0, 10).wholeValue(9, 2).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in no block");
    assertThatThrownBy(() -> RegisterTable.sparse().block(0, 10).wholeValue(0, 4).wholeValue(2, 2).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps");
    assertThatThrownBy(() -> RegisterTable.sparse().block(0, 10).wholeValue(0, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
  }

  /** Against a plain model: a read is refused exactly when an address is missing or a value is cut. */
  @Property(tries = 500)
  void agreesWithAPlainModel(@ForAll @Size(max = 8) List<@IntRange(min = 0, max = 60) Integer> starts,
      @ForAll @IntRange(min = 0, max = 70) int address, @ForAll @IntRange(min = 1, max = 20) int quantity) {
    RegisterTable.Builder b = RegisterTable.sparse().block(0, 64);
    List<int[]> values = new ArrayList<>();
    for (int start : starts) {
      int[] v = {start, start + 2 + start % 3};
      boolean free = v[1] <= 64 && values.stream().noneMatch(o -> v[0] < o[1] && o[0] < v[1]);
      if (free) {
        values.add(v);
        b.wholeValue(v[0], v[1] - v[0]);
      }
    }
    RegisterTable t = b.build();
    int end = address + quantity;
    boolean exists = end <= 64;
    boolean cut = values.stream().anyMatch(v -> (address > v[0] && address < v[1]) || (end > v[0] && end < v[1]));
    AccessStatus expected = exists && !cut ? OK : ILLEGAL_ADDRESS;
    assertThat(t.checkRead(address, quantity)).isEqualTo(expected);
    assertThat(t.writeRegisters(address, new short[quantity], WIRE)).isEqualTo(expected);
  }
}
