package dev.modbustoolkit.serial;

import dev.modbustoolkit.serial.internal.ResponseExpectation;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * ASCII framing (spec section 2.5.2), pull-style: a frame starts with ':', carries the address, PDU and LRC as
 * pairs of hex characters and ends with CR and the input delimiter (LF unless Diagnostics 08/03 changed it). A ':'
 * always starts a new frame, dropping an unfinished one; characters outside a frame are noise; a gap longer than
 * the inter-character timeout (1 s by default) inside a frame drops it. Lower-case hex digits are accepted.
 *
 * <p>{@link #decode(ByteBuffer, long)} works as {@link RtuFrameDecoder#decode(ByteBuffer, long)}: new bytes count
 * as received at {@code nowNanos}, a call without new bytes says nothing arrived until then, one outcome per call
 * in bus order, the position advances only over what was decided (a frame, a drop), never over part of a pending
 * frame; the unconsumed bytes may be compacted or moved between calls. The buffer must hold at least {@link
 * #MAX_FRAME_CHARACTERS} bytes plus one read. The characters already examined are remembered, so each is parsed
 * once however the stream is chunked.
 *
 * <p>The outcome is this decoder's one {@link DecodeOutcome} (no allocation per frame). Since the wire carries hex
 * text, the PDU cannot be a view of the caller's buffer: it is a view of the decoder's own buffer of decoded bytes,
 * filled while the characters are parsed, valid until the next call.
 *
 * <p>Noise (characters outside a frame) is returned as one {@link DropReason#NOISE} drop when a ':' ends it, when
 * the line has been quiet for the inter-character timeout, or when {@link #MAX_FRAME_CHARACTERS} of it have
 * accumulated; so the drops, too, do not depend on the chunking.
 *
 * <p>ASCII frames delimit themselves, so telling requests from responses only matters for counting: after a
 * request to a unit {@code localUnit} does not accept, that unit's next frame with the same function code is taken
 * as its response.
 *
 * <p>Not thread-safe: one thread decodes one line.
 */
public final class AsciiFrameDecoder {
  /** The longest frame: ':' + 2 x (1 + 253 + 1) hex characters + CR LF. */
  public static final int MAX_FRAME_CHARACTERS = 513;

  private static final int MAX_HEX_DIGITS = 2 * (1 + 253 + 1);
  private static final int START = ':';
  private static final int CR = '\r';

  private final IntPredicate localUnit;
  private final IntSupplier delimiter;
  private final long characterTimeoutNanos;
  private final long responseTimeoutNanos;
  private final ResponseExpectation expectation = new ResponseExpectation();
  private final DecodeOutcome outcome = new DecodeOutcome();
  private final byte[] binary = new byte[MAX_HEX_DIGITS / 2];
  private final ByteBuffer pduView = ByteBuffer.wrap(binary).asReadOnlyBuffer();

  // Characters from the input's position already examined: the frame so far (':' included) or the noise.
  private int examined;
  private boolean inFrame;
  private boolean sawCarriageReturn;
  private int digits;
  private long lastCharacterNanos;
  private long frameStartNanos;

  /**
   * A decoder.
   *
   * @param localUnit the unit ids the caller answers for
   * @param delimiter the current input delimiter (read once per character, so a change applies at once)
   * @param characterTimeoutNanos the longest gap inside a frame
   * @param responseTimeoutNanos how long after a request to another device its response may come
   */
  public AsciiFrameDecoder(
      IntPredicate localUnit, IntSupplier delimiter, long characterTimeoutNanos, long responseTimeoutNanos) {
    this.localUnit = Objects.requireNonNull(localUnit, "localUnit");
    this.delimiter = Objects.requireNonNull(delimiter, "delimiter");
    if (characterTimeoutNanos <= 0 || responseTimeoutNanos <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    this.characterTimeoutNanos = characterTimeoutNanos;
    this.responseTimeoutNanos = responseTimeoutNanos;
  }

  /**
   * The next outcome for the bytes of {@code in} from its position to its limit; see the class comment.
   *
   * @param in the received bytes not consumed yet, followed by any new ones
   * @param nowNanos when the new bytes were received, or the current time when there are none
   * @return this decoder's outcome object, overwritten by the next call
   * @throws IllegalStateException when {@code in} holds fewer bytes than were examined and not consumed before
   */
  public DecodeOutcome decode(ByteBuffer in, long nowNanos) {
    int available = in.remaining();
    if (available < examined) {
      throw new IllegalStateException(
          "the input holds " + available + " bytes but " + examined + " were examined and not consumed");
    }
    if (available > examined) {
      // New characters: what is pending first checks the gap before them.
      if (examined > 0 && nowNanos - lastCharacterNanos > characterTimeoutNanos) {
        return drop(in, examined, inFrame ? DropReason.INCOMPLETE : DropReason.NOISE);
      }
      lastCharacterNanos = nowNanos;
      while (examined < available) {
        DecodeOutcome o = accept(in, Byte.toUnsignedInt(in.get(in.position() + examined)), nowNanos);
        if (o != null) {
          return o;
        }
      }
    }
    if (examined > 0 && nowNanos - lastCharacterNanos > characterTimeoutNanos) {
      return drop(in, examined, inFrame ? DropReason.INCOMPLETE : DropReason.NOISE);
    }
    return outcome.needMore(deadlineNanos());
  }

  /** {@return when a call without new bytes would drop what is pending, or {@link Long#MAX_VALUE}} */
  public long deadlineNanos() {
    return examined > 0 ? lastCharacterNanos + characterTimeoutNanos + 1 : Long.MAX_VALUE;
  }

  private @Nullable DecodeOutcome accept(ByteBuffer in, int c, long nanos) {
    if (c == START) {
      if (examined > 0) {
        // an unfinished frame, or the noise before this frame
        return drop(in, examined, inFrame ? DropReason.INCOMPLETE : DropReason.NOISE);
      }
      inFrame = true;
      frameStartNanos = nanos;
      sawCarriageReturn = false;
      digits = 0;
      examined = 1;
      return null;
    }
    examined++;
    if (!inFrame) {
      return examined >= MAX_FRAME_CHARACTERS ? drop(in, examined, DropReason.NOISE) : null;
    }
    if (sawCarriageReturn) {
      return c == delimiter.getAsInt() ? complete(in, nanos) : drop(in, examined, DropReason.MISSING_DELIMITER);
    }
    if (c == CR) {
      sawCarriageReturn = true;
      return null;
    }
    int value = Character.digit(c, 16);
    if (value < 0) {
      return drop(in, examined, DropReason.BAD_HEX);
    }
    if (digits == MAX_HEX_DIGITS) {
      return drop(in, examined, DropReason.TOO_LONG);
    }
    if ((digits & 1) == 0) {
      binary[digits >> 1] = (byte) (value << 4);
    } else {
      binary[digits >> 1] |= (byte) value;
    }
    digits++;
    return null;
  }

  private DecodeOutcome complete(ByteBuffer in, long endNanos) {
    int length = digits / 2;
    if ((digits & 1) != 0) {
      return drop(in, examined, DropReason.BAD_HEX);
    }
    if (length < 3) {
      return drop(in, examined, DropReason.TOO_SHORT);
    }
    if (!ModbusLrc.matches(binary, 0, length)) {
      return drop(in, examined, DropReason.BAD_LRC);
    }
    int unitId = Byte.toUnsignedInt(binary[0]);
    int functionCode = Byte.toUnsignedInt(binary[1]);
    FrameKind kind =
        expectation.matches(unitId, functionCode, endNanos) ? FrameKind.RESPONSE : FrameKind.REQUEST;
    if (kind == FrameKind.REQUEST && unitId != 0 && !localUnit.test(unitId)) {
      expectation.expect(unitId, functionCode, endNanos + responseTimeoutNanos);
    } else {
      expectation.clear();
    }
    pduView.limit(length - 1).position(1);
    int consumed = examined;
    consume(in, consumed);
    return outcome.frame(kind, unitId, pduView, consumed, frameStartNanos, endNanos);
  }

  private DecodeOutcome drop(ByteBuffer in, int count, DropReason reason) {
    consume(in, count);
    return outcome.dropped(reason, count);
  }

  private void consume(ByteBuffer in, int count) {
    in.position(in.position() + count);
    examined -= count;
    inFrame = false;
  }
}
