package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.serial.SerialArbitraries.BusFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The RTU decoder on traffic of every public function code (requests and responses built by modbus-pdu's codec
 * from random valid records), broadcasts, exception responses and frames of unknown length (user-defined codes,
 * FC 08): any chunking, down to one byte at a time, yields the same outcomes, and every frame is found. And
 * arbitrary bytes, however chunked and timed, never make the decoder throw, and are all decided after a silence.
 */
class RtuFrameDecoderPduProperties {
  static final RtuTiming TIMING = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO);
  static final long CHAR = TIMING.characterNanos();
  static final long GAP = TIMING.interFrameLimitNanos() + 1;
  static final long START = 1_000_000_000L;

  @Provide
  Arbitrary<List<BusFrame>> traffic() {
    return SerialArbitraries.traffic(6);
  }

  @Provide
  Arbitrary<List<Integer>> splitSeeds() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void anyChunkingOfTrafficOfEveryFunctionCodeYieldsTheSameFramesAndLosesNone(
      @ForAll("traffic") List<BusFrame> traffic, @ForAll("splitSeeds") List<Integer> splitSeeds) {
    Stream stream = Stream.of(traffic);
    List<String> whole = decode(stream, new TreeSet<>());
    assertThat(decode(stream, stream.cuts(splitSeeds))).isEqualTo(whole);
    if (!stream.coincidence) {
      assertThat(whole).isEqualTo(traffic.stream().map(BusFrame::summary).toList());
    }
  }

  @Property(tries = 100)
  void oneByteAtATimeYieldsTheSameFrames(@ForAll("traffic") List<BusFrame> traffic) {
    Stream stream = Stream.of(traffic);
    TreeSet<Integer> every = new TreeSet<>();
    for (int i = 1; i < stream.bytes.length; i++) {
      every.add(i);
    }
    assertThat(decode(stream, every)).isEqualTo(decode(stream, new TreeSet<>()));
  }

  @Property(tries = 500)
  void arbitraryBytesNeverThrowAndAreAllDecidedAfterASilence(
      @ForAll @Size(max = 600) byte[] bytes,
      @ForAll("splitSeeds") List<Integer> splitSeeds,
      @ForAll @IntRange(min = 0, max = 3) int gapScale) {
    RtuFrameDecoder decoder =
        new RtuFrameDecoder(
            PduLengths.codec(), SerialArbitraries.LOCAL_UNITS::contains, SilenceRules.of(TIMING), 1_000_000_000L);
    DecoderDriver driver = new DecoderDriver(decoder::decode, ByteBuffer.allocateDirect(4096));
    long t = START;
    int from = 0;
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int seed : splitSeeds) {
      cuts.add(bytes.length == 0 ? 0 : seed % bytes.length);
    }
    cuts.add(bytes.length);
    int gapIndex = 0;
    for (int to : cuts) {
      if (to > from) {
        // gaps of 0, ~1, ~2 or ~4 character times between chunks: across the t1.5 and t3.5 rules
        t += (to - from) * CHAR + (gapIndex++ % 2) * gapScale * CHAR;
        driver.receive(bytes, from, to - from, t);
        from = to;
      }
    }
    driver.idle(t + GAP);
    assertThat(driver.unconsumed()).isZero();
    assertThat(driver.deadlineNanos()).isEqualTo(Long.MAX_VALUE);
    int decided = 0;
    for (DecoderDriver.Event e : driver.events) {
      decided += switch (e) {
        case DecoderDriver.Frame f -> f.pduLength() + 3;
        case DecoderDriver.Dropped d -> d.byteCount();
      };
    }
    assertThat(decided).isEqualTo(bytes.length);
  }

  /** The traffic as bytes on the line: back to back, with a silence after frames of unknown length. */
  record Stream(byte[] bytes, long[] lastByteTimes, TreeSet<Integer> silences, boolean coincidence) {
    static Stream of(List<BusFrame> traffic) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      List<Long> times = new ArrayList<>();
      TreeSet<Integer> silences = new TreeSet<>();
      boolean coincidence = false;
      long t = START;
      for (BusFrame f : traffic) {
        byte[] frame = new byte[f.pdu().length + 3];
        RtuFrameEncoder.encode(f.unitId(), f.pdu(), 0, f.pdu().length, frame, 0);
        for (byte b : frame) {
          out.write(b);
          t += CHAR;
          times.add(t);
        }
        if (f.needsSilence()) {
          silences.add(out.size());
          t += GAP;
          coincidence |= hidesAFrame(frame);
        }
      }
      long[] stamps = times.stream().mapToLong(Long::longValue).toArray();
      return new Stream(out.toByteArray(), stamps, silences, coincidence);
    }

    /** Chunk boundaries from the seeds, always including the silences (a read never spans one). */
    TreeSet<Integer> cuts(List<Integer> seeds) {
      TreeSet<Integer> cuts = new TreeSet<>(silences);
      for (int seed : seeds) {
        cuts.add(seed % bytes.length);
      }
      return cuts;
    }
  }

  /**
   * Whether a frame of unknown length contains, after its first byte, a complete CRC-valid frame of known length
   * by coincidence (about 1 in 65536 per position): the decoder then rightly ends it there, so the traffic is not
   * what the generator meant. Chunking must still not matter.
   */
  static boolean hidesAFrame(byte[] frame) {
    ByteBuffer buffer = ByteBuffer.wrap(frame);
    for (int start = 1; start + RtuFrameDecoder.MIN_FRAME <= frame.length; start++) {
      buffer.limit(frame.length).position(start + 1);
      for (int length : new int[] {PduLengths.codec().requestLength(buffer), PduLengths.codec().responseLength(buffer)}) {
        if (length >= 1 && start + length + 3 <= frame.length && ModbusCrc16.matches(frame, start, length + 3)) {
          return true;
        }
      }
    }
    return false;
  }

  static List<String> decode(Stream stream, TreeSet<Integer> cuts) {
    RtuFrameDecoder decoder =
        new RtuFrameDecoder(
            PduLengths.codec(), SerialArbitraries.LOCAL_UNITS::contains, SilenceRules.of(TIMING), 1_000_000_000L);
    DecoderDriver driver = new DecoderDriver(decoder::decode);
    TreeSet<Integer> all = new TreeSet<>(cuts);
    all.addAll(stream.silences);
    all.add(stream.bytes.length);
    int from = 0;
    for (int to : all) {
      if (to > from) {
        // a chunk is delivered when its last byte has crossed the line
        driver.receive(stream.bytes, from, to - from, stream.lastByteTimes[to - 1]);
        from = to;
      }
    }
    driver.idle(stream.lastByteTimes[stream.bytes.length - 1] + GAP);
    assertThat(driver.unconsumed()).isZero();
    return driver.summaries();
  }
}
