package dev.modbustoolkit.mbap;

import dev.modbustoolkit.bench.BenchmarkBase;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Framing of a pipelined stream: {@value #FRAMES} FC03 requests arrive in one read, as a client that pipelines
 * sends them. Figures are per frame.
 */
@State(Scope.Thread)
public class MbapFramingBenchmark extends BenchmarkBase {

  static final int FRAMES = 16;

  private ByteBuffer stream;
  private ByteBuffer out;
  private final MbapFrameDecoder decoder = new MbapFrameDecoder();
  private final ReadHoldingRegistersRequest request = new ReadHoldingRegistersRequest(0, 10);

  @Setup(Level.Trial)
  public void setUp() {
    stream = ByteBuffer.allocate(FRAMES * 12);
    for (int i = 0; i < FRAMES; i++) {
      MbapFrameEncoder.encode(i, 1, request, stream);
    }
    stream.flip();
    out = ByteBuffer.allocate(MbapHeader.HEADER_LENGTH + 253);
  }

  /** Frames through the decoder's convenience API (a frame record and a PDU slice per frame). */
  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void decodeFrames(Blackhole bh) {
    stream.rewind();
    MbapFrame frame;
    while ((frame = decoder.decode(stream)) != null) {
      bh.consume(frame);
    }
  }

  /** Frames through the allocation-free peek API a server uses. */
  @Benchmark
  @OperationsPerInvocation(FRAMES)
  public void peekFrames(Blackhole bh) {
    stream.rewind();
    int length;
    while ((length = MbapFrameDecoder.frameLength(stream)) > 0) {
      bh.consume(MbapFrameDecoder.transactionId(stream, stream.position()));
      stream.position(stream.position() + length);
    }
  }

  /** Header and PDU written into one reused buffer. */
  @Benchmark
  public int encodeFrame() {
    out.clear();
    return MbapFrameEncoder.encode(7, 1, request, out);
  }
}
