package dev.modbustoolkit.simulator.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FaultStats;
import dev.modbustoolkit.simulator.FaultOptions;
import java.util.List;
import java.util.stream.Collectors;

/** The one line the simulator prints at start about the faults it loaded. */
public final class FaultSummary {
  private FaultSummary() {}

  /**
   * "Faults: 3 from faults.yaml, seed 42 (from the file): slow-reads (delay), busy (exception), cut (truncate)".
   */
  public static String line(FaultOptions options) {
    List<FaultSpec> faults = options.content().faults();
    String seed = "seed " + options.seed() + switch (options.seedSource()) {
      case OPTION -> " (from --seed)";
      case FILE -> " (from the file)";
      case RANDOM -> " (random; repeat this run with --seed " + options.seed() + ")";
    };
    if (faults.isEmpty()) {
      return "Faults: none in " + options.file() + ", " + seed;
    }
    String list = faults.stream()
        .map(f -> f.id() + " (" + typeName(f.action()) + ")")
        .collect(Collectors.joining(", "));
    return "Faults: " + faults.size() + " from " + options.file() + ", " + seed + ": " + list;
  }

  /**
   * {@return the faults that fired, in the pipeline's order, with their activations: "silent-block 2, busy-writes 1";
   * empty when none fired}
   *
   * @param stats the pipeline's per-fault statistics
   */
  public static String fired(List<FaultStats> stats) {
    return stats.stream()
        .filter(s -> s.activations() > 0)
        .map(s -> s.id() + " " + s.activations())
        .collect(Collectors.joining(", "));
  }

  /** The action's {@code type} as written in a fault file. */
  public static String typeName(ActionSpec action) {
    return switch (action) {
      case ActionSpec.Delay a -> "delay";
      case ActionSpec.NoResponse a -> "no-response";
      case ActionSpec.LateResponse a -> "late-response";
      case ActionSpec.RespondWithException a -> "exception";
      case ActionSpec.DuplicateResponse a -> "duplicate";
      case ActionSpec.WrongTransactionId a -> "wrong-transaction-id";
      case ActionSpec.WrongUnitId a -> "wrong-unit-id";
      case ActionSpec.WrongFunctionCode a -> "wrong-function-code";
      case ActionSpec.WrongByteCount a -> "wrong-byte-count";
      case ActionSpec.WrongMbapLength a -> "wrong-mbap-length";
      case ActionSpec.Truncate a -> "truncate";
      case ActionSpec.ExtraBytes a -> "extra-bytes";
      case ActionSpec.SplitResponse a -> "split";
      case ActionSpec.RawResponse a -> "raw";
      case ActionSpec.CorruptCrc a -> "corrupt-crc";
      case ActionSpec.PartialFrame a -> "partial-frame";
      case ActionSpec.InterCharacterGap a -> "inter-character-gap";
      case ActionSpec.InterFrameViolation a -> "inter-frame-violation";
      case ActionSpec.Garbage a -> "garbage";
      case ActionSpec.ByteJitter a -> "byte-jitter";
      case ActionSpec.CloseConnection a -> "close";
      case ActionSpec.DropMidFrame a -> "drop-mid-frame";
      case ActionSpec.ResetAfterPartial a -> "reset-after-partial";
      case ActionSpec.HoldOpen a -> "hold-open";
      case ActionSpec.IdleClose a -> "idle-close";
      case ActionSpec.ConnectionLimit a -> "connection-limit";
      case ActionSpec.OneRequestAtATime a -> "one-request-at-a-time";
    };
  }
}
