package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The bit table against a plain boolean-array model over random sparse layouts with all four rules. */
class BitTableProperties {

  private static final byte CANARY = (byte) 0xA5;

  sealed interface Op permits Read, Write, WriteOne, ApiSet, ApiGet {}

  record Read(int address, int quantity, boolean packed) implements Op {}

  record Write(int address, List<Boolean> values, boolean packed, byte highBits) implements Op {}

  record WriteOne(int address, boolean value) implements Op {}

  record ApiSet(int address, List<Boolean> values) implements Op {}

  record ApiGet(int address, int quantity) implements Op {}

  record Scenario(LayoutModel layout, List<Op> ops) {}

  record FailingWrite(LayoutModel layout, List<Boolean> initial, Op op) {}

  @Property(tries = 300)
  void sequencesOfOperationsAgreeWithTheModel(@ForAll("scenarios") Scenario scenario) {
    LayoutModel layout = scenario.layout();
    BitTable table = layout.bitTable();
    boolean[] model = new boolean[layout.rules().length];
    assertThat(table.blocks()).isEqualTo(layout.runs());
    for (Op op : scenario.ops()) {
      apply(table, layout, model, op);
      assertSameState(table, layout, model);
    }
  }

  @Property(tries = 300)
  void failedWireWritesChangeNothingAndReportNothing(@ForAll("failingWrites") FailingWrite failing) {
    LayoutModel layout = failing.layout();
    BitTable table = layout.bitTable();
    boolean[] model = new boolean[failing.initial().size()];
    for (int i = 0; i < model.length; i++) {
      model[i] = failing.initial().get(i);
    }
    layout.forEachRun((start, count, rule) ->
        table.setBits(start, Arrays.copyOfRange(model, layout.index(start), layout.index(start) + count)));
    List<BitChangeEvent> events = new ArrayList<>();
    table.addListener(events::add);

    AccessStatus status = switch (failing.op()) {
      case Write w when w.packed() -> table.writeBits(w.address(), w.values().size(), pack(w), WIRE);
      case Write w -> table.writeBits(w.address(), toArray(w.values()), WIRE);
      case WriteOne w -> table.writeBit(w.address(), w.value(), WIRE);
      case Read r -> throw new AssertionError("not a write: " + r);
      case ApiSet s -> throw new AssertionError("not a wire write: " + s);
      case ApiGet g -> throw new AssertionError("not a write: " + g);
    };

    assertThat(status).isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
    assertSameState(table, layout, model);
    assertThat(events).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void apply(BitTable table, LayoutModel layout, boolean[] model, Op op) {
    switch (op) {
      case Read r when r.packed() -> {
        boolean ok = layout.allows(r.address(), r.quantity(), false);
        int bytes = (r.quantity() + 7) / 8;
        ByteBuffer out = ByteBuffer.allocate(bytes + 2);
        Arrays.fill(out.array(), CANARY);
        out.position(1);
        assertThat(table.readBits(r.address(), r.quantity(), out)).isEqualTo(status(ok));
        assertThat(out.position()).isEqualTo(ok ? 1 + bytes : 1);
        byte[] expected = new byte[out.capacity()];
        Arrays.fill(expected, CANARY);
        if (ok) {
          Arrays.fill(expected, 1, 1 + bytes, (byte) 0);
          for (int i = 0; i < r.quantity(); i++) {
            if (model[layout.index(r.address() + i)]) {
              expected[1 + i / 8] |= (byte) (1 << (i % 8));
            }
          }
        }
        assertThat(out.array()).as("%s", r).containsExactly(expected);
      }
      case Read r -> {
        boolean ok = layout.allows(r.address(), r.quantity(), false);
        boolean[] dst = new boolean[r.quantity()];
        Arrays.fill(dst, true);
        assertThat(table.readBits(r.address(), r.quantity(), dst, 0)).isEqualTo(status(ok));
        for (int i = 0; i < r.quantity(); i++) {
          assertThat(dst[i]).as("%s bit %d", r, i).isEqualTo(!ok || model[layout.index(r.address() + i)]);
        }
      }
      case Write w -> {
        boolean ok = layout.allows(w.address(), w.values().size(), true);
        AccessStatus status = w.packed()
            ? table.writeBits(w.address(), w.values().size(), pack(w), WIRE)
            : table.writeBits(w.address(), toArray(w.values()), WIRE);
        assertThat(status).as("%s", w).isEqualTo(status(ok));
        if (ok) {
          for (int i = 0; i < w.values().size(); i++) {
            model[layout.index(w.address() + i)] = w.values().get(i);
          }
        }
      }
      case WriteOne w -> {
        boolean ok = layout.allows(w.address(), 1, true);
        assertThat(table.writeBit(w.address(), w.value(), WIRE)).isEqualTo(status(ok));
        if (ok) {
          model[layout.index(w.address())] = w.value();
        }
      }
      case ApiSet s -> {
        boolean[] values = toArray(s.values());
        if (layout.existsAll(s.address(), values.length)) {
          table.setBits(s.address(), values);
          for (int i = 0; i < values.length; i++) {
            model[layout.index(s.address() + i)] = values[i];
          }
        } else {
          assertThatThrownBy(() -> table.setBits(s.address(), values)).isInstanceOf(IllegalArgumentException.class);
        }
      }
      case ApiGet g -> {
        if (layout.existsAll(g.address(), g.quantity())) {
          boolean[] expected = new boolean[g.quantity()];
          for (int i = 0; i < g.quantity(); i++) {
            expected[i] = model[layout.index(g.address() + i)];
          }
          assertThat(table.getBits(g.address(), g.quantity())).containsExactly(expected);
          if (g.quantity() == 1) {
            assertThat(table.getBit(g.address())).isEqualTo(expected[0]);
          }
        } else {
          assertThatThrownBy(() -> table.getBits(g.address(), g.quantity()))
              .isInstanceOf(IllegalArgumentException.class);
        }
      }
    }
  }

  private static void assertSameState(BitTable table, LayoutModel layout, boolean[] model) {
    layout.forEachRun((start, count, rule) -> assertThat(table.getBits(start, count))
        .as("bits %d..%d", start, start + count - 1)
        .containsExactly(Arrays.copyOfRange(model, layout.index(start), layout.index(start) + count)));
  }

  private static AccessStatus status(boolean ok) {
    return ok ? AccessStatus.OK : AccessStatus.ILLEGAL_ADDRESS;
  }

  private static boolean[] toArray(List<Boolean> values) {
    boolean[] result = new boolean[values.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.get(i);
    }
    return result;
  }

  /** Packs LSB first, filling the unused high bits of the last byte with garbage the table must ignore. */
  private static ByteBuffer pack(Write w) {
    int quantity = w.values().size();
    byte[] bytes = new byte[(quantity + 7) / 8];
    for (int i = 0; i < quantity; i++) {
      if (w.values().get(i)) {
        bytes[i / 8] |= (byte) (1 << (i % 8));
      }
    }
    int used = quantity % 8;
    if (used != 0) {
      bytes[bytes.length - 1] |= (byte) (w.highBits() & ~((1 << used) - 1));
    }
    return ByteBuffer.wrap(bytes);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Generators

  private static Arbitrary<List<Boolean>> valueLists() {
    return Arbitraries.of(true, false).list().ofMinSize(1).ofMaxSize(20);
  }

  private static Arbitrary<Op> ops(LayoutModel layout) {
    Arbitrary<Integer> a = layout.addresses();
    Arbitrary<Integer> quantities = Arbitraries.integers().between(1, 20);
    Arbitrary<Boolean> flag = Arbitraries.of(true, false);
    return Arbitraries.oneOf(
        Combinators.combine(a, quantities, flag).as(Read::new),
        Combinators.combine(a, valueLists(), flag, Arbitraries.bytes()).as(Write::new),
        Combinators.combine(a, flag).as(WriteOne::new),
        Combinators.combine(a, valueLists()).as(ApiSet::new),
        Combinators.combine(a, quantities).as(ApiGet::new));
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return LayoutModel.layouts()
        .flatMap(layout -> ops(layout).list().ofMaxSize(30).map(ops -> new Scenario(layout, ops)));
  }

  @Provide
  Arbitrary<FailingWrite> failingWrites() {
    return LayoutModel.layouts().flatMap(layout -> {
      List<Integer> refused = new ArrayList<>();
      for (int a = layout.base() - 1; a <= layout.base() + layout.rules().length; a++) {
        AccessRule rule = layout.rule(a);
        if (rule == null || !rule.isWritable()) {
          refused.add(a);
        }
      }
      Arbitrary<Op> write = Combinators.combine(Arbitraries.of(refused), Arbitraries.integers().between(0, 9),
              Arbitraries.integers().between(0, 9), Arbitraries.of(true, false), Arbitraries.bytes())
          .as((bad, before, after, packed, high) -> {
            List<Boolean> values = new ArrayList<>();
            for (int i = 0; i < before + 1 + after; i++) {
              values.add(i % 2 == 0);
            }
            return new Write(bad - before, values, packed, high);
          });
      Arbitrary<Op> op = Arbitraries.oneOf(
          write, Combinators.combine(Arbitraries.of(refused), Arbitraries.of(true, false)).as(WriteOne::new));
      return Combinators.combine(Arbitraries.of(true, false).list().ofSize(layout.rules().length), op)
          .as((initial, o) -> new FailingWrite(layout, initial, o));
    });
  }
}
