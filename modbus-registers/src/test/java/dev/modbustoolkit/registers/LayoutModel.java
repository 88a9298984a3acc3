package dev.modbustoolkit.registers;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * A plain reference model of a table layout for property tests: {@code rules[i]} is the rule of address
 * {@code base + i}, null for a gap; every address outside {@code base .. base + rules.length - 1} is missing.
 */
record LayoutModel(int base, @Nullable AccessRule[] rules) {

  /** Random layouts of up to ~150 addresses of gaps and all four rules, at 0, somewhere, or at the top (65535). */
  static Arbitrary<LayoutModel> layouts() {
    Arbitrary<@Nullable AccessRule> kind = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(AccessRule.READ_WRITE)),
        Tuple.of(1, Arbitraries.just(AccessRule.READ_ONLY)),
        Tuple.of(1, Arbitraries.just(AccessRule.WRITE_ONLY)),
        Tuple.of(1, Arbitraries.just(AccessRule.NO_ACCESS)),
        Tuple.of(2, Arbitraries.<@Nullable AccessRule>just(null)));
    Arbitrary<List<@Nullable AccessRule>> segment =
        Combinators.combine(kind, Arbitraries.integers().between(1, 20)).as(LayoutModel::repeat);
    return segment.list().ofMinSize(1).ofMaxSize(8)
        .map(segments -> {
          List<@Nullable AccessRule> all = new ArrayList<>();
          segments.forEach(all::addAll);
          return all.toArray(new AccessRule[0]);
        })
        .flatMap(rules -> Arbitraries.oneOf(
                Arbitraries.just(0), Arbitraries.integers().between(1, 60000), Arbitraries.just(65536 - rules.length))
            .map(base -> new LayoutModel(base, rules)));
  }

  private static List<@Nullable AccessRule> repeat(@Nullable AccessRule rule, int count) {
    List<@Nullable AccessRule> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      result.add(rule);
    }
    return result;
  }

  /** Addresses worth probing: the layout plus a few on each side (may leave 0..65535). */
  Arbitrary<Integer> addresses() {
    return Arbitraries.integers().between(base - 3, base + rules.length + 3);
  }

  @Nullable AccessRule rule(long address) {
    long i = address - base;
    return i < 0 || i >= rules.length ? null : rules[(int) i];
  }

  boolean exists(long address) {
    return rule(address) != null;
  }

  /** Whether a wire read/write of the range is allowed: every address exists and its rule permits. */
  boolean allows(int address, int quantity, boolean write) {
    for (long a = address; a < (long) address + quantity; a++) {
      AccessRule rule = rule(a);
      if (rule == null || !(write ? rule.isWritable() : rule.isReadable())) {
        return false;
      }
    }
    return true;
  }

  /** Whether every address of the range exists (the Java API's only check). */
  boolean existsAll(int address, int quantity) {
    for (long a = address; a < (long) address + quantity; a++) {
      if (!exists(a)) {
        return false;
      }
    }
    return true;
  }

  /** Index of {@code address} in the model's value arrays. */
  int index(int address) {
    return address - base;
  }

  RegisterTable registerTable() {
    RegisterTable.Builder builder = RegisterTable.sparse();
    forEachRun((start, count, rule) -> builder.block(start, count, rule));
    return builder.build();
  }

  BitTable bitTable() {
    BitTable.Builder builder = BitTable.sparse();
    forEachRun((start, count, rule) -> builder.block(start, count, rule));
    return builder.build();
  }

  /** The maximal same-rule runs, which is what {@code blocks()} must report. */
  List<AddressBlock> runs() {
    List<AddressBlock> result = new ArrayList<>();
    forEachRun((start, count, rule) -> result.add(new AddressBlock(start, count, rule)));
    return result;
  }

  interface RunConsumer {
    void accept(int start, int count, AccessRule rule);
  }

  void forEachRun(RunConsumer consumer) {
    int i = 0;
    while (i < rules.length) {
      AccessRule rule = rules[i];
      if (rule == null) {
        i++;
        continue;
      }
      int start = i;
      while (i < rules.length && rules[i] == rule) {
        i++;
      }
      consumer.accept(base + start, i - start, rule);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LayoutModel[base=" + base + ", ");
    for (AccessRule rule : rules) {
      sb.append(rule == null ? '.' : switch (rule) {
        case READ_WRITE -> 'W';
        case READ_ONLY -> 'R';
        case WRITE_ONLY -> 'w';
        case NO_ACCESS -> 'x';
      });
    }
    return sb.append(']').toString();
  }
}
