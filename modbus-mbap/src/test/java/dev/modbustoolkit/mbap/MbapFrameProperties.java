package dev.modbustoolkit.mbap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.mbap.StreamDecoding.FrameEvent;
import dev.modbustoolkit.mbap.StreamDecoding.Outcome;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MbapFrameProperties {

  /** A frame described by its parts; the PDU is raw bytes so any length 1..253 and any content is covered. */
  record RawFrame(int transactionId, int unitId, byte[] pdu) {
    byte[] encode() {
      ByteBuffer out = ByteBuffer.allocate(MbapHeader.HEADER_LENGTH + pdu.length);
      MbapFrameEncoder.encodeRaw(transactionId, unitId, ByteBuffer.wrap(pdu), out);
      return out.array();
    }

    MbapFrame toFrame() {
      return MbapFrame.of(transactionId, unitId, ByteBuffer.wrap(pdu));
    }
  }

  @Provide
  Arbitrary<RawFrame> rawFrames() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 0xFFFF),
            Arbitraries.integers().between(0, 0xFF),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(253))
        .as(RawFrame::new);
  }

  @Provide
  Arbitrary<List<RawFrame>> frameLists() {
    return rawFrames().list().ofMaxSize(8);
  }

  /**
   * Streams mixing valid frames with the things a decoder must survive: foreign protocol ids, headers with any
   * length, and plain noise. Purely random bytes would almost always fail on the first length field.
   */
  @Provide
  Arbitrary<byte[]> noisyStreams() {
    Arbitrary<byte[]> valid = rawFrames().map(RawFrame::encode);
    Arbitrary<byte[]> foreign =
        Combinators.combine(rawFrames(), Arbitraries.integers().between(1, 0xFFFF))
            .as(
                (frame, protocolId) -> {
                  byte[] bytes = frame.encode();
                  bytes[2] = (byte) (protocolId >>> 8);
                  bytes[3] = (byte) (int) protocolId;
                  return bytes;
                });
    Arbitrary<byte[]> anyLengthHeader =
        Arbitraries.integers()
            .between(0, 0xFFFF)
            .map(length -> new byte[] {0, 1, 0, 0, (byte) (length >>> 8), (byte) (int) length, 1});
    Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(20);
    return Arbitraries.frequencyOf(
            Tuple.of(6, valid), Tuple.of(2, foreign), Tuple.of(1, anyLengthHeader), Tuple.of(1, noise))
        .list()
        .ofMaxSize(8)
        .map(pieces -> Hex.concat(pieces.toArray(byte[][]::new)));
  }

  private static byte[] concat(List<RawFrame> frames) {
    return Hex.concat(frames.stream().map(RawFrame::encode).toArray(byte[][]::new));
  }

  @Property(tries = 300)
  void anyChunkingOfValidFramesYieldsTheSameFramesInOrder(
      @ForAll("frameLists") List<RawFrame> frames,
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 300) Integer> chunkSizes) {
    byte[] stream = concat(frames);
    List<MbapFrame> expected = frames.stream().map(RawFrame::toFrame).toList();

    Outcome chunked = StreamDecoding.decodeStream(new ChunkedChannel(stream, chunkSizes));
    Outcome trickled = StreamDecoding.decodeStream(ChunkedChannel.oneByteAtATime(stream));

    assertThat(chunked.events()).allMatch(FrameEvent.class::isInstance);
    assertThat(chunked.frames()).isEqualTo(expected);
    assertThat(chunked.closed()).isFalse();
    assertThat(chunked.leftover()).isZero();
    assertThat(trickled).isEqualTo(chunked);
  }

  @Property(tries = 300)
  void noisyStreamsDecodeTheSameWhateverTheChunking(
      @ForAll("noisyStreams") byte[] stream,
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 64) Integer> chunkSizes) {
    // StreamDecoding fails the property on any exception other than MbapFrameException and on any call that moves
    // the position other than the contract allows (null: not at all; frame: by its length; violation: by the
    // frame length if dropped, else not at all).
    Outcome whole = StreamDecoding.decodeAll(stream);
    Outcome chunked = StreamDecoding.decodeStream(new ChunkedChannel(stream, chunkSizes));

    assertThat(chunked.events()).isEqualTo(whole.events());
    assertThat(chunked.closed()).isEqualTo(whole.closed());
    if (!whole.closed()) {
      assertThat(chunked.leftover()).isEqualTo(whole.leftover());
    }
  }

  @Property
  void arbitraryBytesGiveOnlyNullAFrameOrMbapFrameException(@ForAll @Size(max = 600) byte[] stream) {
    Outcome outcome = StreamDecoding.decodeAll(stream);

    // Consumed bytes are exactly the frames and dropped frames; whatever remains was not consumed.
    int consumed =
        outcome.events().stream()
            .mapToInt(
                event ->
                    switch (event) {
                      case FrameEvent frame -> frame.frame().header().frameLength();
                      case StreamDecoding.ViolationEvent violation ->
                          violation.dropped() ? MbapHeader.HEADER_LENGTH - 1 + violation.length() : 0;
                    })
            .sum();
    assertThat(consumed + outcome.leftover()).isEqualTo(stream.length);
  }

  @Property
  void encodeRawThenDecodeGivesTheFrameBack(
      @ForAll("rawFrames") RawFrame raw, @ForAll @IntRange(max = 16) int offset) {
    ByteBuffer out = ByteBuffer.allocate(offset + MbapHeader.MAX_FRAME_LENGTH);
    out.position(offset);

    int written = MbapFrameEncoder.encodeRaw(raw.transactionId(), raw.unitId(), ByteBuffer.wrap(raw.pdu()), out);
    out.flip().position(offset);
    MbapFrame decoded = new MbapFrameDecoder().decode(out);

    assertThat(written).isEqualTo(MbapHeader.HEADER_LENGTH + raw.pdu().length);
    assertThat(decoded).isEqualTo(raw.toFrame());
    assertThat(decoded.header()).isEqualTo(new MbapHeader(raw.transactionId(), 0, raw.pdu().length + 1, raw.unitId()));
    assertThat(out.hasRemaining()).isFalse();
  }
}
