package dev.modbustoolkit.serial;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * RTU framing by the letter of Modbus over Serial Line V1.02, 2.5.1.1: a frame is the bytes between two silences of
 * at least t3.5, and a silence of more than t1.5 inside it makes it "NOT OK". The decoder therefore decides a frame
 * only once the t3.5 silence after it has passed:
 *
 * <ul>
 *   <li>a frame with a silence over {@link SilenceRules#breakNanos()} (t1.5 + tolerance) between two of its bytes
 *       is dropped whole, the bytes after the gap included ({@link DropReason#INCOMPLETE});
 *   <li>fewer than 4 bytes are dropped as {@link DropReason#TOO_SHORT}, more than 256 as {@link
 *       DropReason#TOO_LONG} (at once, and every byte after them until the silence);
 *   <li>otherwise the CRC over all the bytes decides: a frame, or {@link DropReason#BAD_CRC}.
 * </ul>
 *
 * <p>What this costs against {@link RtuFrameDecoder}, the default: every answer comes t3.5 later (a frame is known
 * to be complete only when the silence after it has passed); two frames without a t3.5 silence between them (a
 * master that does not keep it, a USB adapter that delivers bytes late) are one bad frame; a gap that an adapter
 * puts into a frame breaks it, where the CRC would have shown the bytes good. Use it to check that a master keeps
 * the spec's silences, or where a device must behave exactly as the spec describes. Its frame kind: a frame whose
 * length is a valid response's and not a valid request's, from a unit this side does not serve, is another device's
 * {@link FrameKind#RESPONSE}; every other frame is a {@link FrameKind#REQUEST}.
 *
 * <p>The contract of {@link #decode(ByteBuffer, long)} is {@link RtuFrameDecoder#decode(ByteBuffer, long)}'s: bytes
 * not seen before were received at {@code nowNanos}, the first of {@code n} of them about {@code n} character times
 * earlier; one outcome per call; the position advances over what was decided; the PDU is a view of the input.
 * Allocates nothing per frame. Not thread-safe.
 */
public final class StrictRtuFrameDecoder {
  private final PduLengths lengths;
  private final IntPredicate localUnit;
  private final SilenceRules rules;
  private final DecodeOutcome outcome = new DecodeOutcome();

  private @Nullable ByteBuffer source;
  private ByteBuffer pduView = ByteBuffer.allocate(0);
  private ByteBuffer probe = ByteBuffer.allocate(0);

  /** Bytes of the frame in progress, from the input's position. */
  private int registered;
  private long lastByteNanos;
  private long frameStartNanos;
  /** A gap over t1.5 was seen inside the frame in progress. */
  private boolean broken;
  /** More than a frame's worth arrived without a t3.5 silence: dropped as it comes until there is one. */
  private boolean overlong;

  /**
   * A decoder.
   *
   * @param lengths the PDU length rules, usually {@link PduLengths#codec()}: only to tell another device's response
   *     from a request
   * @param localUnit the unit ids the caller answers for
   * @param rules the silences (t1.5 and t3.5 of the line, plus the tolerance)
   */
  public StrictRtuFrameDecoder(PduLengths lengths, IntPredicate localUnit, SilenceRules rules) {
    this.lengths = Objects.requireNonNull(lengths, "lengths");
    this.localUnit = Objects.requireNonNull(localUnit, "localUnit");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /**
   * The next outcome for the bytes of {@code input} from its position to its limit.
   *
   * @param input the received bytes not consumed yet, followed by any new ones
   * @param nowNanos when the new bytes were received, or the current time when there are none
   * @return this decoder's outcome object, overwritten by the next call
   * @throws IllegalStateException when {@code input} holds fewer bytes than were seen and not consumed before
   */
  public DecodeOutcome decode(ByteBuffer input, long nowNanos) {
    attach(input);
    int fresh = input.remaining() - registered;
    if (fresh < 0) {
      throw new IllegalStateException(
          "the input holds " + input.remaining() + " bytes but " + registered + " were seen and not consumed");
    }
    if (fresh > 0) {
      long character = rules.characterNanos();
      long silence = (nowNanos - (long) (fresh - 1) * character) - character - lastByteNanos;
      if (registered > 0 && silence > rules.endNanos()) {
        // The frame before these bytes ended at a t3.5 silence: decide it first. The new bytes stay unregistered,
        // so the next call (the caller drains until NEED_MORE, with the same time) starts a frame with them.
        return decide(input);
      }
      if (overlong && silence <= rules.endNanos()) {
        lastByteNanos = nowNanos;
        return drop(input, fresh, DropReason.TOO_LONG);
      }
      overlong = false;
      if (registered == 0) {
        broken = false;
        frameStartNanos = nowNanos - (long) (fresh - 1) * character;
      } else if (silence > rules.breakNanos()) {
        broken = true; // spec: a character after t1.5 and before t3.5 makes the frame NOT OK
      }
      lastByteNanos = nowNanos;
      registered += fresh;
      if (registered > RtuFrameDecoder.MAX_FRAME) {
        overlong = true;
        return drop(input, registered, DropReason.TOO_LONG);
      }
    }
    if (registered > 0 && nowNanos - lastByteNanos > rules.endNanos()) {
      return decide(input);
    }
    return outcome.needMore(deadlineNanos());
  }

  /** {@return when a call without new bytes would decide the frame in progress, or {@link Long#MAX_VALUE}} */
  public long deadlineNanos() {
    return registered > 0 ? lastByteNanos + rules.endNanos() + 1 : Long.MAX_VALUE;
  }

  private void attach(ByteBuffer input) {
    if (input != source) {
      source = input;
      pduView = input.asReadOnlyBuffer();
      probe = input.duplicate();
    }
  }

  /** The frame in progress, its silence passed: a frame, or a drop. */
  private DecodeOutcome decide(ByteBuffer input) {
    int n = registered;
    int start = input.position();
    if (broken) {
      return drop(input, n, DropReason.INCOMPLETE);
    }
    if (n < RtuFrameDecoder.MIN_FRAME) {
      return drop(input, n, DropReason.TOO_SHORT);
    }
    if (!ModbusCrc16.matches(input, start, n)) {
      return drop(input, n, DropReason.BAD_CRC);
    }
    int unitId = Byte.toUnsignedInt(input.get(start));
    FrameKind kind = kindOf(input, start, n, unitId);
    pduView.limit(pduView.capacity()).position(start + 1).limit(start + n - 2);
    clear(input, n);
    return outcome.frame(kind, unitId, pduView, n, frameStartNanos, lastByteNanos);
  }

  private FrameKind kindOf(ByteBuffer input, int start, int n, int unitId) {
    if (unitId == 0 || localUnit.test(unitId)) {
      return FrameKind.REQUEST;
    }
    probe.limit(start + n - 2).position(start + 1);
    int pdu = n - 3;
    if (lengths.requestLength(probe) != pdu && lengths.responseLength(probe) == pdu) {
      return FrameKind.RESPONSE;
    }
    return FrameKind.REQUEST;
  }

  private DecodeOutcome drop(ByteBuffer input, int count, DropReason reason) {
    clear(input, count);
    return outcome.dropped(reason, count);
  }

  private void clear(ByteBuffer input, int count) {
    input.position(input.position() + count);
    registered = 0;
    broken = false;
  }
}
