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

/** The register table against a plain array model over random sparse layouts with all four rules. */
class RegisterTableProperties {

  private static final byte CANARY = 0x5A;

  sealed interface Op permits Read, Write, WriteOne, Mask, WriteRead, ApiSet, ApiGet {}

  record Read(int address, int quantity, boolean intoArray) implements Op {}

  record Write(int address, List<Integer> values, boolean fromBuffer) implements Op {}

  record WriteOne(int address, int value) implements Op {}

  record Mask(int address, int andMask, int orMask) implements Op {}

  record WriteRead(int writeAddress, List<Integer> values, int readAddress, int readQuantity) implements Op {}

  record ApiSet(int address, List<Integer> values) implements Op {}

  record ApiGet(int address, int quantity) implements Op {}

  record Scenario(LayoutModel layout, List<Op> ops) {}

  record FailingWrite(LayoutModel layout, List<Integer> initial, Op op) {}

  @Property(tries = 300)
  void sequencesOfOperationsAgreeWithTheModel(@ForAll("scenarios") Scenario scenario) {
    LayoutModel layout = scenario.layout();
    RegisterTable table = layout.registerTable();
    int[] model = new int[layout.rules().length];
    assertThat(table.blocks()).isEqualTo(layout.runs());
    for (Op op : scenario.ops()) {
      apply(table, layout, model, op);
      assertSameState(table, layout, model);
    }
  }

