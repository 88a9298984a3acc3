package dev.modbustoolkit.registers.internal;

import dev.modbustoolkit.registers.AccessRule;
import dev.modbustoolkit.registers.AddressBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Immutable map from Modbus addresses to positions in one flat storage array, plus the access rule of every address.
 *
 * <p>Existing addresses form maximal contiguous <em>regions</em>; region {@code r} occupies storage positions
 * {@code offsets[r] ..} in address order, so a request that lies inside one region maps to one contiguous slice of
 * storage. Because regions are maximal, a request that runs past the end of its region necessarily touches a missing
 * address. Lookups are binary searches over primitive arrays so the wire path does not allocate.
 */
public final class AddressLayout {

  /** Returned by {@link #index} when the request is refused. */
  public static final int NO_INDEX = -1;

  /** Number of addresses in the Modbus address space. */
  public static final int ADDRESS_SPACE = 0x10000;

  private final int[] regionStarts;
  private final int[] regionEnds; // exclusive
  private final int[] regionOffsets;
  private final int size;

  // Rule runs: sorted, non-overlapping, never spanning a gap; adjacent runs have different rules.
  private final int[] ruleStarts;
  private final int[] ruleEnds; // exclusive
  private final AccessRule[] rules;

  // Whole values: sorted, non-overlapping [start, end) ranges that a wire access must cover entirely or not at all.
  private final int[] wholeStarts;
  private final int[] wholeEnds; // exclusive

  AddressLayout(List<AddressBlock> runs) {
    this(runs, List.of());
  }

  AddressLayout(List<AddressBlock> runs, List<int[]> wholeValues) {
    wholeStarts = new int[wholeValues.size()];
    wholeEnds = new int[wholeValues.size()];
    for (int i = 0; i < wholeValues.size(); i++) {
      wholeStarts[i] = wholeValues.get(i)[0];
      wholeEnds[i] = wholeValues.get(i)[1];
    }
    int n = runs.size();
    ruleStarts = new int[n];
    ruleEnds = new int[n];
    rules = new AccessRule[n];
    List<int[]> regions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AddressBlock run = runs.get(i);
      ruleStarts[i] = run.start();
      ruleEnds[i] = run.start() + run.count();
      rules[i] = run.rule();
      if (!regions.isEmpty() && regions.getLast()[1] == run.start()) {
        regions.getLast()[1] = ruleEnds[i];
      } else {
        regions.add(new int[] {run.start(), ruleEnds[i]});
      }
    }
    regionStarts = new int[regions.size()];
    regionEnds = new int[regions.size()];
    regionOffsets = new int[regions.size()];
    int offset = 0;
    for (int r = 0; r < regions.size(); r++) {
      regionStarts[r] = regions.get(r)[0];
      regionEnds[r] = regions.get(r)[1];
      regionOffsets[r] = offset;
      offset += regionEnds[r] - regionStarts[r];
    }
    size = offset;
  }

  /** A layout with one run covering {@code start .. start + count - 1}. */
  public static AddressLayout single(int start, int count, AccessRule rule) {
    return new AddressLayout(List.of(new AddressBlock(start, count, rule)));
  }

  /** Number of existing addresses, i.e. the length of the storage. */
  public int size() {
    return size;
  }

  /**
   * The storage position of {@code address} when all of {@code address .. address + quantity - 1} exist and permit
   * {@code access}, else {@link #NO_INDEX}. Never throws and never allocates.
   */
  public int index(int address, int quantity, Access access) {
    if (address < 0 || address >= ADDRESS_SPACE || quantity < 1 || quantity > ADDRESS_SPACE - address) {
      return NO_INDEX;
    }
    int r = containing(regionStarts, regionEnds, address);
    if (r < 0) {
      return NO_INDEX;
    }
    int end = address + quantity;
    if (end > regionEnds[r]) {
      return NO_INDEX;
    }
    if (access != Access.ANY) {
      // The rule runs inside a region are contiguous, so walking forward visits every address of the request.
      for (int s = containing(ruleStarts, ruleEnds, address); ; s++) {
        if (!access.permittedBy(rules[s])) {
          return NO_INDEX;
        }
        if (ruleEnds[s] >= end) {
          break;
        }
      }
    }
    if (access != Access.ANY && wholeStarts.length > 0 && (cuts(address) || cuts(end))) {
      return NO_INDEX;
    }
    return regionOffsets[r] + (address - regionStarts[r]);
  }

  /** Whether the boundary before {@code address} falls inside a whole value (not at its start). */
  private boolean cuts(int address) {
    int w = containing(wholeStarts, wholeEnds, address);
    return w >= 0 && wholeStarts[w] != address;
  }

  /** Whether {@code address} exists. */
  public boolean contains(int address) {
    return index(address, 1, Access.ANY) != NO_INDEX;
  }

  /** The rule of {@code address}, or null when it does not exist. */
  public @Nullable AccessRule rule(int address) {
    if (!contains(address)) {
      return null;
    }
    return rules[containing(ruleStarts, ruleEnds, address)];
  }

  /** The normalised runs: sorted, adjacent runs with equal rules merged. */
  public List<AddressBlock> blocks() {
    List<AddressBlock> result = new ArrayList<>(rules.length);
    for (int i = 0; i < rules.length; i++) {
      result.add(new AddressBlock(ruleStarts[i], ruleEnds[i] - ruleStarts[i], rules[i]));
    }
    return List.copyOf(result);
  }

  /**
   * The storage position of {@code address .. address + quantity - 1} for the Java API.
   *
   * @throws IllegalArgumentException naming the first address that does not exist
   */
  public int indexOrThrow(int address, int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
    }
    int index = index(address, quantity, Access.ANY);
    if (index == NO_INDEX) {
      throw new IllegalArgumentException(describeMissing(address, quantity));
    }
    return index;
  }

  private String describeMissing(int address, int quantity) {
    String range = quantity == 1 ? "address " + address : "range " + address + ".." + ((long) address + quantity - 1);
    for (long a = address; a < (long) address + quantity; a++) {
      if (a < 0 || a >= ADDRESS_SPACE) {
        return range + ": address " + a + " is outside 0..65535";
      }
      if (!contains((int) a)) {
        return range + ": no such address " + a;
      }
    }
    throw new IllegalStateException("no missing address in " + range);
  }

  /** Index of the run {@code [starts[i], ends[i])} containing {@code address}, or -1. */
  private static int containing(int[] starts, int[] ends, int address) {
    int i = Arrays.binarySearch(starts, address);
    if (i >= 0) {
      return i;
    }
    int candidate = -i - 2; // the run starting below the insertion point
    return candidate >= 0 && address < ends[candidate] ? candidate : -1;
  }

  @Override
  public String toString() {
    return "AddressLayout" + blocks();
  }
}
