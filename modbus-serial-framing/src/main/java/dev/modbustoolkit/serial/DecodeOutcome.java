package dev.modbustoolkit.serial;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * What one call of a serial frame decoder found: a {@link Kind#FRAME frame}, {@link Kind#NEED_MORE "need more"}
 * or a {@link Kind#DROPPED drop}. Switch on {@link #kind()} and read the accessors of that kind.
 *
 * <p>Why a mutable holder and not a sealed family of records: a decoder runs once per frame and once more per
 * "need more", on the reading thread of every line; a record per outcome would be an allocation per frame (escape
 * analysis cannot remove it, since the outcome leaves the decoder). So each decoder owns one {@code DecodeOutcome},
 * overwrites it on every call and returns it: nothing is allocated per frame. The price is that an outcome is
 * valid only until the next call of the same decoder; copy what must outlive it ({@link #copyPdu(byte[], int)}).
 *
 * <p>Not thread-safe, like the decoder that owns it.
 */
public final class DecodeOutcome {
  /** The three kinds of outcome. */
  public enum Kind {
    /**
     * A checked frame: {@link #frameKind()}, {@link #unitId()}, {@link #pdu()}, {@link #frameStartNanos()}, {@link
     * #frameEndNanos()}, {@link #consumedBytes()}. Its bytes were consumed; call again for the next outcome.
     */
    FRAME,
    /**
     * Nothing more can be decided from the bytes there are: read more, or wait until {@link #deadlineNanos()} and
     * call again (a silence then ends or drops the pending frame). Nothing of a pending frame was consumed.
     */
    NEED_MORE,
    /**
     * A stretch of bytes that formed no frame: {@link #dropReason()}, {@link #droppedBytes()}. Call again for the
     * next outcome.
     */
    DROPPED
  }

  private ByteBuffer pdu = ByteBuffer.allocate(0);
  private Kind kind = Kind.NEED_MORE;
  private FrameKind frameKind = FrameKind.REQUEST;
  private int unitId;
  private int consumedBytes;
  private long frameStartNanos;
  private long frameEndNanos;
  private long deadlineNanos = Long.MAX_VALUE;
  private DropReason dropReason = DropReason.GARBAGE;
  private int droppedBytes;

  /** An outcome for one decoder. */
  DecodeOutcome() {}

  /** {@return which kind of outcome this is; the accessors of the other kinds hold stale values} */
  public Kind kind() {
    return kind;
  }

  /**
   * {@link Kind#FRAME}: request or response, as the decoder could tell.
   *
   * @return the {@code FrameKind}
   */
  public FrameKind frameKind() {
    return frameKind;
  }

  /**
   * {@link Kind#FRAME}: the address byte, 0..255 (0 = broadcast).
   *
   * @return the unit id
   */
  public int unitId() {
    return unitId;
  }

  /**
   * {@link Kind#FRAME}: the PDU (function code and data, without address and check bytes) from the view's position
   * to its limit. Not a copy: for RTU it is a view of the caller's input buffer (the PDU's absolute index there is
   * {@link ByteBuffer#position()} of the view), for ASCII of the decoder's buffer of decoded hex. Valid until the
   * next decode call or until the caller overwrites its input; the same view object is reused for every frame.
   *
   * @return the pdu
   */
  public ByteBuffer pdu() {
    return pdu;
  }

  /**
   * {@link Kind#FRAME}: the PDU length, 1..253.
   *
   * @return the pdu length
   */
  public int pduLength() {
    return pdu.remaining();
  }

  /**
   * {@link Kind#FRAME}: the function code byte, 0..255 (with 0x80 set for an exception response).
   *
   * @return the function code
   */
  public int functionCode() {
    return Byte.toUnsignedInt(pdu.get(pdu.position()));
  }

  /**
   * {@link Kind#FRAME}: copies the PDU into {@code out} at {@code offset}, without moving the view.
   *
   * @param out the buffer to write into
   * @param offset where in {@code out} the PDU goes
   */
  public void copyPdu(byte[] out, int offset) {
    pdu.get(pdu.position(), out, offset, pdu.remaining());
  }

  /**
   * {@link Kind#FRAME}: bytes the frame took on the wire (RTU: address, PDU, CRC; ASCII: ':' to the delimiter).
   *
   * @return the consumed bytes
   */
  public int consumedBytes() {
    return consumedBytes;
  }

  /**
   * {@link Kind#FRAME}: when the first byte of the frame arrived (the caller's nanosecond scale).
   *
   * @return the arrival time of the frame's first byte
   */
  public long frameStartNanos() {
    return frameStartNanos;
  }

  /**
   * {@link Kind#FRAME}: when the last byte of the frame arrived, for the turnaround delay.
   *
   * @return the arrival time of the frame's last byte
   */
  public long frameEndNanos() {
    return frameEndNanos;
  }

  /**
   * {@link Kind#NEED_MORE}: when a silence would decide the pending bytes (end a frame of unknown length, drop an
   * incomplete one) if nothing arrives before: call the decoder again then. {@link Long#MAX_VALUE} when nothing
   * is pending.
   *
   * @return the deadline nanos
   */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  /**
   * {@link Kind#DROPPED}: why.
   *
   * @return the drop reason
   */
  public DropReason dropReason() {
    return dropReason;
  }

  /**
   * {@link Kind#DROPPED}: how many bytes were dropped, at least 1.
   *
   * @return the dropped bytes
   */
  public int droppedBytes() {
    return droppedBytes;
  }

  DecodeOutcome frame(
      FrameKind frameKind,
      int unitId,
      ByteBuffer pdu,
      int consumedBytes,
      long frameStartNanos,
      long frameEndNanos) {
    this.kind = Kind.FRAME;
    this.pdu = pdu;
    this.frameKind = frameKind;
    this.unitId = unitId;
    this.consumedBytes = consumedBytes;
    this.frameStartNanos = frameStartNanos;
    this.frameEndNanos = frameEndNanos;
    return this;
  }

  DecodeOutcome needMore(long deadlineNanos) {
    this.kind = Kind.NEED_MORE;
    this.deadlineNanos = deadlineNanos;
    return this;
  }

  DecodeOutcome dropped(DropReason reason, int byteCount) {
    this.kind = Kind.DROPPED;
    this.dropReason = reason;
    this.droppedBytes = byteCount;
    return this;
  }

  /** For logs and tests; allocates. */
  @Override
  public String toString() {
    return switch (kind) {
      case FRAME -> {
        byte[] bytes = new byte[pdu.remaining()];
        copyPdu(bytes, 0);
        yield "FRAME " + frameKind + " unit " + unitId + " pdu " + HexFormat.ofDelimiter(" ").withUpperCase()
            .formatHex(bytes);
      }
      case NEED_MORE -> "NEED_MORE until " + (deadlineNanos == Long.MAX_VALUE ? "more bytes" : deadlineNanos);
      case DROPPED -> "DROPPED " + droppedBytes + " " + dropReason;
    };
  }
}
