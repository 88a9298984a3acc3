package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Feeding;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The MBAP codec and the exchange over a stream, driven by an in-memory link. */
class MbapCodecProperties {
  private static final Wire WIRE = Wire.MBAP;

  @Property(tries = 200)
  void anyChunkingAnswersAsTheWholeStreamDoes(
      @ForAll("requests") List<TransportArbitraries.Request> requests, @ForAll("chunks") List<Integer> chunks)
      throws InterruptedException {
    byte[] stream = TransportArbitraries.stream(WIRE, requests);
    List<String> whole = CodecChecks.answers(WIRE, stream, Feeding.WHOLE);
    assertThat(CodecChecks.answers(WIRE, stream, new Feeding.Chunks(chunks))).isEqualTo(whole);
    assertThat(CodecChecks.answers(WIRE, stream, Feeding.ONE_BYTE_AT_A_TIME)).isEqualTo(whole);
    // Every request is answered: units 0 and 1 by device 1, 2 by device 2, the others with exception 0x0B.
    assertThat(whole).hasSize(requests.size());
  }

  @Property(tries = 500)
  void scanStaysWithinTheBufferedBytes(@ForAll("hostile") byte[] bytes, @ForAll @IntRange(max = 9) int offset) {
    CodecChecks.scanWithinBounds(WIRE, bytes, offset);
  }

  @Provide
  Arbitrary<List<TransportArbitraries.Request>> requests() {
    return TransportArbitraries.requests(5);
  }

  @Provide
  Arbitrary<List<Integer>> chunks() {
    return TransportArbitraries.chunkSizes();
  }

  @Provide
  Arbitrary<byte[]> hostile() {
    return TransportArbitraries.hostileBytes(WIRE);
  }
}
