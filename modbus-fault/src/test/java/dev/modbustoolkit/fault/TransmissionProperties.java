package dev.modbustoolkit.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of transmission plans: timing never changes bytes; plans are well formed. */
class TransmissionProperties {
  private static final List<Transport> TRANSPORTS = List.of(Transport.TCP, Transport.RTU, Transport.RTU_OVER_TCP);

  @Provide
  Arbitrary<List<ActionSpec>> timing() {
    return FaultArbitraries.timingActions().list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<ActionSpec>> anyActions() {
    return FaultArbitraries.requestActions().list().ofMinSize(0).ofMaxSize(4);
  }

  @Provide
  Arbitrary<byte[]> pdu() {
    return Combinators.combine(Arbitraries.integers().between(1, 0x7F), FaultArbitraries.bytes(0, 20))
        .as(
            (fc, data) -> {
              byte[] p = new byte[1 + data.length];
              p[0] = (byte) (int) fc;
              System.arraycopy(data, 0, p, 1, data.length);
              return p;
            });
  }

  private static byte[] frame(Transport t, byte[] pdu) {
    return t == Transport.TCP ? TestFormats.tcp(0x1234, 0x11, pdu) : TestFormats.rtu(0x11, pdu);
  }

  /** The plan for a frame from a pipeline with these faults (ids prefix + index, always triggered). */
  private static TransmissionPlan planFor(Transport t, byte[] frame, List<ActionSpec> actions, String prefix) {
    FaultPipeline p = FaultPipeline.create(3);
    for (int i = 0; i < actions.size(); i++) {
      p.add(FaultSpec.of(prefix + i, actions.get(i)));
    }
    return p.openSession(Harness.connection(1, t))
        .plan(Harness.READ)
        .transmit(frame, frame.length, TestFormats.formatOf(t));
  }

  @Property
  void timingOnlyPlansCarryTheFrameUnchanged(
      @ForAll("timing") List<ActionSpec> actions,
      @ForAll("pdu") byte[] pdu,
      @ForAll @IntRange(min = 0, max = 2) int transport) {
    Transport t = TRANSPORTS.get(transport);
    byte[] frame = frame(t, pdu);
    TransmissionPlan tp = planFor(t, frame, actions, "t");
    assertThat(tp.bytes()).isEqualTo(frame);
    assertWellFormed(tp);
  }

  @Property
  void addingTimingFaultsNeverChangesTheBytes(
      @ForAll("anyActions") List<ActionSpec> actions,
      @ForAll("timing") List<ActionSpec> timing,
      @ForAll("pdu") byte[] pdu,
      @ForAll @IntRange(min = 0, max = 2) int transport) {
    Transport t = TRANSPORTS.get(transport);
    byte[] frame = frame(t, pdu);
    List<ActionSpec> withTiming = new ArrayList<>(actions);
    // Distinct id prefixes keep each fault's random stream identical in both pipelines.
    TransmissionPlan without = planFor(t, frame, actions, "a");
    FaultPipeline p = FaultPipeline.create(3);
    for (int i = 0; i < actions.size(); i++) {
      p.add(FaultSpec.of("a" + i, actions.get(i)));
    }
    for (int i = 0; i < timing.size(); i++) {
      p.add(FaultSpec.of("t" + i, timing.get(i)));
    }
    withTiming.addAll(timing);
    boolean partialWithRest = timing.stream().anyMatch(a -> a instanceof ActionSpec.PartialFrame);
    boolean cut =
        withTiming.stream()
            .anyMatch(
                a ->
                    a instanceof ActionSpec.Truncate
                        || a instanceof ActionSpec.DropMidFrame
                        || a instanceof ActionSpec.ResetAfterPartial
                        || a instanceof ActionSpec.PartialFrame pf && pf.restAfter() == null);
    TransmissionPlan with =
        p.openSession(Harness.connection(1, t))
            .plan(Harness.READ)
            .transmit(frame, frame.length, TestFormats.formatOf(t));
    if (!(partialWithRest && cut)) {
      // (A partial frame's rest is dropped by another cut; that interaction is tested by example.)
      assertThat(with.bytes()).isEqualTo(without.bytes());
    }
    assertThat(with.after()).isEqualTo(without.after());
    assertWellFormed(with);
  }

  /** A small independent model of the byte-changing actions. */
  @Property
  void segmentsConcatenateToTheMutatedFrame(
      @ForAll("pdu") byte[] pdu,
      @ForAll @IntRange(min = 0, max = 0xFFFF) int txId,
      @ForAll @IntRange(min = 0, max = 255) int unit,
      @ForAll @IntRange(min = 0, max = 30) int keep,
      @ForAll("extra") byte[] extra,
      @ForAll @IntRange(min = 0, max = 2) int copies,
      @ForAll("timing") List<ActionSpec> timing,
      @ForAll @IntRange(min = 0, max = 2) int transport) {
    Transport t = TRANSPORTS.get(transport);
    FrameFormat f = TestFormats.formatOf(t);
    byte[] frame = frame(t, pdu);
    List<ActionSpec> actions = new ArrayList<>();
    actions.add(new ActionSpec.WrongUnitId(new FieldOverride.Fixed(unit)));
    if (t == Transport.TCP) {
      actions.add(new ActionSpec.WrongTransactionId(new FieldOverride.Fixed(txId)));
    }
    actions.add(new ActionSpec.Truncate(new Cut.Bytes(keep)));
    actions.add(new ActionSpec.ExtraBytes(new ByteSource.Given(extra)));
    if (copies > 0) {
      actions.add(new ActionSpec.DuplicateResponse(copies, Duration.ofNanos(1)));
    }
    actions.addAll(timing.stream().filter(a -> !(a instanceof ActionSpec.PartialFrame)).toList());

    byte[] expected = frame.clone();
    expected[f.unitIdOffset()] = (byte) unit;
    if (t == Transport.TCP) {
      expected[0] = (byte) (txId >> 8);
      expected[1] = (byte) txId;
    }
    f.reseal(expected, expected.length);
    expected = Arrays.copyOf(expected, Math.min(keep, frame.length - 1));
    expected = TestFormats.concat(expected, extra);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i <= copies; i++) {
      all.writeBytes(expected);
    }

    TransmissionPlan tp = planFor(t, frame, actions, "m");
    assertThat(tp.bytes()).isEqualTo(all.toByteArray());
    assertWellFormed(tp);
  }

