package dev.modbustoolkit.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * However the driver chunks a byte stream, the decoder finds the same frames. Bytes are stamped as if they crossed
 * the line back to back at 19200 8E1 (no real silence inside the stream), so only the chunking differs.
 */
class RtuFrameDecoderProperties {
  static final RtuTiming TIMING = RtuTiming.of(SerialLineSettings.RTU_DEFAULT, Duration.ZERO);
  static final long CHAR = TIMING.characterNanos();
  static final Set<Integer> LOCAL = Set.of(1, 2, 3);

  /** A request of a known-length kind, or a foreign request followed by its device's response. */
  @Provide
  Arbitrary<byte[]> exchange() {
    Arbitrary<Integer> unit = Arbitraries.integers().between(1, 6);
    Arbitrary<Integer> address = Arbitraries.integers().between(0, 0xFFFF);
    Arbitrary<Integer> quantity = Arbitraries.integers().between(1, 20);
    Arbitrary<byte[]> read = Combinators.combine(unit, address, quantity)
        .as((u, a, q) -> Bytes.rtu(String.format("%02X 03 %04X %04X", u, a, q)));
    Arbitrary<byte[]> write = Combinators.combine(unit, address, Arbitraries.integers().between(0, 0xFFFF))
        .as((u, a, v) -> Bytes.rtu(String.format("%02X 06 %04X %04X", u, a, v)));
    Arbitrary<byte[]> writeMultiple = Combinators.combine(unit, address, quantity)
        .as((u, a, q) -> {
          StringBuilder s = new StringBuilder(String.format("%02X 10 %04X %04X %02X", u, a, q, 2 * q));
          for (int i = 0; i < q; i++) {
            s.append(String.format(" %04X", (a + i) & 0xFFFF));
          }
          return Bytes.rtu(s.toString());
        });
    Arbitrary<byte[]> foreignReadWithResponse = Combinators.combine(Arbitraries.integers().between(7, 247), quantity)
        .as((u, q) -> {
          StringBuilder response = new StringBuilder(String.format("%02X 03 %02X", u, 2 * q));
          for (int i = 0; i < q; i++) {
            response.append(String.format(" %04X", i * 257));
          }
          return Bytes.concat(Bytes.rtu(String.format("%02X 03 0000 %04X", u, q)), Bytes.rtu(response.toString()));
        });
    return Arbitraries.oneOf(read, write, writeMultiple, foreignReadWithResponse);
  }

  @Property
  void anySplitOfCleanTrafficYieldsTheSameFrames(
      @ForAll("exchanges") List<byte[]> exchanges, @ForAll("splitSeeds") List<Integer> splitSeeds) {
    byte[] stream = Bytes.concat(exchanges.toArray(new byte[0][]));
    List<String> whole = frames(stream, List.of());
    List<String> split = frames(stream, splitSeeds);
    assertThat(split).isEqualTo(whole);
    // and nothing was lost: one frame per request and per response
    int expected = 0;
    for (byte[] e : exchanges) {
      expected += Byte.toUnsignedInt(e[0]) >= 7 ? 2 : 1;
    }
    assertThat(whole).hasSize(expected).noneMatch(s -> s.startsWith("DROPPED"));
  }

  @Property(tries = 300)
  void anySplitOfTrafficWithGarbageYieldsTheSameFramesAndTheFramesAfterGarbage(
      @ForAll("exchanges") List<byte[]> exchanges,
      @ForAll @Size(max = 6) List<@Size(min = 1, max = 12) byte[]> garbage,
      @ForAll("splitSeeds") List<Integer> splitSeeds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < exchanges.size(); i++) {
      out.writeBytes(exchanges.get(i));
      if (i < garbage.size()) {
        out.writeBytes(garbage.get(i));
      }
    }
    byte[] stream = out.toByteArray();
    List<String> whole = frames(stream, List.of());
    assertThat(frames(stream, splitSeeds)).isEqualTo(whole);
    // every request for a local unit survives the garbage around it
    List<String> localRequests = new ArrayList<>();
    for (byte[] e : exchanges) {
      if (LOCAL.contains(Byte.toUnsignedInt(e[0]))) {
        localRequests.add("REQUEST " + e[0] + " " + Bytes.hex(java.util.Arrays.copyOfRange(e, 1, e.length - 2)));
      }
    }
    assertThat(whole.stream().filter(s -> s.startsWith("REQUEST") && LOCAL.contains(unitOf(s))).toList())
        .containsSubsequence(localRequests);
  }

  @Property
  void aSilenceInsideAFrameBreaksOnlyThatFrame(
      @ForAll("exchanges") List<byte[]> exchanges, @ForAll @IntRange(min = 0, max = 1000) int where) {
    byte[] first = Bytes.rtu("01 03 0000 000A");
    byte[] stream = Bytes.concat(exchanges.toArray(new byte[0][]));
    int cut = 1 + where % (first.length - 1);
    DecoderDriver framer = framer();
    DecoderDriver listener = framer;
    long t = 1_000_000_000L;
    framer.receive(first, 0, cut, t);
    t += 2 * CHAR + (first.length - cut) * CHAR;
    framer.receive(first, cut, first.length - cut, t);
    t += TIMING.t35Nanos() + 1 + stream.length * CHAR;
    framer.receive(stream, 0, stream.length, t);
    framer.idle(t + TIMING.interFrameLimitNanos() + 1);
    assertThat(listener.discards()).first().extracting(DecoderDriver.Dropped::reason)
        .isEqualTo(DropReason.INCOMPLETE);
    assertThat(listener.frameSummaries()).isEqualTo(frames(stream, List.of()));
  }

  @Provide
  Arbitrary<List<byte[]>> exchanges() {
    return exchange().list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Integer>> splitSeeds() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(40);
  }

  private static int unitOf(String summary) {
    return Integer.parseInt(summary.split(" ")[1]);
  }

  static DecoderDriver framer() {
    return new DecoderDriver(
        new RtuFrameDecoder(PduLengths.codec(), LOCAL::contains, SilenceRules.of(TIMING), 1_000_000_000L)::decode);
  }

  /** Feeds the stream cut at the given points (seeds modulo the length), back to back on the line. */
  static List<String> frames(byte[] stream, List<Integer> splitSeeds) {
    DecoderDriver framer = framer();
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int seed : splitSeeds) {
      cuts.add(seed % stream.length);
    }
    cuts.add(0);
    cuts.add(stream.length);
    long start = 1_000_000_000L;
    Integer from = null;
    for (int to : cuts) {
      if (from != null && to > from) {
        // the chunk is delivered when its last byte has crossed the line
        framer.receive(stream, from, to - from, start + (long) to * CHAR);
      }
      from = to;
    }
    framer.idle(start + stream.length * CHAR + TIMING.interFrameLimitNanos() + 1);
    return framer.summaries();
  }
}
