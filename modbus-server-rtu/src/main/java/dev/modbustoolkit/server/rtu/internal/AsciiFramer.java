package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.ModbusLrc;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;

/**
 * ASCII framing (spec section 2.5.2): a frame starts with ':', carries the address, PDU and LRC as pairs of hex
 * characters and ends with CR and the input delimiter (LF unless Diagnostics 08/03 changed it). A ':' always
 * starts a new frame, dropping an unfinished one; characters outside a frame are ignored; a gap longer than the
 * inter-character timeout (1 s by default) inside a frame drops it. Lower-case hex digits are accepted.
 *
 * <p>ASCII frames delimit themselves, so telling requests from responses only matters for counting: after a
 * request to another unit, that unit's next frame with the same function code is taken as its response.
 */
public final class AsciiFramer implements SerialFramer {
  /** The longest frame: ':' + 2 x (1 + 253 + 1) hex characters + CR LF. */
  public static final int MAX_FRAME_CHARACTERS = 513;

  private static final int MAX_HEX_DIGITS = 2 * (1 + 253 + 1);
  private static final int START = ':';
  private static final int CR = '\r';

  private final IntPredicate localUnit;
  private final IntSupplier delimiter;
  private final long characterTimeoutNanos;
  private final long responseTimeoutNanos;
  private final FramerListener listener;
  private final ResponseExpectation expectation = new ResponseExpectation();

  private final byte[] binary = new byte[MAX_HEX_DIGITS / 2];
  private boolean inFrame;
  private boolean sawCarriageReturn;
  private int digits;
  private int frameCharacters;
  private int noise;
  private long lastCharacterNanos;
  private long frameStartNanos;

  /**
   * A framer.
   *
   * @param localUnit the unit ids this server answers for
   * @param delimiter the current input delimiter (read once per character, so a change applies at once)
   * @param characterTimeoutNanos the longest gap inside a frame
   * @param responseTimeoutNanos how long after a request to another device its response may come
   * @param listener receives frames and discards
   */
  public AsciiFramer(
      IntPredicate localUnit,
      IntSupplier delimiter,
      long characterTimeoutNanos,
      long responseTimeoutNanos,
      FramerListener listener) {
    this.localUnit = Objects.requireNonNull(localUnit, "localUnit");
    this.delimiter = Objects.requireNonNull(delimiter, "delimiter");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (characterTimeoutNanos <= 0 || responseTimeoutNanos <= 0) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    this.characterTimeoutNanos = characterTimeoutNanos;
    this.responseTimeoutNanos = responseTimeoutNanos;
  }

  @Override
  public void receive(byte[] bytes, int offset, int length, long receivedNanos) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length == 0) {
      return;
    }
    idle(receivedNanos);
    for (int i = offset; i < offset + length; i++) {
      accept(Byte.toUnsignedInt(bytes[i]), receivedNanos);
    }
    lastCharacterNanos = receivedNanos;
    // Noise is reported when it stops, as one stretch, not per character.
    if (inFrame) {
      flushNoise();
    }
  }

  @Override
  public void idle(long nowNanos) {
    if (inFrame && nowNanos - lastCharacterNanos > characterTimeoutNanos) {
      drop(DiscardReason.INCOMPLETE);
    }
    if (!inFrame) {
      flushNoise();
    }
  }

  @Override
  public long idleDeadlineNanos() {
    return inFrame ? lastCharacterNanos + characterTimeoutNanos + 1 : Long.MAX_VALUE;
  }

  private void accept(int c, long nanos) {
    if (c == START) {
      if (inFrame) {
        drop(DiscardReason.INCOMPLETE);
      }
      flushNoise();
      inFrame = true;
      frameStartNanos = nanos;
      sawCarriageReturn = false;
      digits = 0;
      frameCharacters = 1;
      return;
    }
    if (!inFrame) {
      noise++;
      return;
    }
    frameCharacters++;
    if (sawCarriageReturn) {
      if (c == delimiter.getAsInt()) {
        complete(nanos);
      } else {
        drop(DiscardReason.MALFORMED);
      }
      return;
    }
    if (c == CR) {
      sawCarriageReturn = true;
      return;
    }
    int value = Character.digit(c, 16);
    if (value < 0 || digits == MAX_HEX_DIGITS) {
      drop(DiscardReason.MALFORMED);
      return;
    }
    if ((digits & 1) == 0) {
      binary[digits >> 1] = (byte) (value << 4);
    } else {
      binary[digits >> 1] |= (byte) value;
    }
    digits++;
  }

  private void complete(long endNanos) {
    inFrame = false;
    int length = digits / 2;
    if ((digits & 1) != 0 || length < 3) {
      listener.onEvent(new FramerEvent.Discarded(frameCharacters, DiscardReason.MALFORMED));
      return;
    }
    if (!ModbusLrc.matches(binary, 0, length)) {
      listener.onEvent(new FramerEvent.Discarded(frameCharacters, DiscardReason.BAD_CHECKSUM));
      return;
    }
    int unitId = Byte.toUnsignedInt(binary[0]);
    int functionCode = Byte.toUnsignedInt(binary[1]);
    byte[] pdu = new byte[length - 2];
    System.arraycopy(binary, 1, pdu, 0, pdu.length);
    FrameKind kind =
        expectation.matches(unitId, functionCode, endNanos) ? FrameKind.RESPONSE : FrameKind.REQUEST;
    if (kind == FrameKind.REQUEST && unitId != 0 && !localUnit.test(unitId)) {
      expectation.expect(unitId, functionCode, endNanos + responseTimeoutNanos);
    } else {
      expectation.clear();
    }
    listener.onEvent(new FramerEvent.Frame(kind, unitId, pdu, frameStartNanos, endNanos));
  }

  private void drop(DiscardReason reason) {
    inFrame = false;
    listener.onEvent(new FramerEvent.Discarded(frameCharacters, reason));
  }

  private void flushNoise() {
    if (noise > 0) {
      int count = noise;
      noise = 0;
      listener.onEvent(new FramerEvent.Discarded(count, DiscardReason.NOISE));
    }
  }
}
