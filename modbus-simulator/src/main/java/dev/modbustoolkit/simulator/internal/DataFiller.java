package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.registers.AddressBlock;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.simulator.DataFill;
import java.util.Arrays;

/**
 * Writes a {@link DataFill} into data models. The pattern's values are computed once and written with one bulk
 * write per table block, so several units cost little more than one.
 */
public final class DataFiller {
  private static final int ADDRESSES = 0x10000;

  private final DataFill fill;
  private final int[] registers;
  private final boolean[] bits;

  private DataFiller(DataFill fill, int[] registers, boolean[] bits) {
    this.fill = fill;
    this.registers = registers;
    this.bits = bits;
  }

  /** A filler for {@code fill}. */
  public static DataFiller of(DataFill fill) {
    return switch (fill) {
      case ZERO -> new DataFiller(fill, new int[0], new boolean[0]);
      case PATTERN -> {
        int[] registers = new int[ADDRESSES];
        boolean[] bits = new boolean[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
          registers[i] = i & 0xFFFF;
          bits[i] = i % 3 == 0;
        }
        yield new DataFiller(fill, registers, bits);
      }
    };
  }

  /** Writes the fill into all four tables of {@code model}, over every address each table has. */
  public void fill(DataModel model) {
    switch (fill) {
      case ZERO -> {
        // A new table is all zero already: nothing to write, and no listener hears a change.
      }
      case PATTERN -> {
        fill(model.coils());
        fill(model.discreteInputs());
        fill(model.holdingRegisters());
        fill(model.inputRegisters());
      }
    }
  }

  // The Java API (setRange / setBits) rather than the wire API: it ignores access rules, so read-only blocks are
  // filled too, and each block is one atomic write. The tables copy what they are given, so the arrays are shared.
  private void fill(RegisterTable table) {
    for (AddressBlock block : table.blocks()) {
      table.setRange(block.start(), block.count() == ADDRESSES ? registers
          : Arrays.copyOfRange(registers, block.start(), block.start() + block.count()));
    }
  }

  private void fill(BitTable table) {
    for (AddressBlock block : table.blocks()) {
      table.setBits(block.start(), block.count() == ADDRESSES ? bits
          : Arrays.copyOfRange(bits, block.start(), block.start() + block.count()));
    }
  }
}
