package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Drives a pull-style decoder the way a read loop does: appends each chunk to one input buffer (compacting it
 * first, as a caller would), then decodes until {@code NEED_MORE}; records every outcome as an immutable event.
 */
final class DecoderDriver {
  /** Either decoder. */
  @FunctionalInterface
  interface Decoder {
    DecodeOutcome decode(ByteBuffer in, long nowNanos);
  }

  /** A recorded outcome. */
  sealed interface Event {}

  /** A frame, with a copy of its PDU. */
  record Frame(FrameKind kind, int unitId, byte[] pdu, long startNanos, long endNanos) implements Event {
    @Override
    public boolean equals(Object o) {
      return o instanceof Frame f && f.kind == kind && f.unitId == unitId && Arrays.equals(f.pdu, pdu)
          && f.startNanos == startNanos && f.endNanos == endNanos;
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, unitId, Arrays.hashCode(pdu), startNanos, endNanos);
    }

    int pduLength() {
      return pdu.length;
    }

    @Override
    public String toString() {
      return kind + " " + unitId + " " + Bytes.hex(pdu);
    }
  }

  /** A drop. */
  record Dropped(int byteCount, DropReason reason) implements Event {}

  final List<Event> events = new ArrayList<>();
  private final Decoder decoder;
  private final ByteBuffer buffer;
  private long deadline = Long.MAX_VALUE;

  DecoderDriver(Decoder decoder) {
    this(decoder, ByteBuffer.allocate(16 * 1024));
  }

  DecoderDriver(Decoder decoder, ByteBuffer buffer) {
    this.decoder = decoder;
    this.buffer = buffer.flip();
  }

  /** Bytes received together at {@code receivedNanos}. */
  void receive(byte[] bytes, int offset, int length, long receivedNanos) {
    buffer.compact();
    buffer.put(bytes, offset, length);
    buffer.flip();
    drain(receivedNanos);
  }

  void receive(byte[] bytes, long receivedNanos) {
    receive(bytes, 0, bytes.length, receivedNanos);
  }

  /** Nothing arrived until {@code nowNanos}. */
  void idle(long nowNanos) {
    drain(nowNanos);
  }

  /** The deadline of the last {@code NEED_MORE}. */
  long deadlineNanos() {
    return deadline;
  }

  /** Bytes the caller still holds for the decoder. */
  int unconsumed() {
    return buffer.remaining();
  }

  private void drain(long now) {
    for (int guard = 0; guard < 100_000; guard++) {
      int before = buffer.position();
      DecodeOutcome o = decoder.decode(buffer, now);
      switch (o.kind()) {
        case NEED_MORE -> {
          deadline = o.deadlineNanos();
          return;
        }
        case FRAME -> {
          assertThat(o.pduLength()).isBetween(1, 253);
          byte[] pdu = new byte[o.pduLength()];
          o.copyPdu(pdu, 0);
          assertThat(buffer.position() - before).isEqualTo(o.consumedBytes());
          events.add(new Frame(o.frameKind(), o.unitId(), pdu, o.frameStartNanos(), o.frameEndNanos()));
        }
        case DROPPED -> {
          assertThat(o.droppedBytes()).isPositive();
          events.add(new Dropped(o.droppedBytes(), o.dropReason()));
        }
      }
    }
    throw new AssertionError("the decoder never said NEED_MORE");
  }

  List<Frame> frames() {
    return events.stream().filter(Frame.class::isInstance).map(Frame.class::cast).toList();
  }

  List<Dropped> discards() {
    return events.stream().filter(Dropped.class::isInstance).map(Dropped.class::cast).toList();
  }

  /** The frames as "KIND unit hex-pdu" strings: compact to compare. */
  List<String> frameSummaries() {
    return frames().stream().map(Frame::toString).toList();
  }

  /** Every event as a string: frames as in {@link #frameSummaries()}, drops as "DROPPED count reason". */
  List<String> summaries() {
    return events.stream()
        .map(e -> switch (e) {
          case Frame f -> f.toString();
          case Dropped d -> "DROPPED " + d.byteCount() + " " + d.reason();
        })
        .toList();
  }
}