  @Provide
  Arbitrary<byte[]> extra() {
    return FaultArbitraries.bytes(1, 6);
  }

  @Property
  void rawBytesAreSentExactlyWhateverElseFires(
      @ForAll("anyActions") List<ActionSpec> others,
      @ForAll("extra") byte[] raw,
      @ForAll @IntRange(min = 0, max = 2) int transport) {
    Transport t = TRANSPORTS.get(transport);
    List<ActionSpec> actions = new ArrayList<>();
    actions.add(new ActionSpec.RawResponse(raw));
    // Only actions that neither cut, add bytes, duplicate nor drop the response.
    others.stream()
        .filter(
            a ->
                !(a instanceof ActionSpec.Truncate
                    || a instanceof ActionSpec.ExtraBytes
                    || a instanceof ActionSpec.DuplicateResponse
                    || a instanceof ActionSpec.Garbage
                    || a instanceof ActionSpec.PartialFrame
                    || a instanceof ActionSpec.DropMidFrame
                    || a instanceof ActionSpec.ResetAfterPartial
                    || a instanceof ActionSpec.NoResponse
                    || a instanceof ActionSpec.HoldOpen
                    || a instanceof ActionSpec.CloseConnection c && !c.respondFirst()))
        .forEach(actions::add);
    byte[] frame = TestFormats.readFrameFor(t);
    assertThat(planFor(t, frame, actions, "r").bytes()).isEqualTo(raw);
  }

  private static void assertWellFormed(TransmissionPlan tp) {
    for (Segment s : tp.segments()) {
      assertThat(s.length()).isPositive();
      assertThat(s.delayBeforeNanos()).isNotNegative();
    }
    for (int i = 1; i < tp.segments().size(); i++) {
      assertThat(tp.segments().get(i).delayBeforeNanos()).as("adjacent segments without pause are merged").isPositive();
    }
  }
}
