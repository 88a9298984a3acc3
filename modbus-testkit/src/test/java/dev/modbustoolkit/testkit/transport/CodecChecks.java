package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Feeding;
import dev.modbustoolkit.testkit.InMemoryLink;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FramingException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** What the codec properties check, the same for every framing. */
final class CodecChecks {
  private CodecChecks() {}

  /** The answers to {@code stream} fed as {@code feeding} to fresh devices. */
  static List<String> answers(Wire wire, byte[] stream, Feeding feeding) throws InterruptedException {
    try (InMemoryLink link = InMemoryLink.of(Devices.create().dispatcher(), wire.codec())) {
      link.feed(stream, feeding);
      return link.answersHex();
    }
  }

  /**
   * Scans {@code bytes} to the end as a link would, in a buffer whose array has {@code offset} bytes of 0xFF
   * before and 16 after the data (so a codec reading outside position..limit is caught): every verdict stays
   * within what is buffered, position and limit never move, a frame's fields can be read. An exception other than
   * a {@link FramingException} (MBAP only) fails the property.
   */
  static void scanWithinBounds(Wire wire, byte[] bytes, int offset) {
    byte[] backing = new byte[offset + bytes.length + 16];
    Arrays.fill(backing, (byte) 0xFF);
    System.arraycopy(bytes, 0, backing, offset, bytes.length);
    ByteBuffer in = ByteBuffer.wrap(backing).slice(offset, bytes.length);
    FrameCodec codec = wire.codec();
    while (in.hasRemaining()) {
      int position = in.position();
      int remaining = in.remaining();
      int verdict;
      try {
        verdict = codec.scan(in);
      } catch (FramingException e) {
        assertThat(wire).as("only MBAP loses frame boundaries").isEqualTo(Wire.MBAP);
        return;
      }
      assertThat(in.position()).as("position after scan").isEqualTo(position);
      assertThat(in.limit()).as("limit after scan").isEqualTo(bytes.length);
      assertThat(Math.abs((long) verdict)).as("verdict %d with %d bytes buffered", verdict, remaining)
          .isLessThanOrEqualTo(remaining);
      if (verdict == FrameCodec.NEED_MORE) {
        return;
      }
      if (verdict > 0) {
        assertThat(codec.unitId(in, position)).isBetween(0, 255);
        assertThat(codec.transactionId(in, position)).isBetween(0, 0xFFFF);
        ByteBuffer pdu = codec.pdu(in, position, verdict);
        assertThat(pdu.remaining()).isPositive().isLessThan(verdict);
      }
      in.position(position + Math.abs(verdict));
    }
  }
}