  @Property(tries = 300)
  void failedWireWritesChangeNothingAndReportNothing(@ForAll("failingWrites") FailingWrite failing) {
    LayoutModel layout = failing.layout();
    RegisterTable table = layout.registerTable();
    int[] model = failing.initial().stream().mapToInt(Integer::intValue).toArray();
    layout.forEachRun((start, count, rule) ->
        table.setRange(start, Arrays.copyOfRange(model, layout.index(start), layout.index(start) + count)));
    List<RegisterChangeEvent> events = new ArrayList<>();
    table.addListener(events::add);

    AccessStatus status = switch (failing.op()) {
      case Write w when w.fromBuffer() ->
          table.writeRegisters(w.address(), w.values().size(), toBuffer(w.values()), WIRE);
      case Write w -> table.writeRegisters(w.address(), toShorts(w.values()), WIRE);
      case WriteOne w -> table.writeRegister(w.address(), w.value(), WIRE);
      case Mask m -> table.maskWriteRegister(m.address(), m.andMask(), m.orMask(), WIRE);
      case WriteRead wr -> table.writeThenRead(wr.writeAddress(), toShorts(wr.values()), wr.readAddress(),
          wr.readQuantity(), ByteBuffer.allocate(2 * wr.readQuantity()), WIRE);
      case Read r -> throw new AssertionError("not a write: " + r);
      case ApiSet s -> throw new AssertionError("not a wire write: " + s);
      case ApiGet g -> throw new AssertionError("not a write: " + g);
    };

    assertThat(status).isEqualTo(AccessStatus.ILLEGAL_ADDRESS);
    assertSameState(table, layout, model);
    assertThat(events).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void apply(RegisterTable table, LayoutModel layout, int[] model, Op op) {
    switch (op) {
      case Read r when r.intoArray() -> {
        boolean ok = layout.allows(r.address(), r.quantity(), false);
        short[] dst = new short[r.quantity() + 1];
        Arrays.fill(dst, (short) 0x5A5A);
        assertThat(table.readRegisters(r.address(), r.quantity(), dst, 1)).isEqualTo(status(ok));
        for (int i = 0; i < r.quantity(); i++) {
          int expected = ok ? model[layout.index(r.address() + i)] : 0x5A5A;
          assertThat(dst[1 + i] & 0xFFFF).as("%s register %d", r, i).isEqualTo(expected);
        }
        assertThat(dst[0]).isEqualTo((short) 0x5A5A);
      }
      case Read r -> {
        boolean ok = layout.allows(r.address(), r.quantity(), false);
        ByteBuffer out = ByteBuffer.allocate(2 * r.quantity() + 2);
        Arrays.fill(out.array(), CANARY);
        out.position(1);
        assertThat(table.readRegisters(r.address(), r.quantity(), out)).isEqualTo(status(ok));
        assertThat(out.position()).isEqualTo(ok ? 1 + 2 * r.quantity() : 1);
        byte[] expected = new byte[out.capacity()];
        Arrays.fill(expected, CANARY);
        if (ok) {
          for (int i = 0; i < r.quantity(); i++) {
            int value = model[layout.index(r.address() + i)];
            expected[1 + 2 * i] = (byte) (value >> 8);
            expected[2 + 2 * i] = (byte) value;
          }
        }
        assertThat(out.array()).as("%s", r).containsExactly(expected);
      }
      case Write w -> {
        boolean ok = layout.allows(w.address(), w.values().size(), true);
        AccessStatus status = w.fromBuffer()
            ? table.writeRegisters(w.address(), w.values().size(), toBuffer(w.values()), WIRE)
            : table.writeRegisters(w.address(), toShorts(w.values()), WIRE);
        assertThat(status).as("%s", w).isEqualTo(status(ok));
        if (ok) {
          for (int i = 0; i < w.values().size(); i++) {
            model[layout.index(w.address() + i)] = w.values().get(i);
          }
        }
      }
      case WriteOne w -> {
        boolean ok = layout.allows(w.address(), 1, true);
        assertThat(table.writeRegister(w.address(), w.value(), WIRE)).isEqualTo(status(ok));
        if (ok) {
          model[layout.index(w.address())] = w.value();
        }
      }
      case Mask m -> {
        boolean ok = layout.allows(m.address(), 1, true);
        assertThat(table.maskWriteRegister(m.address(), m.andMask(), m.orMask(), WIRE)).isEqualTo(status(ok));
        if (ok) {
          int i = layout.index(m.address());
          model[i] = ((model[i] & m.andMask()) | (m.orMask() & ~m.andMask())) & 0xFFFF;
        }
      }
      case WriteRead wr -> {
        boolean ok = layout.allows(wr.writeAddress(), wr.values().size(), true)
            && layout.allows(wr.readAddress(), wr.readQuantity(), false);
        ByteBuffer out = ByteBuffer.allocate(2 * wr.readQuantity());
        assertThat(table.writeThenRead(
                wr.writeAddress(), toShorts(wr.values()), wr.readAddress(), wr.readQuantity(), out, WIRE))
            .as("%s", wr)
            .isEqualTo(status(ok));
        if (ok) {
          for (int i = 0; i < wr.values().size(); i++) {
            model[layout.index(wr.writeAddress() + i)] = wr.values().get(i);
          }
          for (int i = 0; i < wr.readQuantity(); i++) {
            assertThat(out.getShort(2 * i) & 0xFFFF).isEqualTo(model[layout.index(wr.readAddress() + i)]);
          }
        } else {
          assertThat(out.position()).isZero();
        }
      }
      case ApiSet s -> {
        int[] values = s.values().stream().mapToInt(Integer::intValue).toArray();
        if (layout.existsAll(s.address(), values.length)) {
          table.setRange(s.address(), values);
          for (int i = 0; i < values.length; i++) {
            model[layout.index(s.address() + i)] = values[i];
          }
        } else {
          assertThatThrownBy(() -> table.setRange(s.address(), values)).isInstanceOf(IllegalArgumentException.class);
        }
      }
      case ApiGet g -> {
        if (layout.existsAll(g.address(), g.quantity())) {
          int[] expected = new int[g.quantity()];
          for (int i = 0; i < g.quantity(); i++) {
            expected[i] = model[layout.index(g.address() + i)];
          }
          assertThat(table.getRange(g.address(), g.quantity())).containsExactly(expected);
        } else {
          assertThatThrownBy(() -> table.getRange(g.address(), g.quantity()))
              .isInstanceOf(IllegalArgumentException.class);
        }
      }
    }
  }

  private static void assertSameState(RegisterTable table, LayoutModel layout, int[] model) {
    layout.forEachRun((start, count, rule) -> assertThat(table.getRange(start, count))
        .as("registers %d..%d", start, start + count - 1)
        .containsExactly(Arrays.copyOfRange(model, layout.index(start), layout.index(start) + count)));
  }

  private static AccessStatus status(boolean ok) {
    return ok ? AccessStatus.OK : AccessStatus.ILLEGAL_ADDRESS;
  }

  private static short[] toShorts(List<Integer> values) {
    short[] result = new short[values.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.get(i).shortValue();
    }
    return result;
  }

  private static ByteBuffer toBuffer(List<Integer> values) {
    ByteBuffer buffer = ByteBuffer.allocate(2 * values.size());
    values.forEach(v -> buffer.putShort(v.shortValue()));
    return buffer.flip();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Generators

  private static Arbitrary<Integer> registerValues() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 0xFFFF), Arbitraries.of(0, 1, 0x7FFF, 0x8000, 0xFFFF));
  }

  private static Arbitrary<List<Integer>> valueLists() {
    return registerValues().list().ofMinSize(1).ofMaxSize(10);
  }

  private static Arbitrary<Integer> quantities() {
    return Arbitraries.integers().between(1, 12);
  }

  private static Arbitrary<Op> ops(LayoutModel layout) {
    Arbitrary<Integer> a = layout.addresses();
    return Arbitraries.oneOf(
        Combinators.combine(a, quantities(), Arbitraries.of(true, false)).as(Read::new),
        Combinators.combine(a, valueLists(), Arbitraries.of(true, false)).as(Write::new),
        Combinators.combine(a, registerValues()).as(WriteOne::new),
        Combinators.combine(a, registerValues(), registerValues()).as(Mask::new),
        Combinators.combine(a, valueLists(), a, quantities()).as(WriteRead::new),
        Combinators.combine(a, valueLists()).as(ApiSet::new),
        Combinators.combine(a, quantities()).as(ApiGet::new));
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    return LayoutModel.layouts()
        .flatMap(layout -> ops(layout).list().ofMaxSize(30).map(ops -> new Scenario(layout, ops)));
  }

  @Provide
  Arbitrary<FailingWrite> failingWrites() {
    return LayoutModel.layouts().flatMap(layout -> {
      // Addresses a wire write must refuse: gaps, non-writable rules, and the missing neighbours of the layout.
      List<Integer> refused = new ArrayList<>();
      for (int a = layout.base() - 1; a <= layout.base() + layout.rules().length; a++) {
        AccessRule rule = layout.rule(a);
        if (rule == null || !rule.isWritable()) {
          refused.add(a);
        }
      }
      Arbitrary<Integer> start = Combinators.combine(Arbitraries.of(refused), Arbitraries.integers().between(0, 5))
          .as((bad, before) -> bad - before);
      Arbitrary<Integer> bad = Arbitraries.of(refused);
      // A range from (bad - before) must reach bad: length >= before + 1.
      Arbitrary<Op> write = Combinators.combine(Arbitraries.of(refused), Arbitraries.integers().between(0, 5),
              Arbitraries.integers().between(0, 5), Arbitraries.of(true, false), registerValues())
          .as((b, before, after, buffer, v) -> new Write(b - before, repeat(v, before + 1 + after), buffer));
      Arbitrary<Op> op = Arbitraries.oneOf(
          write,
          Combinators.combine(bad, registerValues()).as(WriteOne::new),
          Combinators.combine(bad, registerValues(), registerValues()).as(Mask::new),
          Combinators.combine(bad, valueLists(), start, quantities())
              .as((b, values, readAddress, rq) -> new WriteRead(b, values, readAddress, rq)));
      return Combinators.combine(registerValues().list().ofSize(layout.rules().length), op)
          .as((initial, o) -> new FailingWrite(layout, initial, o));
    });
  }

  private static List<Integer> repeat(int value, int count) {
    List<Integer> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      result.add(value + i & 0xFFFF);
    }
    return result;
  }
}
