package dev.modbustoolkit.mbap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link MbapFrameDecoder} the way a connection handler does (read, flip, decode until null, compact) and
 * records what came out. Every decode call is checked against the decoder's contract on how far it may move the
 * position; a breach fails the test with an {@link AssertionError}. Any exception other than
 * {@link MbapFrameException} escapes and fails the test as well.
 */
final class StreamDecoding {
  /** Enough for the largest frame, so a full buffer always holds a frame or a bad header. */
  static final int BUFFER_CAPACITY = 512;

  private StreamDecoding() {}

  /** What the decoder produced, in order. */
  sealed interface Event permits FrameEvent, ViolationEvent {}

  /** A decoded frame, detached from the read buffer. */
  record FrameEvent(MbapFrame frame) implements Event {}

  /** A thrown {@link MbapFrameException}, reduced to its comparable fields. */
  record ViolationEvent(
      MbapViolation violation, long offendingValue, int transactionId, int length, int unitId, boolean dropped)
      implements Event {
    static ViolationEvent of(MbapFrameException e) {
      return new ViolationEvent(
          e.violation(), e.offendingValue(), e.transactionId(), e.length(), e.unitId(), e.frameDropped());
    }
  }

  /**
   * The whole run.
   *
   * @param events frames and violations, in stream order
   * @param closed true if a violation forced the connection closed
   * @param leftover bytes still undecoded when the run ended
   */
  record Outcome(List<Event> events, boolean closed, int leftover) {
    List<MbapFrame> frames() {
      return events.stream().filter(FrameEvent.class::isInstance).map(e -> ((FrameEvent) e).frame()).toList();
    }
  }

  /** Decodes everything {@code source} delivers until end of stream or a fatal violation. */
  static Outcome decodeStream(ReadableByteChannel source) {
    MbapFrameDecoder decoder = new MbapFrameDecoder();
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_CAPACITY);
    List<Event> events = new ArrayList<>();
    while (true) {
      int read;
      try {
        read = source.read(buf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      buf.flip();
      boolean closed = drain(decoder, buf, events);
      if (closed || read == -1) {
        return new Outcome(List.copyOf(events), closed, buf.remaining());
      }
      if (read == 0 && buf.remaining() == buf.capacity()) {
        throw new AssertionError("buffer full of " + buf.capacity() + " bytes but no frame and no violation");
      }
      buf.compact();
    }
  }

  /** Decodes one buffer that already holds the whole stream. */
  static Outcome decodeAll(byte[] stream) {
    ByteBuffer buf = ByteBuffer.wrap(stream);
    List<Event> events = new ArrayList<>();
    boolean closed = drain(new MbapFrameDecoder(), buf, events);
    return new Outcome(List.copyOf(events), closed, buf.remaining());
  }

  /** Decodes frames from {@code buf} until it needs more bytes; returns true if the connection must close. */
  private static boolean drain(MbapFrameDecoder decoder, ByteBuffer buf, List<Event> events) {
    while (true) {
      int before = buf.position();
      int limit = buf.limit();
      try {
        MbapFrame frame = decoder.decode(buf);
        check(buf.limit() == limit, "limit moved");
        if (frame == null) {
          check(buf.position() == before, "null result but position moved from " + before + " to " + buf.position());
          return false;
        }
        check(
            buf.position() == before + frame.header().frameLength(),
            "frame of " + frame.header().frameLength() + " bytes but position moved by " + (buf.position() - before));
        check(
            frame.pdu().equals(buf.duplicate().limit(buf.position()).position(before + MbapHeader.HEADER_LENGTH)),
            "frame PDU differs from the consumed bytes");
        events.add(new FrameEvent(frame.detached()));
      } catch (MbapFrameException e) {
        check(buf.limit() == limit, "limit moved");
        int expectedPosition = e.frameDropped() ? before + MbapHeader.HEADER_LENGTH - 1 + e.length() : before;
        check(
            buf.position() == expectedPosition,
            e.violation() + ": position " + buf.position() + ", expected " + expectedPosition);
        events.add(ViolationEvent.of(e));
        if (!e.frameDropped()) {
          return true;
        }
      }
    }
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
