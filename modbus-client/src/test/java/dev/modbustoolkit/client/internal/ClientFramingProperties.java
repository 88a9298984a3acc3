package dev.modbustoolkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.client.ModbusProtocolException;
import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The client framings find the same answers however the stream is cut, skip what is not an answer, and keep
 * frames with another protocol id or a bad checksum from being taken for answers. Frames are built by the test
 * kit's encoders (an independent CRC/LRC oracle), not by the framings under test.
 */
class ClientFramingProperties {

  /** Answer PDUs of fixed length (so RTU can find their end without a hint): FC03 with 1..20 registers, FC06. */
  @Provide
  Arbitrary<byte[]> answerPdu() {
    Arbitrary<byte[]> fc03 = Arbitraries.integers().between(1, 20).flatMap(n ->
        Arbitraries.bytes().array(byte[].class).ofSize(2 * n).map(data -> {
          byte[] pdu = new byte[2 + data.length];
          pdu[0] = 3;
          pdu[1] = (byte) data.length;
          System.arraycopy(data, 0, pdu, 2, data.length);
          return pdu;
        }));
    Arbitrary<byte[]> fc06 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(data -> {
      byte[] pdu = new byte[5];
      pdu[0] = 6;
      System.arraycopy(data, 0, pdu, 1, 4);
      return pdu;
    });
    Arbitrary<byte[]> exception = Arbitraries.integers().between(1, 11).map(c -> new byte[] {(byte) 0x83, (byte) (int) c});
    return Arbitraries.oneOf(fc03, fc06, exception);
  }

  enum Kind { MBAP, RTU, ASCII }

  private static ClientFraming framing(Kind kind) {
    return switch (kind) {
      case MBAP -> new MbapClientFraming();
      case RTU -> new RtuClientFraming();
      case ASCII -> new AsciiClientFraming();
    };
  }

  private static byte[] frame(Kind kind, int tid, int unit, byte[] pdu) {
    return switch (kind) {
      case MBAP -> Frames.mbap(tid, unit, pdu);
      case RTU -> Frames.rtu(unit, pdu);
      case ASCII -> Frames.ascii(unit, pdu);
    };
  }

  @Property(tries = 300)
  void anySplitOfAStreamFindsTheSameAnswers(
      @ForAll Kind kind,
      @ForAll @Size(min = 1, max = 8) List<@net.jqwik.api.From("answerPdu") byte[]> pdus,
      @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 40) Integer> cuts) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int i = 0; i < pdus.size(); i++) {
      stream.writeBytes(frame(kind, 100 + i, 1 + i, pdus.get(i)));
    }
    List<String> found = feed(framing(kind), stream.toByteArray(), cuts);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < pdus.size(); i++) {
      expected.add((1 + i) + ":" + Hex.format(pdus.get(i)));
    }
    assertThat(found).isEqualTo(expected);
  }

  /** Feeds {@code bytes} in chunks as a reader would, and returns "unit:pdu-hex" of each frame found. */
  private static List<String> feed(ClientFraming framing, byte[] bytes, List<Integer> cuts) {
    byte[] in = new byte[4096];
    int start = 0;
    int end = 0;
    int offset = 0;
    int cut = 0;
    List<String> found = new ArrayList<>();
    while (offset < bytes.length) {
      int n = Math.min(bytes.length - offset, cut < cuts.size() ? cuts.get(cut++) : bytes.length);
      System.arraycopy(bytes, offset, in, end, n);
      offset += n;
      end += n;
      while (end > start) {
        int verdict = framing.scan(in, start, end - start, -1);
        if (verdict == 0) {
          break;
        }
        if (verdict < 0) {
          start += -verdict;
          continue;
        }
        found.add(framing.unitId(in, start) + ":" + Hex.format(framing.pdu(in, start, verdict)));
        start += verdict;
      }
    }
    return found;
  }

  @Property(tries = 200)
  void garbageBeforeAnAsciiAnswerIsSkipped(@ForAll("answerPdu") byte[] pdu,
      @ForAll @Size(max = 30) List<@IntRange(min = 0x20, max = 0x7E) Integer> noise) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    noise.stream().filter(c -> c != ':').forEach(stream::write);
    stream.writeBytes(Frames.ascii(5, pdu));
    assertThat(feed(new AsciiClientFraming(), stream.toByteArray(), List.of()))
        .containsExactly("5:" + Hex.format(pdu));
  }

  @Test
  void rtuResynchronisesAfterNoiseAndSkipsABadCrc() {
    byte[] good = Frames.rtu(1, Hex.parse("03 02 00 2A"));
    byte[] bad = good.clone();
    bad[bad.length - 1] ^= 1;
    byte[] stream = Frames.concat(Hex.parse("FF 00"), bad, good);
    assertThat(feed(new RtuClientFraming(), stream, List.of())).containsExactly("1:03 02 00 2A");
  }

  @Test
  void rtuUsesTheRequestsLengthForAnFc08Echo() {
    byte[] echo = Frames.rtu(1, Hex.parse("08 00 00 12 34"));
    RtuClientFraming framing = new RtuClientFraming();
    assertThat(framing.scan(echo, 0, echo.length, 5)).isEqualTo(echo.length);
  }

  @Test
  void asciiAcceptsLowerCaseAndRejectsABadLrc() {
    byte[] lower = new String(Frames.ascii(1, Hex.parse("03 02 00 2A")), java.nio.charset.StandardCharsets.US_ASCII)
        .toLowerCase().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(feed(new AsciiClientFraming(), lower, List.of())).containsExactly("1:03 02 00 2A");
    byte[] bad = Frames.ascii(1, Hex.parse("03 02 00 2A"));
    bad[bad.length - 3] = (byte) (bad[bad.length - 3] == '0' ? '1' : '0');
    assertThat(feed(new AsciiClientFraming(), bad, List.of())).isEmpty();
  }

  @Test
  void mbapSkipsAnotherProtocolAndRefusesALengthOutOfRange() {
    byte[] other = Frames.mbap(1, 1, Hex.parse("03 02 00 2A"));
    other[3] = 1;
    byte[] ours = Frames.mbap(2, 1, Hex.parse("03 02 00 07"));
    assertThat(feed(new MbapClientFraming(), Frames.concat(other, ours), List.of())).containsExactly("1:03 02 00 07");
    byte[] broken = Hex.parse("00 01 00 00 00 FF 01 03");
    assertThatThrownBy(() -> new MbapClientFraming().scan(broken, 0, broken.length, -1))
        .isInstanceOf(ModbusProtocolException.class).hasMessageContaining("length field 255");
  }
}
