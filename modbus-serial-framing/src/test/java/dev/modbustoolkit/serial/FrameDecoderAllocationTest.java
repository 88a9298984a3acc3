package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decoders and encoders allocate nothing per frame: the per-thread allocation counter stays flat over many
 * frames (a record per outcome, a PDU copy or a duplicate per call would each show).
 */
class FrameDecoderAllocationTest {
  static final long CHAR = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO).characterNanos();

  private Object threads;
  private Method allocatedBytes;

  private boolean counterAvailable() throws ReflectiveOperationException {
    // Reflection, because the test sources are compiled into the named module, which does not read
    // java.management; at run time the tests are on the class path.
    threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Class<?> counterType = Class.forName("com.sun.management.ThreadMXBean");
    if (!counterType.isInstance(threads)
        || !(Boolean) counterType.getMethod("isThreadAllocatedMemoryEnabled").invoke(threads)) {
      return false;
    }
    allocatedBytes = counterType.getMethod("getThreadAllocatedBytes", long.class);
    return true;
  }

  private long allocated() throws ReflectiveOperationException {
    return (Long) allocatedBytes.invoke(threads, Thread.currentThread().threadId());
  }

  @Test
  void rtuDecodingAndEncodingAllocateNothingPerFrame() throws ReflectiveOperationException {
    assumeTrue(counterAvailable());
    RtuFrameDecoder decoder =
        new RtuFrameDecoder(
            PduLengths.codec(),
            Set.of(1)::contains,
            SilenceRules.of(RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO)),
            1_000_000_000L);
    byte[] request = Bytes.concat(Bytes.rtu("01 03 00 00 00 0A"), Bytes.rtu("01 10 00 00 00 02 04 00 01 00 02"),
        Bytes.hex("FF 00"));
    ByteBuffer in = ByteBuffer.allocate(4096).flip();
    ByteBuffer out = ByteBuffer.allocate(RtuFrameDecoder.MAX_FRAME);
    long sink = rtuRounds(decoder, in, request, out, 2_000); // warm-up
    long before = allocated();
    sink += rtuRounds(decoder, in, request, out, 20_000);
    long used = allocated() - before;
    assertThat(sink).isPositive();
    // 40,000 frames and 20,000 drops: even 8 bytes each would be 480 KB
    assertThat(used).isLessThan(64 * 1024);
  }

  private long now = 1_000_000_000L;

  private long rtuRounds(RtuFrameDecoder decoder, ByteBuffer in, byte[] bytes, ByteBuffer out, int rounds) {
    long total = 0;
    for (int r = 0; r < rounds; r++) {
      in.compact().put(bytes).flip();
      now += bytes.length * CHAR;
      DecodeOutcome o;
      while ((o = decoder.decode(in, now)).kind() != DecodeOutcome.Kind.NEED_MORE) {
        if (o.kind() == DecodeOutcome.Kind.FRAME) {
          out.clear();
          total += RtuFrameEncoder.encode(o.unitId(), o.pdu(), out);
        } else {
          total += o.droppedBytes();
        }
      }
      // the silence decides the trailing garbage
      now += 10_000_000L;
      while ((o = decoder.decode(in, now)).kind() != DecodeOutcome.Kind.NEED_MORE) {
        total += o.droppedBytes();
      }
    }
    return total;
  }

  @Test
  void asciiDecodingAndEncodingAllocateNothingPerFrame() throws ReflectiveOperationException {
    assumeTrue(counterAvailable());
    AsciiFrameDecoder decoder = new AsciiFrameDecoder(Set.of(1)::contains, () -> '\n', 1_000_000_000L,
        1_000_000_000L);
    byte[] text = Bytes.concat(Bytes.ascii("11 03 00 6B 00 03"), Bytes.hex("20 20"), Bytes.ascii("01 06 00 01 00 03"));
    ByteBuffer in = ByteBuffer.allocate(4096).flip();
    byte[] pdu = new byte[253];
    byte[] out = new byte[AsciiFrameEncoder.MAX_FRAME_LENGTH];
    long sink = asciiRounds(decoder, in, text, pdu, out, 2_000);
    long before = allocated();
    sink += asciiRounds(decoder, in, text, pdu, out, 20_000);
    long used = allocated() - before;
    assertThat(sink).isPositive();
    assertThat(used).isLessThan(64 * 1024);
  }

  private long asciiRounds(
      AsciiFrameDecoder decoder, ByteBuffer in, byte[] text, byte[] pdu, byte[] out, int rounds) {
    long total = 0;
    for (int r = 0; r < rounds; r++) {
      in.compact().put(text).flip();
      now += 1_000_000L;
      DecodeOutcome o;
      while ((o = decoder.decode(in, now)).kind() != DecodeOutcome.Kind.NEED_MORE) {
        if (o.kind() == DecodeOutcome.Kind.FRAME) {
          o.copyPdu(pdu, 0);
          total += AsciiFrameEncoder.encode(o.unitId(), pdu, 0, o.pduLength(), out, 0);
        } else {
          total += o.droppedBytes();
        }
      }
    }
    return total;
  }
}
