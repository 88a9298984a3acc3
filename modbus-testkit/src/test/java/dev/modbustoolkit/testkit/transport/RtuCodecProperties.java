package dev.modbustoolkit.testkit.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Feeding;
import dev.modbustoolkit.testkit.Frames;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The RTU codec and the exchange over a stream, driven by an in-memory link. */
class RtuCodecProperties {
  private static final Wire WIRE = Wire.RTU;

  @Property(tries = 200)
  void anyChunkingAnswersAsTheWholeStreamDoes(
      @ForAll("requests") List<TransportArbitraries.Request> requests, @ForAll("chunks") List<Integer> chunks)
      throws InterruptedException {
    byte[] stream = TransportArbitraries.stream(WIRE, requests);
    // A request fed in pieces may hold a frame that lies inside it by chance (its bytes carry a matching CRC):
    // 01 10 0000 0003 06 0014 01B3 0005 E69B fed one byte at a time holds "00 14 01 B3 00 05", which RtuCodec once
    // served in the request's stead. See RtuCodecTest for that stream.
    List<String> whole = CodecChecks.answers(WIRE, stream, Feeding.WHOLE);
    assertThat(CodecChecks.answers(WIRE, stream, new Feeding.Chunks(chunks))).isEqualTo(whole);
    assertThat(CodecChecks.answers(WIRE, stream, Feeding.ONE_BYTE_AT_A_TIME)).isEqualTo(whole);
    // A bus: only units 1 and 2 answer; a broadcast (0) and other devices' units (3..5) do not.
    assertThat(whole).hasSize((int) requests.stream().filter(r -> r.unitId() == 1 || r.unitId() == 2).count());
  }

  /**
   * Garbage between frames is skipped the same way whatever the chunking: any bytes, broadcasts among the requests.
   * Garbage that starts a function code of unknown length ("1A A9 ...": FC 0xA9) once made RtuCodec take the first
   * CRC match among all bytes buffered as a frame, so a chance match could swallow the next real request when much
   * was buffered and not when the bytes arrived in small reads (found by this property with 4000 tries). See
   * RtuCodecTest for that and for garbage refuted before the frame after it has arrived.
   */
  @Property(tries = 300)
  void garbageBetweenFramesDoesNotDependOnTheChunking(
      @ForAll("requests") List<TransportArbitraries.Request> requests,
      @ForAll("garbage") List<byte[]> garbage,
      @ForAll("chunks") List<Integer> chunks)
      throws InterruptedException {
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      parts.add(garbage.get(i % garbage.size()));
      parts.add(WIRE.frame(0, requests.get(i).unitId(), requests.get(i).pdu()));
    }
    byte[] stream = Frames.concat(parts.toArray(byte[][]::new));
    List<String> whole = CodecChecks.answers(WIRE, stream, Feeding.WHOLE);
    assertThat(CodecChecks.answers(WIRE, stream, new Feeding.Chunks(chunks))).isEqualTo(whole);
    assertThat(CodecChecks.answers(WIRE, stream, Feeding.ONE_BYTE_AT_A_TIME)).isEqualTo(whole);
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
  Arbitrary<List<byte[]>> garbage() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(12).list().ofMinSize(1).ofMaxSize(8);
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
