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
  private final List<int[]> wholeValues = new ArrayList<>();

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

  /**
   * Declares {@code start .. start + count - 1} one value that the wire API reads and writes whole; checked by
   * {@link #build()} (inside blocks, not overlapping another).
   *
   * @throws IllegalArgumentException for a range outside 0..65535 or of fewer than 2 addresses
   */
  public void wholeValue(int start, int count) {
    if (count < 2) {
      throw new IllegalArgumentException("a whole value spans at least 2 addresses: " + count);
    }
    AddressBlock range = new AddressBlock(start, count, AccessRule.READ_WRITE);
    wholeValues.add(new int[] {range.start(), range.start() + range.count()});
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
    List<int[]> whole = new ArrayList<>(wholeValues);
    whole.sort((x, y) -> Integer.compare(x[0], y[0]));
    for (int i = 0; i < whole.size(); i++) {
      int[] v = whole.get(i);
      if (i > 0 && whole.get(i - 1)[1] > v[0]) {
        throw new IllegalArgumentException("whole value " + v[0] + ".." + (v[1] - 1) + " overlaps whole value "
            + whole.get(i - 1)[0] + ".." + (whole.get(i - 1)[1] - 1));
      }
      for (int w = v[0]; w < v[1]; w++) {
        if (rule[w] == none) {
          throw new IllegalArgumentException("whole value " + v[0] + ".." + (v[1] - 1) + " covers address " + w
              + ", which is in no block");
        }
      }
    }
    return new AddressLayout(runs, whole);
  }
}
