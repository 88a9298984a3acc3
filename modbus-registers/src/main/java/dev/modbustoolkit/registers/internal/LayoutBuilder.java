package dev.modbustoolkit.registers.internal;

import dev.modbustoolkit.registers.AccessRule;
import dev.modbustoolkit.registers.AddressBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Collects blocks and access overrides for {@code BitTable.Builder} and {@code RegisterTable.Builder}. */
public final class LayoutBuilder {

  private final List<AddressBlock> blocks = new ArrayList<>();
  private final List<AddressBlock> overrides = new ArrayList<>();

  /**
   * Adds existing addresses.
   *
   * @throws IllegalArgumentException for a range outside 0..65535, an empty range, or one overlapping an earlier block
   */
  public void block(int start, int count, AccessRule rule) {
    AddressBlock block = new AddressBlock(start, count, Objects.requireNonNull(rule, "rule"));
    for (AddressBlock other : blocks) {
      if (block.start() <= other.last() && other.start() <= block.last()) {
        throw new IllegalArgumentException(
            "block " + block.start() + ".." + block.last() + " overlaps block " + other.start() + ".." + other.last());
      }
    }
    blocks.add(block);
  }

  /** Changes the rule of existing addresses; checked by {@link #build()} so that call order does not matter. */
  public void access(int start, int count, AccessRule rule) {
    overrides.add(new AddressBlock(start, count, Objects.requireNonNull(rule, "rule")));
  }

  /**
   * The layout: blocks with overrides applied in call order.
   *
   * @throws IllegalArgumentException when an override covers an address of no block
   */
  public AddressLayout build() {
    // A per-address scratch map keeps normalisation trivially correct; 64 KiB once per build is cheap.
    byte[] rule = new byte[AddressLayout.ADDRESS_SPACE];
    byte none = -1;
    Arrays.fill(rule, none);
    for (AddressBlock block : blocks) {
      Arrays.fill(rule, block.start(), block.start() + block.count(), (byte) block.rule().ordinal());
    }
    for (AddressBlock override : overrides) {
      for (int a = override.start(); a <= override.last(); a++) {
        if (rule[a] == none) {
          throw new IllegalArgumentException("access rule for " + override.start() + ".." + override.last()
              + " covers address " + a + ", which is in no block");
        }
      }
      Arrays.fill(rule, override.start(), override.last() + 1, (byte) override.rule().ordinal());
    }
    AccessRule[] values = AccessRule.values();
    List<AddressBlock> runs = new ArrayList<>();
    int a = 0;
    while (a < rule.length) {
      if (rule[a] == none) {
        a++;
        continue;
      }
      int start = a;
      while (a < rule.length && rule[a] == rule[start]) {
        a++;
      }
      runs.add(new AddressBlock(start, a - start, values[rule[start]]));
    }
    return new AddressLayout(runs);
  }
}
