package dev.modbustoolkit.serial;

import dev.modbustoolkit.serial.internal.ArrivalTimes;
import dev.modbustoolkit.serial.internal.ResponseExpectation;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * RTU framing, pull-style: length-aware parsing checked by the CRC, with the spec's silences as the fallback.
 *
 * <h2>Use</h2>
 *
 * <pre>{@code
 * // after a read of n bytes into buf at time now (buf in "read" mode between flip() and compact()):
 * for (DecodeOutcome o = decoder.decode(buf, now); o.kind() != NEED_MORE; o = decoder.decode(buf, now)) {
 *   switch (o.kind()) {
 *     case FRAME -> handle(o.unitId(), o.frameKind(), o.pdu());   // a view of buf
 *     case DROPPED -> count(o.dropReason(), o.droppedBytes());
 *     case NEED_MORE -> {}
 *   }
 * }
 * // then read again with a timeout until o.deadlineNanos(); on timeout call decode(buf, now) again.
 * }</pre>
 *
 * <p>{@link #decode(ByteBuffer, long)} looks at {@code in}'s bytes from its position to its limit. Bytes it has
 * not seen before are taken as received at {@code nowNanos} (the time the read returned); a call without new bytes
 * tells the decoder that nothing arrived until {@code nowNanos}, which lets a silence end or drop a pending frame.
 * It returns one outcome per call, in bus order, and advances {@code in}'s position over what it decided: a frame,
 * or bytes it dropped. It never consumes part of a pending frame. Between calls the caller may compact or copy the
 * unconsumed bytes elsewhere (they must stay the same bytes, from the position on) and append new ones; it must
 * pass the buffer holding them. The buffer must hold at least {@link #MAX_FRAME} bytes plus one read.
 *
 * <p>Outcomes are an enum kind in one reused {@link DecodeOutcome} per decoder (see there why): the decoder
 * allocates nothing per frame; the PDU is a view of {@code in} (a duplicate made once per input buffer object).
 *
 * <h2>How a frame is found</h2>
 *
 * <p>At the first undecided byte the decoder asks the {@link PduLengths} how long a request (or, when another
 * device's answer is due, a response) starting there is. As soon as that many bytes are there and the CRC
 * matches, the frame is returned, without waiting for the t3.5 silence: a server answers sooner, and back-to-back
 * frames without silence (common over TCP) still split. A frame whose length cannot be told (user-defined function
 * codes, FC 08) ends at the t3.5 silence.
 *
 * <p>Resynchronisation. When the CRC does not match, or the bytes cannot start a frame, the decoder drops one byte
 * and tries again at the next one with the same rules, so a frame that follows garbage or a broken frame is still
 * found. Bytes whose fate depends on more bytes (an incomplete candidate) wait for more bytes or for the silence,
 * after which everything left is decided. Each stretch of dropped bytes is returned once, as one {@link
 * DecodeOutcome.Kind#DROPPED} outcome with the reason of its first byte, however many attempts it took: before the
 * frame that ends the stretch, or at the silence. (Its bytes are consumed when they are judged, so a {@code
 * NEED_MORE} may already have moved the position over garbage it reports later.)
 *
 * <p>Silences. Only the times of the calls are known. The first of {@code n} new bytes seen at {@code T} started
 * about {@code n} character times earlier, so the silence before them is that minus the last byte's time; a burst
 * that a USB adapter held back is thus not mistaken for a gap. A silence over {@link SilenceRules#endNanos()}
 * (t3.5 + tolerance) ends the frame (on a line it also gives up on an incomplete one; over TCP that waits for
 * {@link SilenceRules#abandonNanos()}); one over {@link SilenceRules#breakNanos()} (t1.5 + tolerance) inside a
 * frame makes it incomplete: the bytes before the gap are dropped ({@link DropReason#INCOMPLETE}, together with
 * any bytes after the gap that do not form a frame). Bytes after such a gap are still scanned for a valid frame:
 * with the tolerance the gap estimate is approximate, and the CRC is a better judge than the spec's rule to drop
 * everything until the next t3.5 silence.
 *
 * <p>A frame of unknown length never swallows a complete valid frame of known length that starts inside it: it
 * ends there. Conversely, garbage is only skipped up to a valid frame when no earlier position could still start
 * a request that has not fully arrived, because a long request may carry bytes that form a valid frame by
 * themselves. Both rules make the frames found independent of how the bytes were chunked ({@code
 * RtuFrameDecoderProperties}).
 *
 * <p>Multi-drop. After a valid request to a unit {@code localUnit} does not accept, the next frame from that unit
 * is parsed as a response first, so another device's answer is not taken for a request; a frame that only parses
 * as a response (valid CRC with the response length) is returned as one, whoever sent it. Such an unexpected
 * response is only recognised when it is complete once its request reading has failed; otherwise its bytes are
 * dropped like garbage.
 *
 * <p>Not thread-safe: one thread decodes one line. Over 400 lines mostly of Javadoc: the resynchronisation and
 * silence rules above are the specification its properties check, and candidate evaluation is one loop over one
 * buffer that would only be harder to follow split.
 */
public final class RtuFrameDecoder {
  /** The largest RTU frame: address, 253-byte PDU, CRC. */
  public static final int MAX_FRAME = 256;
  /** The smallest RTU frame: address, function code, CRC. */
  public static final int MIN_FRAME = 4;

  // How far the silence after the last byte has gone: frames may still grow / frames of unknown length have
  // ended / everything is decided.
  private static final int OPEN = 0;
  private static final int ENDED = 1;
  private static final int ABANDONED = 2;
  private static final int WAIT = 0;
  private static final int FRAME = 1;
  private static final int BAD = 2;

  private final PduLengths lengths;
  private final IntPredicate localUnit;
  private final SilenceRules rules;
  private final long responseTimeoutNanos;
  private final ArrivalTimes times = new ArrivalTimes(4 * MAX_FRAME);
  private final ResponseExpectation expectation = new ResponseExpectation();
  private final DecodeOutcome outcome;

  // The input of the current call, and the views on it: duplicates made once per input buffer object.
  private @Nullable ByteBuffer source;
  private ByteBuffer in = ByteBuffer.allocate(0);
  private ByteBuffer probe = ByteBuffer.allocate(0);
  private ByteBuffer pduView = ByteBuffer.allocate(0);

  private long lastByteNanos;
  private int silenceLevel = OPEN;
  // A scan still to run (or finish) at a level, before new bytes are looked at.
  private boolean phaseActive;
  private int phaseLevel;
  private boolean phaseInterrupted;
  private boolean phaseFlush;
  // The stretch of dropped bytes not reported yet: one outcome per stretch.
  private int pendingCount;
  private @Nullable DropReason pendingReason;
  // Bytes before this times index are known garbage (found by looking ahead).
  private int garbageUntil;
  // A frame decided while a drop was still to be reported: returned by the next call.
  private boolean frameReady;

  // The outcome of the last candidate evaluation.
  private int candidateLength;
  private FrameKind candidateKind = FrameKind.REQUEST;
  private DropReason candidateReason = DropReason.BAD_CRC;

  /**
   * A decoder.
   *
   * @param lengths the PDU length rules, usually {@link PduLengths#codec()}
   * @param localUnit the unit ids the caller answers for (others are other devices on the bus)
   * @param rules the silences
   * @param responseTimeoutNanos how long after a request to another device its response may come
   */
  public RtuFrameDecoder(
      PduLengths lengths, IntPredicate localUnit, SilenceRules rules, long responseTimeoutNanos) {
    this.lengths = Objects.requireNonNull(lengths, "lengths");
    this.localUnit = Objects.requireNonNull(localUnit, "localUnit");
    this.rules = Objects.requireNonNull(rules, "rules");
    if (responseTimeoutNanos <= 0) {
      throw new IllegalArgumentException("response timeout " + responseTimeoutNanos + " must be positive");
    }
    this.responseTimeoutNanos = responseTimeoutNanos;
    this.outcome = new DecodeOutcome();
  }

  /**
   * The next outcome for the bytes of {@code input} from its position to its limit; see the class comment.
   *
   * @param input the received bytes not consumed yet, followed by any new ones
   * @param nowNanos when the new bytes were received, or the current time when there are none (the caller's
   *     nanosecond scale, never earlier than in the previous call)
   * @return this decoder's outcome object, overwritten by the next call
   * @throws IllegalStateException when {@code input} holds fewer bytes than were seen and not consumed before
   */
  public DecodeOutcome decode(ByteBuffer input, long nowNanos) {
    attach(input);
    try {
      return next(nowNanos);
    } finally {
      input.position(in.position());
    }
  }

  /**
   * {@return when a call without new bytes would have something to decide: the deadline of the last {@code NEED_MORE},
   * or {@link Long#MAX_VALUE} when nothing is pending}
   */
  public long deadlineNanos() {
    if (!pending()) {
      return Long.MAX_VALUE;
    }
    long after = silenceLevel == OPEN ? rules.endNanos() : rules.abandonNanos();
    return lastByteNanos + after + 1;
  }

  private void attach(ByteBuffer input) {
    if (input != source) {
      source = input;
      in = input.duplicate();
      probe = input.duplicate();
      pduView = input.asReadOnlyBuffer();
    }
    in.limit(input.limit()).position(input.position());
    if (in.remaining() < times.registered()) {
      throw new IllegalStateException(
          "the input holds " + in.remaining() + " bytes but " + times.registered() + " were seen and not consumed");
    }
  }

  private DecodeOutcome next(long now) {
    boolean idleChecked = false;
    while (true) {
      if (phaseActive) {
        if (scan(phaseLevel, phaseInterrupted)) {
          return outcome;
        }
        phaseActive = false;
        if (phaseFlush && flush()) {
          return outcome;
        }
        continue;
      }
      if (times.chunkPending()) {
        garbageUntil = Math.max(0, garbageUntil - times.registerPiece());
        startPhase(OPEN, false, false);
        continue;
      }
      int fresh = in.remaining() - times.registered();
      if (fresh > 0) {
        newChunk(fresh, now);
        continue;
      }
      if (!idleChecked) {
        idleChecked = true;
        idle(now);
        continue;
      }
      return outcome.needMore(deadlineNanos());
    }
  }

  /** New bytes: first decide the old ones by the silence before them, then register the new ones. */
  private void newChunk(int length, long now) {
    long character = rules.characterNanos();
    if (times.receivedAny()) {
      long firstByteEnd = now - (length - 1) * character;
      long silence = firstByteEnd - character - lastByteNanos;
      if (silence > rules.abandonNanos()) {
        startPhase(ABANDONED, false, true);
      } else if (silence > rules.endNanos()) {
        startPhase(ENDED, false, false);
      } else if (silence > rules.breakNanos() && times.registered() > 0) {
        startPhase(ABANDONED, true, false);
      }
    }
    silenceLevel = OPEN;
    lastByteNanos = now;
    times.startChunk(length, now, character);
  }

  private void idle(long now) {
    if (!pending()) {
      return;
    }
    long quiet = now - lastByteNanos;
    if (quiet > rules.abandonNanos()) {
      silenceLevel = ABANDONED;
      startPhase(ABANDONED, false, true);
    } else if (quiet > rules.endNanos() && silenceLevel == OPEN) {
      silenceLevel = ENDED;
      startPhase(ENDED, false, false);
    }
  }

  private void startPhase(int level, boolean interrupted, boolean flush) {
    phaseActive = true;
    phaseLevel = level;
    phaseInterrupted = interrupted;
    phaseFlush = flush;
  }

  private boolean pending() {
    return times.registered() > 0 || pendingCount > 0 || times.chunkPending();
  }

  /** Scans the registered bytes at a level; true when it set an outcome (frame or drop), false at WAIT/empty. */
  private boolean scan(int level, boolean interrupted) {
    if (frameReady) {
      frameReady = false;
      emitFrame();
      return true;
    }
    while (times.registered() > 0) {
      if (times.head() < garbageUntil) {
        drop(garbageUntil - times.head(), DropReason.GARBAGE);
        continue;
      }
      int verdict = evaluate(level);
      if (verdict == WAIT) {
        return false;
      }
      if (verdict == FRAME) {
        if (flush()) {
          frameReady = true;
        } else {
          emitFrame();
        }
        return true;
      }
      drop(1, interrupted ? DropReason.INCOMPLETE : candidateReason);
    }
    times.reset();
    garbageUntil = 0;
    return false;
  }

  /** The absolute index in the input of the byte at times index {@code i}. */
  private int at(int i) {
    return in.position() + (i - times.head());
  }

  private int u8(int i) {
    return Byte.toUnsignedInt(in.get(at(i)));
  }

  private void consume(int count) {
    in.position(in.position() + count);
    times.consume(count);
  }

  private void drop(int count, DropReason reason) {
    if (pendingReason == null) {
      pendingReason = reason;
    }
    pendingCount += count;
    consume(count);
  }

  private boolean flush() {
    if (pendingCount == 0 || pendingReason == null) {
      return false;
    }
    outcome.dropped(pendingReason, pendingCount);
    pendingCount = 0;
    pendingReason = null;
    return true;
  }

  private void emitFrame() {
    int head = times.head();
    int unitId = u8(head);
    int functionCode = u8(head + 1);
    int start = at(head);
    pduView.limit(pduView.capacity()).position(start + 1).limit(start + candidateLength - 2);
    long startNanos = times.at(head);
    long endNanos = times.at(head + candidateLength - 1);
    FrameKind kind = candidateKind;
    consume(candidateLength);
    if (kind == FrameKind.REQUEST && unitId != 0 && !localUnit.test(unitId)) {
      expectation.expect(unitId, functionCode, endNanos + responseTimeoutNanos);
    } else {
      expectation.clear();
    }
    outcome.frame(kind, unitId, pduView, candidateLength, startNanos, endNanos);
  }

  /** Evaluates the candidate frame at the head: WAIT, FRAME (length and kind set) or BAD (reason set). */
  private int evaluate(int level) {
    int available = times.registered();
    // With a full frame's worth of bytes nothing more can change the verdict on a known length.
    boolean decisive = level == ABANDONED || available >= MAX_FRAME;
    boolean closed = level >= ENDED;
    if (available < 2) {
      candidateReason = DropReason.INCOMPLETE;
      return decisive ? BAD : WAIT;
    }
    int head = times.head();
    int unitId = u8(head);
    int functionCode = u8(head + 1);
    boolean responseFirst = expectation.matches(unitId, functionCode, times.at(head));
    FrameKind first = responseFirst ? FrameKind.RESPONSE : FrameKind.REQUEST;
    FrameKind second = responseFirst ? FrameKind.REQUEST : FrameKind.RESPONSE;
    int verdict = evaluate(first, closed, decisive);
    if (verdict != BAD) {
      return verdict;
    }
    DropReason firstReason = candidateReason;
    verdict = evaluate(second, closed, decisive);
    if (verdict == FRAME || (verdict == WAIT && second == FrameKind.REQUEST)) {
      return verdict;
    }
    // An unexpected response only counts when it is complete now: waiting for it would hold up the frame that
    // follows garbage whose first bytes happen to announce a long response.
    candidateReason = firstReason;
    return BAD;
  }

  private int evaluate(FrameKind kind, boolean closed, boolean decisive) {
    int available = times.registered();
    int pduLength = length(kind, times.head() + 1);
    if (pduLength == PduLengths.NEED_MORE) {
      candidateReason = DropReason.INCOMPLETE;
      return decisive ? BAD : WAIT;
    }
    if (pduLength < 1) {
      return evaluateUnknownLength(kind, closed);
    }
    int frameLength = pduLength + 3;
    if (frameLength > MAX_FRAME) {
      candidateReason = DropReason.TOO_LONG;
      return BAD;
    }
    if (frameLength > available) {
      candidateReason = DropReason.INCOMPLETE;
      return decisive ? BAD : WAIT;
    }
    if (ModbusCrc16.matches(in, at(times.head()), frameLength)) {
      candidateKind = kind;
      candidateLength = frameLength;
      return FRAME;
    }
    candidateReason = DropReason.BAD_CRC;
    return BAD;
  }

  /** The PDU length rules applied at times index {@code pduStart}, looking no further than the registered bytes. */
  private int length(FrameKind kind, int pduStart) {
    probe.limit(at(times.tail())).position(at(pduStart));
    return kind == FrameKind.REQUEST ? lengths.requestLength(probe) : lengths.responseLength(probe);
  }

  /**
   * A frame whose length the content does not tell: it ends at the silence, or where a complete valid frame of
   * known length starts (never swallowing one: a CRC that matches over several frames is a coincidence).
   */
  private int evaluateUnknownLength(FrameKind kind, boolean closed) {
    // Often this is line noise (0x00, 0xFF) before a real frame: look for a complete valid frame further on,
    // so that frame is answered now instead of after the silence.
    int head = times.head();
    int next = nextValidFrame(!closed);
    int end = next;
    if (next < 0) {
      if (!closed) {
        // More than a full frame's worth of bytes with no end in sight: longer than any frame. (Exactly 256 may
        // still be a frame of the maximum size that the silence will end.)
        candidateReason = DropReason.TOO_LONG;
        return times.registered() > MAX_FRAME ? BAD : WAIT;
      }
      end = times.tail();
    }
    int length = end - head;
    if (length >= MIN_FRAME && length <= MAX_FRAME && ModbusCrc16.matches(in, at(head), length)) {
      candidateKind = kind;
      candidateLength = length;
      return FRAME;
    }
    if (next >= 0) {
      garbageUntil = next;
    }
    // Garbage before a valid frame counts as a bad frame; a few stray bytes at the end as an incomplete one.
    candidateReason = next < 0 && length < MIN_FRAME ? DropReason.INCOMPLETE : DropReason.GARBAGE;
    return BAD;
  }

  /**
   * The times index of the first complete, CRC-valid frame of known length after the head, or -1. Also -1 when
   * an earlier position could still start a request that has not fully arrived: a long request may carry bytes
   * that form a valid frame by themselves (register values), and skipping to those would lose the real one. Once
   * the frame has ended ({@code blockOnPending} false) nothing more will arrive and such positions are passed over.
   */
  private int nextValidFrame(boolean blockOnPending) {
    int tail = times.tail();
    for (int start = times.head() + 1; start + MIN_FRAME <= tail; start++) {
      int requestLength = length(FrameKind.REQUEST, start + 1);
      if (requestLength == PduLengths.NEED_MORE && blockOnPending) {
        return -1;
      }
      if (requestLength >= 1 && requestLength + 3 <= MAX_FRAME) {
        if (start + requestLength + 3 > tail) {
          if (blockOnPending) {
            return -1;
          }
        } else if (ModbusCrc16.matches(in, at(start), requestLength + 3)) {
          return start;
        }
      }
      int responseLength = length(FrameKind.RESPONSE, start + 1);
      if (responseLength >= 1 && responseLength + 3 <= MAX_FRAME && start + responseLength + 3 <= tail
          && ModbusCrc16.matches(in, at(start), responseLength + 3)) {
        return start;
      }
    }
    return -1;
  }
}
