package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.serial.SerialArbitraries.BusFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The ASCII decoder on frames of every function code with noise between them: any split of the stream, down to
 * one character at a time, decodes the same; arbitrary bytes never make it throw and are all decided after the
 * timeout.
 */
class AsciiFrameDecoderProperties {
  static final long SECOND = 1_000_000_000L;
  static final long START = 5 * SECOND;

  @Provide
  Arbitrary<List<BusFrame>> traffic() {
    return SerialArbitraries.traffic(6);
  }

  @Provide
  Arbitrary<List<Integer>> splitSeeds() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(60);
  }

  /** Characters that are not ':' (noise between frames). */
  @Provide
  Arbitrary<List<byte[]>> noise() {
    return Arbitraries.bytes().filter(b -> b != ':').array(byte[].class).ofMaxSize(8).list().ofMaxSize(6);
  }

  @Property(tries = 300)
  void anySplitDecodesTheSameAndEveryFrameIsFound(
      @ForAll("traffic") List<BusFrame> traffic,
      @ForAll("noise") List<byte[]> noise,
      @ForAll("splitSeeds") List<Integer> splitSeeds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < traffic.size(); i++) {
      BusFrame f = traffic.get(i);
      byte[] frame = new byte[AsciiFrameEncoder.frameLength(f.pdu().length)];
      AsciiFrameEncoder.encode(f.unitId(), f.pdu(), 0, f.pdu().length, frame, 0);
      out.writeBytes(frame);
      if (i < noise.size()) {
        out.writeBytes(noise.get(i));
      }
    }
    byte[] stream = out.toByteArray();
    List<String> whole = decode(stream, List.of());
    assertThat(decode(stream, splitSeeds)).isEqualTo(whole);
    TreeSet<Integer> every = new TreeSet<>();
    for (int i = 0; i < stream.length; i++) {
      every.add(i);
    }
    assertThat(decode(stream, List.copyOf(every))).isEqualTo(whole);
    assertThat(whole.stream().filter(s -> !s.startsWith("DROPPED")).toList())
        .isEqualTo(traffic.stream().map(BusFrame::summary).toList());
  }

  @Property(tries = 500)
  void arbitraryBytesNeverThrowAndAreAllDecidedAfterTheTimeout(
      @ForAll @Size(max = 1200) byte[] bytes, @ForAll("splitSeeds") List<Integer> splitSeeds) {
    AsciiFrameDecoder decoder = new AsciiFrameDecoder(SerialArbitraries.LOCAL_UNITS::contains, () -> '\n',
        SECOND, SECOND);
    DecoderDriver driver = new DecoderDriver(decoder::decode, ByteBuffer.allocateDirect(4096));
    feed(driver, bytes, splitSeeds);
    driver.idle(START + 3 * SECOND);
    assertThat(driver.unconsumed()).isZero();
    assertThat(driver.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
  }

  /** Arbitrary bytes mixed with ':' and hex digits, so that frame starts and frame bodies occur. */
  @Property(tries = 300)
  void hexLikeBytesSplitAnyWayDecodeTheSame(
      @ForAll("hexLike") byte[] bytes, @ForAll("splitSeeds") List<Integer> splitSeeds) {
    assertThat(decode(bytes, splitSeeds)).isEqualTo(decode(bytes, List.of()));
  }

  @Provide
  Arbitrary<byte[]> hexLike() {
    return Arbitraries.of((byte) ':', (byte) '0', (byte) '1', (byte) 'A', (byte) 'f', (byte) '\r', (byte) '\n',
            (byte) 'G', (byte) 0x80)
        .array(byte[].class).ofMaxSize(300);
  }

  private static void feed(DecoderDriver driver, byte[] stream, List<Integer> splitSeeds) {
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int seed : splitSeeds) {
      cuts.add(stream.length == 0 ? 0 : seed % stream.length);
    }
    cuts.add(stream.length);
    int from = 0;
    for (int to : cuts) {
      if (to > from) {
        // gaps well inside the 1 s timeout
        driver.receive(stream, from, to - from, START + to * 1_000L);
        from = to;
      }
    }
  }

  static List<String> decode(byte[] stream, List<Integer> splitSeeds) {
    AsciiFrameDecoder decoder =
        new AsciiFrameDecoder(SerialArbitraries.LOCAL_UNITS::contains, () -> '\n', SECOND, 1000 * SECOND);
    DecoderDriver driver = new DecoderDriver(decoder::decode);
    feed(driver, stream, splitSeeds);
    driver.idle(START + 3 * SECOND);
    assertThat(driver.unconsumed()).isZero();
    return driver.summaries();
  }
}
