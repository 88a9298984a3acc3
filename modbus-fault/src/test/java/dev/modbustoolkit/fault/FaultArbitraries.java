package dev.modbustoolkit.fault;

import dev.modbustoolkit.pdu.ExceptionCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for actions, triggers, faults, frames and traffic. */
final class FaultArbitraries {
  private FaultArbitraries() {}

  static Arbitrary<Duration> smallDuration() {
    return Arbitraries.longs().between(0, 5_000_000).map(Duration::ofNanos);
  }

  static Arbitrary<Duration> positiveDuration() {
    return Arbitraries.longs().between(1, 5_000_000).map(Duration::ofNanos);
  }

  static Arbitrary<FieldOverride> override16() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 0xFFFF).map(FieldOverride.Fixed::new),
        Arbitraries.integers().between(-300, 300).filter(d -> d != 0).map(FieldOverride.Offset::new),
        Arbitraries.just(new FieldOverride.Random()),
        Arbitraries.just(new FieldOverride.ByteSwap()));
  }

  static Arbitrary<FieldOverride> override8() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 0xFF).map(FieldOverride.Fixed::new),
        Arbitraries.integers().between(-300, 300).filter(d -> d != 0).map(FieldOverride.Offset::new),
        Arbitraries.just(new FieldOverride.Random()));
  }

  static Arbitrary<Cut> cut() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 24).map(Cut.Bytes::new),
        Arbitraries.integers().between(0, 99).map(Cut.Percent::new),
        Arbitraries.just(new Cut.HeaderOnly()));
  }

  static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  static Arbitrary<ByteSource> byteSource() {
    return Arbitraries.oneOf(
        bytes(1, 8).map(ByteSource.Given::new),
        Arbitraries.integers().between(1, 8).map(ByteSource.RandomBytes::new),
        Arbitraries.integers().between(1, 8).map(ByteSource.RepeatLast::new));
  }

  /** Actions that only change timing, never bytes. */
  static Arbitrary<ActionSpec> timingActions() {
    return Arbitraries.oneOf(
        Combinators.combine(smallDuration(), smallDuration()).as(ActionSpec.Delay::new),
        positiveDuration().map(ActionSpec.LateResponse::new),
        Combinators.combine(Arbitraries.integers().between(2, 6), smallDuration())
            .as(ActionSpec.SplitResponse::intoParts),
        Combinators.combine(smallDuration(), Arbitraries.integers().between(1, 30).list().ofMinSize(1).ofMaxSize(4))
            .as((gap, at) -> new ActionSpec.SplitResponse(at, 0, gap)),
        Combinators.combine(
                Arbitraries.integers().between(1, 30), Arbitraries.doubles().between(1.6, 6.0))
            .as(ActionSpec.InterCharacterGap::new),
        positiveDuration().map(ActionSpec.ByteJitter::new),
        Arbitraries.doubles().between(0.0, 3.4).map(ActionSpec.InterFrameViolation::new),
        Combinators.combine(cut(), positiveDuration()).as(ActionSpec.PartialFrame::new),
        Arbitraries.just(new ActionSpec.OneRequestAtATime()));
  }

  /** Every request-stage action. */
  static Arbitrary<ActionSpec> requestActions() {
    List<Arbitrary<? extends ActionSpec>> all = new ArrayList<>();
    all.add(timingActions());
    all.add(Arbitraries.of(true, false).map(ActionSpec.NoResponse::new));
    all.add(Arbitraries.of(ExceptionCode.class).map(ActionSpec.RespondWithException::new));
    all.add(
        Combinators.combine(Arbitraries.integers().between(1, 3), smallDuration())
            .as(ActionSpec.DuplicateResponse::new));
    all.add(override16().map(ActionSpec.WrongTransactionId::new));
    all.add(override8().map(ActionSpec.WrongUnitId::new));
    all.add(override8().map(ActionSpec.WrongFunctionCode::new));
    all.add(override8().map(ActionSpec.WrongByteCount::new));
    all.add(override16().map(ActionSpec.WrongMbapLength::new));
    all.add(cut().map(ActionSpec.Truncate::new));
    all.add(byteSource().map(ActionSpec.ExtraBytes::new));
    all.add(bytes(0, 10).map(ActionSpec.RawResponse::new));
    all.add(
        Combinators.combine(Arbitraries.of(CrcCorruption.class), Arbitraries.integers().between(1, 0xFFFF))
            .as(ActionSpec.CorruptCrc::new));
    all.add(cut().map(c -> new ActionSpec.PartialFrame(c, null)));
    all.add(
        Combinators.combine(Arbitraries.of(GarbagePlacement.class), byteSource(), smallDuration())
            .as(ActionSpec.Garbage::new));
    all.add(
        Combinators.combine(Arbitraries.of(CloseMode.class), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
            .as((m, n, respond) -> new ActionSpec.CloseConnection(m, n, null, respond)));
    all.add(cut().map(ActionSpec.DropMidFrame::new));
    all.add(cut().map(ActionSpec.ResetAfterPartial::new));
    all.add(Arbitraries.just(new ActionSpec.HoldOpen()));
    return Arbitraries.oneOf(all);
  }

  static Arbitrary<TriggerSpec> trigger() {
    return Combinators.combine(
            Arbitraries.of(1.0, 1.0, 0.5, 0.2),
            Arbitraries.longs().between(1, 3),
            Arbitraries.longs().between(0, 2),
            Arbitraries.of(TriggerSpec.UNLIMITED, 1L, 3L),
            Arbitraries.of(0, 1, 2))
        .as(
            (p, n, skip, max, unit) -> {
              TriggerSpec.Builder b =
                  TriggerSpec.builder().probability(p).everyNth(n).skipFirst(skip).maxActivations(max);
              if (unit > 0) {
                b.unitIds(unit);
              }
              return b.build();
            });
  }

  /** 1..5 request-stage faults with ids f0.., random triggers and scopes. */
  static Arbitrary<List<FaultSpec>> faults() {
    return Combinators.combine(requestActions(), trigger(), Arbitraries.of(Scope.class))
        .as((a, t, s) -> new FaultSpec("x", a, t, s))
        .list()
        .ofMinSize(1)
        .ofMaxSize(5)
        .map(
            list -> {
              List<FaultSpec> out = new ArrayList<>();
              for (int i = 0; i < list.size(); i++) {
                FaultSpec f = list.get(i);
                out.add(new FaultSpec("f" + i, f.action(), f.trigger(), f.scope()));
              }
              return out;
            });
  }

  /** One request: which connection (1..3) sends it, and what it is. */
  record Request(int connection, RequestInfo info) {}

  static Arbitrary<Request> request() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 3),
            Arbitraries.integers().between(1, 3),
            Arbitraries.of(3, 6, 16),
            Arbitraries.integers().between(0, 100),
            Arbitraries.integers().between(1, 10))
        .as((c, u, fc, a, q) -> new Request(c, RequestInfo.of(u, fc, a, q)));
  }

  static Arbitrary<List<Request>> traffic() {
    return request().list().ofMinSize(1).ofMaxSize(40);
  }

  /** A response frame for a transport (TCP: MBAP framing; otherwise RTU framing with a valid CRC). */
  static Arbitrary<byte[]> frame(Transport t) {
    Arbitrary<byte[]> pdu =
        Combinators.combine(Arbitraries.integers().between(1, 0x7F), bytes(0, 20))
            .as(
                (fc, data) -> {
                  byte[] p = new byte[1 + data.length];
                  p[0] = (byte) (int) fc;
                  System.arraycopy(data, 0, p, 1, data.length);
                  return p;
                });
    return Combinators.combine(Arbitraries.integers().between(0, 0xFFFF), Arbitraries.integers().between(0, 255), pdu)
        .as((tx, unit, p) -> t == Transport.TCP ? TestFormats.tcp(tx, unit, p) : TestFormats.rtu(unit, p));
  }
}
