package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.ModbusCrc16;
import dev.modbustoolkit.serial.PduLengths;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * RTU framing: length-aware parsing checked by the CRC, with the spec's silences as the fallback.
 *
 * <p>How a frame is found. The bytes wait in a buffer; at its start the framer asks the PDU length rules how long
 * a request (or, when another device's answer is due, a response) starting there is. As soon as that many bytes
 * are there and the CRC matches, the frame is reported, without waiting for the t3.5 silence: a server answers
 * sooner, and back-to-back frames without silence (common over TCP) still split. A frame whose length cannot be
 * told (user-defined function codes) ends at the t3.5 silence.
 *
 * <p>How it resynchronises. When the CRC does not match, or the bytes cannot start a frame, the framer drops one
 * byte and tries again at the next one, using the same length rules, so a frame that follows garbage or a broken
 * frame in the same buffer is still found. Bytes whose fate depends on more bytes (an incomplete candidate) wait
 * for more bytes or for the end-of-frame silence, after which everything left is decided. Each stretch of dropped
 * bytes is reported once, as one bad frame, whatever number of attempts it took.
 *
 * <p>Silences. Only chunk arrival times are known. The first byte of a chunk of {@code n} bytes received at
 * {@code T} started at about {@code T - n} character times, so the silence before a chunk is that minus the last
 * byte's time; a burst that a USB adapter held back is thus not mistaken for a gap, because its bytes needed that
 * long on the wire. A silence over {@link SilenceRules#endNanos()} (t3.5 + tolerance) ends the frame (on a line
 * it also gives up on an incomplete one; over TCP that waits for {@link SilenceRules#abandonNanos()}, since a
 * segment may just be late); one over
 * {@link SilenceRules#breakNanos()} (t1.5 + tolerance) inside a frame makes it incomplete: the bytes before the
 * gap are dropped (reported as {@link DiscardReason#INCOMPLETE}, together with any bytes after the gap that do
 * not form a frame). Bytes after such a gap are still scanned for a valid frame: with the tolerance the gap
 * estimate is approximate, and the CRC is a better judge than the spec's rule to drop everything until the next
 * t3.5 silence.
 *
 * <p>A frame of unknown length never swallows a complete valid frame of known length that starts inside it: it
 * ends there (a CRC that happens to match across several frames is a coincidence, the length-checked frame is
 * not). Conversely, garbage is only skipped up to a valid frame when no earlier position could still start a
 * request that has not fully arrived, because a long request may carry bytes that form a valid frame by
 * themselves. Both rules make the frames found independent of how the bytes were chunked
 * ({@code RtuFramerProperties}).
 *
 * <p>Multi-drop. After a valid request to a unit this server does not serve, the next frame from that unit is
 * parsed as a response first, so another device's answer is not taken for a request; a frame that only parses as
 * a response (valid CRC with the response length) is reported as one, whoever sent it. Such an unexpected
 * response is only recognised when it is already complete once its request reading has failed (the framer does
 * not wait for it); otherwise its bytes are dropped like garbage.
 */
public final class RtuFramer implements SerialFramer {
  /** The largest RTU frame: address, 253-byte PDU, CRC. */
  public static final int MAX_FRAME = 256;
  /** The smallest RTU frame: address, function code, CRC. */
  public static final int MIN_FRAME = 4;

  private static final int CAPACITY = 4 * MAX_FRAME;
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
  private final FramerListener listener;

  private final byte[] buf = new byte[CAPACITY];
  // Estimated arrival time of each buffered byte, to time frame ends and expectations.
  private final long[] times = new long[CAPACITY];
  private final ByteBuffer view = ByteBuffer.wrap(buf);
  private final ResponseExpectation expectation = new ResponseExpectation();
  private int head;
  private int tail;
  private boolean receivedAny;
  private long lastByteNanos;
  private int silenceLevel = OPEN;
  // The stretch of dropped bytes not reported yet: one event per stretch.
  private int pendingCount;
  private @Nullable DiscardReason pendingReason;
  // Bytes before this index are known garbage (found by looking ahead): drop them without more parsing.
  private int garbageUntil;

  // The outcome of the last candidate evaluation.
  private int candidateLength;
  private FrameKind candidateKind = FrameKind.REQUEST;
  private DiscardReason candidateReason = DiscardReason.BAD_CHECKSUM;

  /**
   * A framer.
   *
   * @param lengths the PDU length rules
   * @param localUnit the unit ids this server answers for (others are other devices on the bus)
   * @param rules the silences
   * @param responseTimeoutNanos how long after a request to another device its response may come
   * @param listener receives frames and discards
   */
  public RtuFramer(
      PduLengths lengths,
      IntPredicate localUnit,
      SilenceRules rules,
      long responseTimeoutNanos,
      FramerListener listener) {
    this.lengths = Objects.requireNonNull(lengths, "lengths");
    this.localUnit = Objects.requireNonNull(localUnit, "localUnit");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (responseTimeoutNanos <= 0) {
      throw new IllegalArgumentException("response timeout " + responseTimeoutNanos + " must be positive");
    }
    this.responseTimeoutNanos = responseTimeoutNanos;
  }

  @Override
  public void receive(byte[] bytes, int offset, int length, long receivedNanos) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return;
    }
    long character = rules.characterNanos();
    long firstByteEnd = receivedNanos - (length - 1) * character;
    if (receivedAny) {
      long silence = firstByteEnd - character - lastByteNanos;
      if (silence > rules.abandonNanos()) {
        closeAll(false);
      } else if (silence > rules.endNanos()) {
        scan(ENDED, false);
      } else if (silence > rules.breakNanos() && tail > head) {
        closeAll(true);
      }
    }
    silenceLevel = OPEN;
    long previous = receivedAny ? lastByteNanos : Long.MIN_VALUE;
    receivedAny = true;
    lastByteNanos = receivedNanos;
    int done = 0;
    while (done < length) {
      makeRoom();
      int n = Math.min(length - done, CAPACITY - tail);
      System.arraycopy(bytes, offset + done, buf, tail, n);
      for (int k = 0; k < n; k++) {
        long estimate = receivedNanos - (length - 1 - (done + k)) * character;
        // Faster-than-line delivery (pty, TCP) would put bytes before their predecessors.
        previous = Math.max(previous, estimate);
        times[tail + k] = previous;
      }
      tail += n;
      done += n;
      scan(OPEN, false);
    }
  }

  @Override
  public void idle(long nowNanos) {
    if (!pending()) {
      return;
    }
    long quiet = nowNanos - lastByteNanos;
    if (quiet > rules.abandonNanos()) {
      closeAll(false);
    } else if (quiet > rules.endNanos() && silenceLevel == OPEN) {
      silenceLevel = ENDED;
      scan(ENDED, false);
    }
  }

  @Override
  public long idleDeadlineNanos() {
    if (!pending()) {
      return Long.MAX_VALUE;
    }
    long after = silenceLevel == OPEN ? rules.endNanos() : rules.abandonNanos();
    return lastByteNanos + after + 1;
  }

  private boolean pending() {
    return tail > head || pendingCount > 0;
  }

  /** Decides every buffered byte, as the frame in progress has ended (or broke, when {@code interrupted}). */
  private void closeAll(boolean interrupted) {
    silenceLevel = ABANDONED;
    scan(ABANDONED, interrupted);
    if (!interrupted) {
      flushDiscarded();
    }
  }

  private void makeRoom() {
    if (tail < CAPACITY) {
      return;
    }
    int live = tail - head;
    System.arraycopy(buf, head, buf, 0, live);
    System.arraycopy(times, head, times, 0, live);
    garbageUntil = Math.max(0, garbageUntil - head);
    head = 0;
    tail = live;
  }

  private void scan(int level, boolean interrupted) {
    while (tail > head) {
      if (head < garbageUntil) {
        drop(garbageUntil - head, DiscardReason.BAD_CHECKSUM);
        continue;
      }
      int outcome = evaluate(level);
      if (outcome == WAIT) {
        return;
      }
      if (outcome == FRAME) {
        emitFrame();
      } else {
        drop(1, interrupted ? DiscardReason.INCOMPLETE : candidateReason);
      }
    }
    if (tail == head) {
      head = 0;
      tail = 0;
      garbageUntil = 0;
    }
  }

  private void drop(int count, DiscardReason reason) {
    if (pendingReason == null) {
      pendingReason = reason;
    }
    pendingCount += count;
    head += count;
  }

  private void flushDiscarded() {
    if (pendingCount > 0 && pendingReason != null) {
      int count = pendingCount;
      DiscardReason reason = pendingReason;
      pendingCount = 0;
      pendingReason = null;
      listener.onEvent(new FramerEvent.Discarded(count, reason));
    }
  }

  private void emitFrame() {
    flushDiscarded();
    int unitId = Byte.toUnsignedInt(buf[head]);
    int pduLength = candidateLength - 3;
    byte[] pdu = new byte[pduLength];
    System.arraycopy(buf, head + 1, pdu, 0, pduLength);
    long start = times[head];
    long end = times[head + candidateLength - 1];
    FrameKind kind = candidateKind;
    head += candidateLength;
    if (kind == FrameKind.REQUEST && unitId != 0 && !localUnit.test(unitId)) {
      expectation.expect(unitId, Byte.toUnsignedInt(pdu[0]), end + responseTimeoutNanos);
    } else {
      expectation.clear();
    }
    listener.onEvent(new FramerEvent.Frame(kind, unitId, pdu, start, end));
  }

  /** Evaluates the candidate frame at {@code head}: WAIT, FRAME (length and kind set) or BAD (reason set). */
  private int evaluate(int level) {
    int available = tail - head;
    // With a full frame's worth of bytes nothing more can change the verdict on a known length.
    boolean decisive = level == ABANDONED || available >= MAX_FRAME;
    boolean closed = level >= ENDED;
    if (available < 2) {
      candidateReason = DiscardReason.INCOMPLETE;
      return decisive ? BAD : WAIT;
    }
    int unitId = Byte.toUnsignedInt(buf[head]);
    int functionCode = Byte.toUnsignedInt(buf[head + 1]);
    boolean responseFirst = expectation.matches(unitId, functionCode, times[head]);
    FrameKind first = responseFirst ? FrameKind.RESPONSE : FrameKind.REQUEST;
    FrameKind second = responseFirst ? FrameKind.REQUEST : FrameKind.RESPONSE;
    int outcome = evaluate(first, closed, decisive);
    if (outcome != BAD) {
      return outcome;
    }
    DiscardReason firstReason = candidateReason;
    outcome = evaluate(second, closed, decisive);
    if (outcome == FRAME || (outcome == WAIT && second == FrameKind.REQUEST)) {
      return outcome;
    }
    // An unexpected response only counts when it is complete now: waiting for it would hold up the frame that
    // follows garbage whose first bytes happen to announce a long response.
    candidateReason = firstReason;
    return BAD;
  }

  private int evaluate(FrameKind kind, boolean closed, boolean decisive) {
    int available = tail - head;
    view.limit(tail).position(head + 1);
    int pduLength =
        kind == FrameKind.REQUEST ? lengths.requestLength(view) : lengths.responseLength(view);
    if (pduLength == PduLengths.NEED_MORE) {
      candidateReason = DiscardReason.INCOMPLETE;
      return decisive ? BAD : WAIT;
    }
    if (pduLength < 1) {
      return evaluateUnknownLength(kind, closed);
    }
    int frameLength = pduLength + 3;
    if (frameLength > MAX_FRAME) {
      candidateReason = DiscardReason.BAD_CHECKSUM;
      return BAD;
    }
    if (frameLength > available) {
      candidateReason = DiscardReason.INCOMPLETE;
      return decisive ? BAD : WAIT;
    }
    return checkCrc(kind, frameLength);
  }

  /**
   * A frame whose length the content does not tell: it ends at the silence, or where a complete valid frame of
   * known length starts (never swallowing one: a CRC that matches over several frames is a coincidence).
   */
  private int evaluateUnknownLength(FrameKind kind, boolean closed) {
    // Often this is line noise (0x00, 0xFF) before a real frame: look for a complete valid frame further on,
    // so that frame is answered now instead of after the silence.
    int next = nextValidFrame(!closed);
    int end = next;
    if (next < 0) {
      if (!closed) {
        candidateReason = DiscardReason.BAD_CHECKSUM;
        return tail - head >= MAX_FRAME ? BAD : WAIT;
      }
      end = tail;
    }
    int length = end - head;
    if (length >= MIN_FRAME && length <= MAX_FRAME && ModbusCrc16.matches(buf, head, length)) {
      candidateKind = kind;
      candidateLength = length;
      return FRAME;
    }
    if (next >= 0) {
      garbageUntil = next;
    }
    // Garbage before a valid frame counts as a bad frame; a few stray bytes at the end as an incomplete one.
    candidateReason =
        next < 0 && length < MIN_FRAME ? DiscardReason.INCOMPLETE : DiscardReason.BAD_CHECKSUM;
    return BAD;
  }

  /**
   * The start of the first complete, CRC-valid frame of known length after {@code head}, or -1. Also -1 when an
   * earlier position could still start a request that has not fully arrived: a long request may carry bytes that
   * form a valid frame by themselves (register values), and skipping to those would lose the real one. Once the
   * frame has ended ({@code blockOnPending} false) nothing more will arrive and such positions are passed over.
   */
  private int nextValidFrame(boolean blockOnPending) {
    for (int start = head + 1; start + MIN_FRAME <= tail; start++) {
      view.limit(tail).position(start + 1);
      int requestLength = lengths.requestLength(view);
      if (requestLength == PduLengths.NEED_MORE && blockOnPending) {
        return -1;
      }
      if (requestLength >= 1 && requestLength + 3 <= MAX_FRAME) {
        if (start + requestLength + 3 > tail) {
          if (blockOnPending) {
            return -1;
          }
        } else if (ModbusCrc16.matches(buf, start, requestLength + 3)) {
          return start;
        }
      }
      view.limit(tail).position(start + 1);
      int responseLength = lengths.responseLength(view);
      if (responseLength >= 1 && responseLength + 3 <= MAX_FRAME && start + responseLength + 3 <= tail
          && ModbusCrc16.matches(buf, start, responseLength + 3)) {
        return start;
      }
    }
    return -1;
  }

  private int checkCrc(FrameKind kind, int frameLength) {
    if (ModbusCrc16.matches(buf, head, frameLength)) {
      candidateKind = kind;
      candidateLength = frameLength;
      return FRAME;
    }
    candidateReason = DiscardReason.BAD_CHECKSUM;
    return BAD;
  }
}
