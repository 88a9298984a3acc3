package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.ByteSource;
import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.fault.GarbagePlacement;
import dev.modbustoolkit.fault.TransmissionPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Turns a response frame and the fired faults into a {@link TransmissionPlan}, following the order of application
 * documented in the package {@code dev.modbustoolkit.fault}.
 */
final class Transmitter {
  /** One character (11 bits) at 9600 baud: the assumption when a format has no character time. */
  static final long DEFAULT_CHARACTER_NANOS = 1_145_834;

  private Transmitter() {}

  static TransmissionPlan plan(
      List<Activation> activations,
      boolean dropped,
      ConnectionDirective after,
      byte[] frame,
      int length,
      FrameFormat format) {
    Objects.checkFromIndexSize(0, length, frame.length);
    if (dropped) {
      return new TransmissionPlan(List.of(), after, false, true);
    }
    long characterNanos =
        format.characterTimeNanos() > 0 ? format.characterTimeNanos() : DEFAULT_CHARACTER_NANOS;

    // Content: raw bytes are sent as they are, never re-framed.
    byte[] content = null;
    for (Activation a : activations) {
      if (a.action() instanceof ActionSpec.RawResponse raw) {
        content = raw.bytes();
        break;
      }
    }
    if (content == null) {
      content = FieldMutations.apply(activations, frame, length, format);
    }

    // Length: the shortest cut wins; a closing cut leaves only the partial bytes.
    int full = content.length;
    int keep = full;
    boolean closingCut = false;
    int restAt = -1;
    long restGap = 0;
    for (Activation a : activations) {
      switch (a.action()) {
        case ActionSpec.Truncate t -> keep = Math.min(keep, t.keep().keep(full, format));
        case ActionSpec.PartialFrame p -> {
          int k = p.keep().keep(full, format);
          Duration rest = p.restAfter();
          if (rest == null) {
            keep = Math.min(keep, k);
          } else if (restAt < 0) {
            restAt = k;
            restGap = rest.toNanos();
          }
        }
        case ActionSpec.DropMidFrame d -> {
          keep = Math.min(keep, d.keep().keep(full, format));
          closingCut = true;
        }
        case ActionSpec.ResetAfterPartial r -> {
          keep = Math.min(keep, r.keep().keep(full, format));
          closingCut = true;
        }
        case ActionSpec.ResponseAction other -> {}
        case ActionSpec.SerialAction other -> {}
        case ActionSpec.ConnectionAction other -> {}
      }
    }
    if (keep < full) {
      content = Arrays.copyOf(content, keep);
    }
    if (!closingCut) {
      for (Activation a : activations) {
        if (a.action() instanceof ActionSpec.ExtraBytes extra) {
          byte[] more = bytesOf(extra.bytes(), content, a.random());
          byte[] joined = Arrays.copyOf(content, content.length + more.length);
          System.arraycopy(more, 0, joined, content.length, more.length);
          content = joined;
        }
      }
    }

    // Timing inside a copy: gaps before byte i, shared by all copies (jitter is drawn per copy).
    int n = content.length;
    long[] gaps = new long[n];
    boolean perByte = false;
    List<Jitter> jitters = new ArrayList<>(0);
    for (Activation a : activations) {
      switch (a.action()) {
        case ActionSpec.SplitResponse s -> {
          perByte = true;
          long gap = s.gap().toNanos();
          boolean[] at = new boolean[n];
          if (s.positions().isEmpty()) {
            for (int i = 1; i < s.parts(); i++) {
              mark(at, (int) ((long) n * i / s.parts()));
            }
          } else {
            for (int p : s.positions()) {
              mark(at, p);
            }
          }
          for (int i = 1; i < n; i++) {
            if (at[i]) {
              gaps[i] += gap;
            }
          }
        }
        case ActionSpec.InterCharacterGap g -> {
          perByte = true;
          if (g.position() < n) {
            gaps[g.position()] += (long) Math.ceil(g.characters() * characterNanos);
          }
        }
        case ActionSpec.ByteJitter j -> {
          perByte = true;
          jitters.add(new Jitter(j.max().toNanos(), a.random()));
        }
        case ActionSpec.ResponseAction other -> {}
        case ActionSpec.SerialAction other -> {}
        case ActionSpec.ConnectionAction other -> {}
      }
    }
    if (restAt >= 1 && restAt < n && !closingCut) {
      perByte = true;
      gaps[restAt] += restGap;
    }

    // Initial delay before the first byte.
    SegmentBuilder out = new SegmentBuilder();
    boolean interFrameSilence = true;
    for (Activation a : activations) {
      switch (a.action()) {
        case ActionSpec.Delay d -> {
          long jitter = d.jitter().toNanos();
          out.delay(d.base().toNanos() + (jitter > 0 ? a.random().nextLong(jitter + 1) : 0));
        }
        case ActionSpec.LateResponse l -> out.delay(l.after().toNanos());
        case ActionSpec.InterFrameViolation v -> {
          interFrameSilence = false;
          out.delay((long) Math.ceil(v.characters() * characterNanos));
        }
        case ActionSpec.ResponseAction other -> {}
        case ActionSpec.SerialAction other -> {}
        case ActionSpec.ConnectionAction other -> {}
      }
    }

    List<byte[]> garbageAfter = new ArrayList<>(0);
    List<Long> garbageAfterGaps = new ArrayList<>(0);
    if (!closingCut) {
      for (Activation a : activations) {
        if (a.action() instanceof ActionSpec.Garbage g) {
          byte[] bytes = bytesOf(g.bytes(), content, a.random());
          if (g.placement() != GarbagePlacement.AFTER) {
            out.write(bytes);
            out.delay(g.gap().toNanos());
          }
          if (g.placement() != GarbagePlacement.BEFORE) {
            garbageAfter.add(bytes);
            garbageAfterGaps.add(g.gap().toNanos());
          }
        }
      }
    }

    writeCopy(out, content, gaps, jitters);
    if (!closingCut) {
      for (Activation a : activations) {
        if (a.action() instanceof ActionSpec.DuplicateResponse d) {
          for (int i = 0; i < d.copies(); i++) {
            out.delay(d.gap().toNanos());
            writeCopy(out, content, gaps, jitters);
          }
        }
      }
    }
    for (int i = 0; i < garbageAfter.size(); i++) {
      out.delay(garbageAfterGaps.get(i));
      out.write(garbageAfter.get(i));
    }
    return new TransmissionPlan(out.build(), after, perByte, interFrameSilence);
  }

  private record Jitter(long maxNanos, SplittableRandom random) {}

  private static void writeCopy(SegmentBuilder out, byte[] content, long[] gaps, List<Jitter> jitters) {
    int start = 0;
    for (int i = 1; i < content.length; i++) {
      long gap = gaps[i];
      for (Jitter j : jitters) {
        gap += j.random().nextLong(j.maxNanos() + 1);
      }
      if (gap > 0) {
        out.write(content, start, i);
        out.delay(gap);
        start = i;
      }
    }
    out.write(content, start, content.length);
  }

  private static void mark(boolean[] at, int position) {
    if (position >= 1 && position < at.length) {
      at[position] = true;
    }
  }

  private static byte[] bytesOf(ByteSource source, byte[] content, SplittableRandom random) {
    return switch (source) {
      case ByteSource.Given g -> g.bytes();
      case ByteSource.RandomBytes r -> {
        byte[] b = new byte[r.count()];
        random.nextBytes(b);
        yield b;
      }
      case ByteSource.RepeatLast r -> {
        int count = Math.min(r.count(), content.length);
        yield Arrays.copyOfRange(content, content.length - count, content.length);
      }
    };
  }
}
