package dev.modbustoolkit.fault.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.ByteSource;
import dev.modbustoolkit.fault.CloseMode;
import dev.modbustoolkit.fault.ConnectDecision;
import dev.modbustoolkit.fault.CrcCorruption;
import dev.modbustoolkit.fault.Cut;
import dev.modbustoolkit.fault.FieldOverride;
import dev.modbustoolkit.fault.GarbagePlacement;
import dev.modbustoolkit.fault.config.FaultFileException;
import dev.modbustoolkit.pdu.ExceptionCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The action object of a fault, by its {@code type}. */
final class Actions {
  private static final List<String> TYPES =
      List.of(
          "delay", "no-response", "late-response", "exception", "duplicate", "wrong-transaction-id",
          "wrong-unit-id", "wrong-function-code", "wrong-byte-count", "wrong-mbap-length", "truncate",
          "extra-bytes", "split", "raw", "corrupt-crc", "partial-frame", "inter-character-gap",
          "inter-frame-violation", "garbage", "byte-jitter", "close", "drop-mid-frame", "reset-after-partial",
          "hold-open", "idle-close", "connection-limit", "one-request-at-a-time");

  private Actions() {}

  static ActionSpec parse(Obj o) {
    String type = Values.text(o.req("type"), o.pathOf("type")).strip().toLowerCase(Locale.ROOT).replace('_', '-');
    Supplier<ActionSpec> build =
        switch (type) {
          case "delay" -> {
            Duration base = durationOr(o, "base", Duration.ZERO);
            Duration jitter = durationOr(o, "jitter", Duration.ZERO);
            yield () -> new ActionSpec.Delay(base, jitter);
          }
          case "no-response" -> {
            boolean execute = booleanOr(o, "execute", false);
            yield () -> new ActionSpec.NoResponse(execute);
          }
          case "late-response" -> {
            Duration after = Values.duration(o.req("after"), o.pathOf("after"));
            yield () -> new ActionSpec.LateResponse(after);
          }
          case "exception" -> {
            ExceptionCode code = exceptionCode(o.req("code"), o.pathOf("code"));
            yield () -> new ActionSpec.RespondWithException(code);
          }
          case "duplicate" -> {
            int copies = intOr(o, "copies", 1);
            Duration gap = durationOr(o, "gap", Duration.ZERO);
            yield () -> new ActionSpec.DuplicateResponse(copies, gap);
          }
          case "wrong-transaction-id" -> {
            FieldOverride v = override(o);
            yield () -> new ActionSpec.WrongTransactionId(v);
          }
          case "wrong-unit-id" -> {
            FieldOverride v = override(o);
            yield () -> new ActionSpec.WrongUnitId(v);
          }
          case "wrong-function-code" -> {
            FieldOverride v = override(o);
            yield () -> new ActionSpec.WrongFunctionCode(v);
          }
          case "wrong-byte-count" -> {
            FieldOverride v = override(o);
            yield () -> new ActionSpec.WrongByteCount(v);
          }
          case "wrong-mbap-length" -> {
            FieldOverride v = override(o);
            yield () -> new ActionSpec.WrongMbapLength(v);
          }
          case "truncate" -> {
            Cut cut = cut(o);
            yield () -> new ActionSpec.Truncate(cut);
          }
          case "drop-mid-frame" -> {
            Cut cut = cut(o);
            yield () -> new ActionSpec.DropMidFrame(cut);
          }
          case "reset-after-partial" -> {
            Cut cut = cut(o);
            yield () -> new ActionSpec.ResetAfterPartial(cut);
          }
          case "partial-frame" -> {
            Cut cut = cut(o);
            JsonNode rest = o.opt("restAfter");
            Duration restAfter = rest == null ? null : Values.duration(rest, o.pathOf("restAfter"));
            yield () -> new ActionSpec.PartialFrame(cut, restAfter);
          }
          case "extra-bytes" -> {
            ByteSource source = byteSource(o, true);
            yield () -> new ActionSpec.ExtraBytes(source);
          }
          case "split" -> {
            JsonNode at = o.opt("at");
            JsonNode parts = o.opt("parts");
            if ((at == null) == (parts == null)) {
              throw new FaultFileException(o.path(), "split needs exactly one of 'at' (positions) or 'parts'");
            }
            List<Integer> positions = new ArrayList<>();
            if (at != null) {
              List<JsonNode> items = Values.list(at);
              for (int i = 0; i < items.size(); i++) {
                positions.add(Values.intValue(items.get(i), Values.elementPath(at, o.pathOf("at"), i)));
              }
            }
            int n = parts == null ? 0 : Values.intValue(parts, o.pathOf("parts"));
            Duration gap = durationOr(o, "gap", Duration.ZERO);
            yield () -> new ActionSpec.SplitResponse(positions, n, gap);
          }
          case "raw" -> {
            byte[] bytes = Values.bytes(o.req("bytes"), o.pathOf("bytes"));
            yield () -> new ActionSpec.RawResponse(bytes);
          }
          case "corrupt-crc" -> {
            JsonNode m = o.opt("mode");
            CrcCorruption mode =
                m == null ? CrcCorruption.INVERT : Values.enumValue(m, o.pathOf("mode"), CrcCorruption.class);
            int mask = intOr(o, "mask", 0xFFFF);
            yield () -> new ActionSpec.CorruptCrc(mode, mask);
          }
          case "inter-character-gap" -> {
            int position = Values.intValue(o.req("position"), o.pathOf("position"));
            double characters = doubleOr(o, "characters", 2.0);
            yield () -> new ActionSpec.InterCharacterGap(position, characters);
          }
          case "inter-frame-violation" -> {
            double characters = doubleOr(o, "characters", 1.0);
            yield () -> new ActionSpec.InterFrameViolation(characters);
          }
          case "garbage" -> {
            JsonNode w = o.opt("where");
            GarbagePlacement where =
                w == null ? GarbagePlacement.BEFORE : Values.enumValue(w, o.pathOf("where"), GarbagePlacement.class);
            ByteSource source = byteSource(o, false);
            Duration gap = durationOr(o, "gap", Duration.ZERO);
            yield () -> new ActionSpec.Garbage(where, source, gap);
          }
          case "byte-jitter" -> {
            Duration max = Values.duration(o.req("max"), o.pathOf("max"));
            yield () -> new ActionSpec.ByteJitter(max);
          }
          case "close" -> {
            CloseMode mode = closeMode(o);
            int after = intOr(o, "afterRequests", 0);
            JsonNode e = o.opt("every");
            Duration every = e == null ? null : Values.duration(e, o.pathOf("every"));
            boolean respond = booleanOr(o, "respond", true);
            yield () -> new ActionSpec.CloseConnection(mode, after, every, respond);
          }
          case "hold-open" -> ActionSpec.HoldOpen::new;
          case "idle-close" -> {
            Duration after = Values.duration(o.req("after"), o.pathOf("after"));
            CloseMode mode = closeMode(o);
            yield () -> new ActionSpec.IdleClose(after, mode);
          }
          case "connection-limit" -> {
            int max = Values.intValue(o.req("max"), o.pathOf("max"));
            JsonNode p = o.opt("policy");
            ConnectDecision policy =
                p == null ? ConnectDecision.REFUSE : Values.enumValue(p, o.pathOf("policy"), ConnectDecision.class);
            yield () -> new ActionSpec.ConnectionLimit(max, policy);
          }
          case "one-request-at-a-time" -> ActionSpec.OneRequestAtATime::new;
          default ->
              throw new FaultFileException(
                  o.pathOf("type"), "unknown action type '" + type + "' (known: " + String.join(", ", TYPES) + ")");
        };
    o.done("action type " + type);
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String msg = String.valueOf(e.getMessage());
      throw new FaultFileException(o.path(), msg, e);
    }
  }

  private static FieldOverride override(Obj o) {
    JsonNode m = o.opt("mode");
    JsonNode v = o.opt("value");
    String mode = m == null ? "OFFSET" : Values.name(m, o.pathOf("mode"));
    String valuePath = o.pathOf("value");
    return switch (mode) {
      case "FIXED" -> {
        if (v == null) {
          throw new FaultFileException(valuePath, "missing (mode fixed needs the value to send)");
        }
        yield wrap(valuePath, () -> new FieldOverride.Fixed(Values.intValue(v, valuePath)));
      }
      case "OFFSET" -> wrap(valuePath, () -> new FieldOverride.Offset(v == null ? 1 : Values.intValue(v, valuePath)));
      case "RANDOM" -> noValue(v, valuePath, new FieldOverride.Random());
      case "SWAP", "BYTE_SWAP" -> noValue(v, valuePath, new FieldOverride.ByteSwap());
      default ->
          throw new FaultFileException(
              o.pathOf("mode"), "unknown value '" + m.asText() + "' (expected one of fixed, offset, random, swap)");
    };
  }

  private static FieldOverride noValue(@Nullable JsonNode v, String path, FieldOverride o) {
    if (v != null) {
      throw new FaultFileException(path, "not allowed with this mode");
    }
    return o;
  }

  private static <T> T wrap(String path, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw new FaultFileException(path, String.valueOf(e.getMessage()), e);
    }
  }

  private static Cut cut(Obj o) {
    JsonNode bytes = o.opt("bytes");
    JsonNode percent = o.opt("percent");
    JsonNode header = o.opt("headerOnly");
    int given = (bytes != null ? 1 : 0) + (percent != null ? 1 : 0) + (header != null ? 1 : 0);
    if (given > 1) {
      throw new FaultFileException(o.path(), "give at most one of 'bytes', 'percent', 'headerOnly'");
    }
    if (bytes != null) {
      return wrap(o.pathOf("bytes"), () -> new Cut.Bytes(Values.intValue(bytes, o.pathOf("bytes"))));
    }
    if (percent != null) {
      return wrap(o.pathOf("percent"), () -> new Cut.Percent(Values.intValue(percent, o.pathOf("percent"))));
    }
    if (header != null) {
      if (!Values.booleanValue(header, o.pathOf("headerOnly"))) {
        throw new FaultFileException(o.pathOf("headerOnly"), "only 'true' makes sense; leave it out otherwise");
      }
      return new Cut.HeaderOnly();
    }
    return Cut.HALF;
  }

  private static ByteSource byteSource(Obj o, boolean extra) {
    JsonNode bytes = o.opt("bytes");
    JsonNode random = o.opt("random");
    JsonNode repeat = o.opt("repeatLast");
    int given = (bytes != null ? 1 : 0) + (random != null ? 1 : 0) + (repeat != null ? 1 : 0);
    if (given != 1) {
      throw new FaultFileException(
          o.path(), (extra ? "extra-bytes" : "garbage") + " needs exactly one of 'bytes', 'random', 'repeatLast'");
    }
    if (bytes != null) {
      return wrap(o.pathOf("bytes"), () -> new ByteSource.Given(Values.bytes(bytes, o.pathOf("bytes"))));
    }
    if (random != null) {
      return wrap(o.pathOf("random"), () -> new ByteSource.RandomBytes(Values.intValue(random, o.pathOf("random"))));
    }
    return wrap(
        o.pathOf("repeatLast"), () -> new ByteSource.RepeatLast(Values.intValue(repeat, o.pathOf("repeatLast"))));
  }

  private static CloseMode closeMode(Obj o) {
    JsonNode m = o.opt("mode");
    return m == null ? CloseMode.FIN : Values.enumValue(m, o.pathOf("mode"), CloseMode.class);
  }

  private static ExceptionCode exceptionCode(JsonNode n, String path) {
    if (n.isTextual() && !n.asText().strip().matches("(?i)(0x)?[0-9a-f]+")) {
      return Values.enumValue(n, path, ExceptionCode.class);
    }
    int code = Values.intValue(n, path);
    return ExceptionCode.of(code)
        .orElseThrow(
            () -> new FaultFileException(path, "exception code " + code + " is not one of 1-8, 0x0A, 0x0B"));
  }

  private static Duration durationOr(Obj o, String field, Duration absent) {
    JsonNode n = o.opt(field);
    return n == null ? absent : Values.duration(n, o.pathOf(field));
  }

  private static int intOr(Obj o, String field, int absent) {
    JsonNode n = o.opt(field);
    return n == null ? absent : Values.intValue(n, o.pathOf(field));
  }

  private static double doubleOr(Obj o, String field, double absent) {
    JsonNode n = o.opt(field);
    return n == null ? absent : Values.doubleValue(n, o.pathOf(field));
  }

  private static boolean booleanOr(Obj o, String field, boolean absent) {
    JsonNode n = o.opt(field);
    return n == null ? absent : Values.booleanValue(n, o.pathOf(field));
  }
}
