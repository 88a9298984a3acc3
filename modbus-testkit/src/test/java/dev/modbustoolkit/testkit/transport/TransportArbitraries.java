package dev.modbustoolkit.testkit.transport;

import dev.modbustoolkit.testkit.Frames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The jqwik generators of the transport properties: requests, streams of frames, chunkings, hostile bytes. */
final class TransportArbitraries {
  private TransportArbitraries() {}

  /** A request PDU for a unit. */
  record Request(int unitId, byte[] pdu) {}

  /** FC03, FC06 and FC10 requests, some with quantities or ranges the device refuses. */
  static Arbitrary<byte[]> requestPdus() {
    Arbitrary<Integer> address = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 20)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF)));
    Arbitrary<byte[]> read = Combinators.combine(address, Arbitraries.integers().between(0, 130))
        .as((a, q) -> pdu(0x03, a, q));
    Arbitrary<byte[]> write = Combinators.combine(address, Arbitraries.integers().between(0, 0xFFFF))
        .as((a, v) -> pdu(0x06, a, v));
    Arbitrary<byte[]> writeMultiple = Combinators.combine(address,
            Arbitraries.integers().between(0, 0xFFFF).list().ofMinSize(1).ofMaxSize(12))
        .as(TransportArbitraries::writeMultiple);
    return Arbitraries.oneOf(read, write, writeMultiple);
  }

  /** Requests for units in {@code [0, maxUnit]}, mostly for the served units 1 and 2. */
  static Arbitrary<List<Request>> requests(int maxUnit) {
    Arbitrary<Integer> unit = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(1, 2)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, maxUnit)));
    return Combinators.combine(unit, requestPdus()).as(Request::new).list().ofMinSize(1).ofMaxSize(8);
  }

  /** Chunk sizes for {@link dev.modbustoolkit.testkit.Feeding.Chunks}: small ones, often single bytes. */
  static Arbitrary<List<Integer>> chunkSizes() {
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 3)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(4, 40)))
        .list().ofMinSize(1).ofMaxSize(20);
  }

  /** Hostile input for scan: random bytes, or valid frames of {@code wire} broken by a few changed bytes. */
  static Arbitrary<byte[]> hostileBytes(Wire wire) {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(700);
    Arbitrary<byte[]> broken = Combinators.combine(requests(255),
            Arbitraries.integers().between(0, 10_000).list().ofMaxSize(4),
            Arbitraries.bytes().list().ofMinSize(4).ofMaxSize(4))
        .as((requests, positions, values) -> {
          byte[] stream = stream(wire, requests);
          for (int i = 0; i < positions.size() && stream.length > 0; i++) {
            stream[positions.get(i) % stream.length] = values.get(i);
          }
          return stream;
        });
    Arbitrary<byte[]> truncated = Combinators.combine(requests(255), Arbitraries.integers().between(0, 10_000))
        .as((requests, cut) -> {
          byte[] stream = stream(wire, requests);
          return Arrays.copyOf(stream, cut % (stream.length + 1));
        });
    Arbitrary<byte[]> asciiish = Arbitraries.strings().withChars(":0123456789ABCDEFabcdef\r\n").ofMaxLength(600)
        .map(s -> s.getBytes(StandardCharsets.US_ASCII));
    return Arbitraries.oneOf(random, broken, truncated, asciiish);
  }

  /** The requests framed by the oracle, transaction ids counting from 1. */
  static byte[] stream(Wire wire, List<Request> requests) {
    List<byte[]> frames = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      frames.add(wire.frame(i + 1, requests.get(i).unitId(), requests.get(i).pdu()));
    }
    return Frames.concat(frames.toArray(byte[][]::new));
  }

  private static byte[] pdu(int functionCode, int first, int second) {
    return ByteBuffer.allocate(5).put((byte) functionCode).putShort((short) first).putShort((short) second).array();
  }

  private static byte[] writeMultiple(int address, List<Integer> values) {
    ByteBuffer b = ByteBuffer.allocate(6 + 2 * values.size())
        .put((byte) 0x10).putShort((short) address).putShort((short) values.size()).put((byte) (2 * values.size()));
    values.forEach(v -> b.putShort(v.shortValue()));
    return b.array();
  }
}
