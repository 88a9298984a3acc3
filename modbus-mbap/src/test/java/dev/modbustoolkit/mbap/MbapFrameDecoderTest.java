package dev.modbustoolkit.mbap;

import static dev.modbustoolkit.mbap.Hex.bytes;
import static dev.modbustoolkit.mbap.Hex.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.modbustoolkit.mbap.StreamDecoding.FrameEvent;
import dev.modbustoolkit.mbap.StreamDecoding.Outcome;
import dev.modbustoolkit.mbap.StreamDecoding.ViolationEvent;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MbapFrameDecoderTest {
  // Read holding registers 108..110 (address 0x6B, 3 registers), the spec's FC03 example, on transaction 1, unit 1.
  private static final byte[] FC03_REQUEST = bytes("00 01 00 00 00 06 01 03 00 6B 00 03");
  // Its response: 0x022B, 0x0000, 0x0064.
  private static final byte[] FC03_RESPONSE = bytes("00 01 00 00 00 09 01 03 06 02 2B 00 00 00 64");
  // Exception response 0x83 / 02 (illegal data address) to the same transaction.
  private static final byte[] FC03_EXCEPTION = bytes("00 01 00 00 00 03 01 83 02");
  // Read coils 20..38 (address 0x13, 19 coils), transaction 0x1501, unit 0xFF (the TCP server itself).
  private static final byte[] FC01_REQUEST = bytes("15 01 00 00 00 06 FF 01 00 13 00 13");
  // Smallest legal frame: length 2, PDU = function code only (read exception status).
  private static final byte[] FC07_REQUEST = bytes("00 02 00 00 00 02 11 07");

  private final MbapFrameDecoder decoder = new MbapFrameDecoder();

  private static byte[] frameWithProtocolId(int protocolId, int transactionId) {
    byte[] frame = FC03_REQUEST.clone();
    frame[0] = (byte) (transactionId >>> 8);
    frame[1] = (byte) transactionId;
    frame[2] = (byte) (protocolId >>> 8);
    frame[3] = (byte) protocolId;
    return frame;
  }

  @Nested
  class SpecVectors {
    @Test
    void fc03RequestFromTheGuide() {
      ByteBuffer in = ByteBuffer.wrap(FC03_REQUEST);

      MbapFrame frame = decoder.decode(in);

      assertThat(frame).isNotNull();
      assertThat(frame.header()).isEqualTo(new MbapHeader(1, 0, 6, 1));
      assertThat(frame.transactionId()).isEqualTo(1);
      assertThat(frame.unitId()).isEqualTo(1);
      assertThat(frame.pduLength()).isEqualTo(5);
      assertThat(frame.functionCode()).isEqualTo(0x03);
      assertThat(frame.pdu()).isEqualTo(ByteBuffer.wrap(bytes("03 00 6B 00 03")));
      assertThat(frame.decodeRequest()).isEqualTo(new ReadHoldingRegistersRequest(0x6B, 3));
      assertThat(in.position()).isEqualTo(12);
      assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void fc03ResponseFromTheGuide() {
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(FC03_RESPONSE));

      assertThat(frame).isNotNull();
      assertThat(frame.header()).isEqualTo(new MbapHeader(1, 0, 9, 1));
      assertThat(frame.decodeResponse()).isEqualTo(ReadHoldingRegistersResponse.of(0x022B, 0x0000, 0x0064));
    }

    @Test
    void exceptionResponse() {
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(FC03_EXCEPTION));

      assertThat(frame).isNotNull();
      assertThat(frame.functionCode()).isEqualTo(0x83);
      assertThat(frame.decodeResponse()).isEqualTo(new ExceptionResponse(3, ExceptionCode.ILLEGAL_DATA_ADDRESS));
    }

    @Test
    void highTransactionIdAndUnitIdAreUnsigned() {
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(FC01_REQUEST));

      assertThat(frame).isNotNull();
      assertThat(frame.header()).isEqualTo(new MbapHeader(0x1501, 0, 6, 0xFF));
      assertThat(frame.decodeRequest()).isEqualTo(new ReadCoilsRequest(0x13, 0x13));
    }

    @Test
    void unsignedExtremes() {
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(bytes("FF FF 00 00 00 02 FF 07")));

      assertThat(frame).isNotNull();
      assertThat(frame.header()).isEqualTo(new MbapHeader(0xFFFF, 0, 2, 0xFF));
    }

    @Test
    void smallestFrameIsFunctionCodeOnly() {
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(FC07_REQUEST));

      assertThat(frame).isNotNull();
      assertThat(frame.header().length()).isEqualTo(MbapHeader.MIN_LENGTH);
      assertThat(frame.pduLength()).isEqualTo(1);
      assertThat(frame.functionCode()).isEqualTo(0x07);
    }

    @Test
    void largestFrameCarries253PduBytes() {
      byte[] frameBytes = new byte[MbapHeader.MAX_FRAME_LENGTH];
      System.arraycopy(bytes("00 09 00 00 00 FE 05"), 0, frameBytes, 0, 7);
      for (int i = 7; i < frameBytes.length; i++) {
        frameBytes[i] = (byte) i;
      }
      ByteBuffer in = ByteBuffer.wrap(frameBytes);

      MbapFrame frame = decoder.decode(in);

      assertThat(frame).isNotNull();
      assertThat(frame.header().length()).isEqualTo(MbapHeader.MAX_LENGTH);
      assertThat(frame.pduLength()).isEqualTo(253);
      assertThat(frame.pdu()).isEqualTo(ByteBuffer.wrap(frameBytes, 7, 253));
      assertThat(in.position()).isEqualTo(260);
    }
  }

  @Nested
  class PartialInput {
    @Test
    void everyProperPrefixReturnsNullAndConsumesNothing() {
      for (int n = 0; n < FC03_REQUEST.length; n++) {
        ByteBuffer in = ByteBuffer.allocate(20);
        in.position(3); // a frame not at index 0 must work the same
        in.put(FC03_REQUEST, 0, n).flip().position(3);

        assertThat(decoder.decode(in)).as("prefix of %d bytes", n).isNull();
        assertThat(in.position()).as("position after prefix of %d bytes", n).isEqualTo(3);
        assertThat(MbapFrameDecoder.frameLength(in)).isEqualTo(MbapFrameDecoder.NEED_MORE);
      }
    }

    @Test
    void bytesBeyondTheLimitAreNotRead() {
      // The whole frame is in the array, but the limit hides its last byte.
      ByteBuffer in = ByteBuffer.wrap(FC03_REQUEST).limit(FC03_REQUEST.length - 1);

      assertThat(decoder.decode(in)).isNull();
      assertThat(in.position()).isZero();
    }

    @Test
    void completingTheFrameLaterYieldsIt() {
      ByteBuffer in = ByteBuffer.allocate(64);
      in.put(FC03_REQUEST, 0, 9).flip();
      assertThat(decoder.decode(in)).isNull();

      in.compact().put(FC03_REQUEST, 9, 3).flip();
      MbapFrame frame = decoder.decode(in);

      assertThat(frame).isNotNull();
      assertThat(frame.decodeRequest()).isEqualTo(new ReadHoldingRegistersRequest(0x6B, 3));
    }
  }

  @Nested
  class SeveralFramesInOneBuffer {
    @Test
    void twoFramesComeOutOnePerCallInOrder() {
      ByteBuffer in = ByteBuffer.wrap(concat(FC03_REQUEST, FC01_REQUEST));

      MbapFrame first = decoder.decode(in);
      assertThat(in.position()).isEqualTo(12);
      MbapFrame second = decoder.decode(in);

      assertThat(first).isNotNull();
      assertThat(first.transactionId()).isEqualTo(1);
      assertThat(second).isNotNull();
      assertThat(second.transactionId()).isEqualTo(0x1501);
      assertThat(in.position()).isEqualTo(24);
      assertThat(decoder.decode(in)).isNull();
      // The first frame is still intact after the second was decoded.
      assertThat(first.decodeRequest()).isEqualTo(new ReadHoldingRegistersRequest(0x6B, 3));
    }

    @Test
    void threeFramesFollowedByAPartialOne() {
      ByteBuffer in = ByteBuffer.wrap(concat(FC07_REQUEST, FC03_RESPONSE, FC03_EXCEPTION, bytes("00 07 00 00")));

      List<Integer> functionCodes = new java.util.ArrayList<>();
      MbapFrame frame;
      while ((frame = decoder.decode(in)) != null) {
        functionCodes.add(frame.functionCode());
      }

      assertThat(functionCodes).containsExactly(0x07, 0x03, 0x83);
      assertThat(in.remaining()).isEqualTo(4);
    }
  }

  @Nested
  class Violations {
    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void lengthTooShortConsumesNothingAndAsksToClose(int length) {
      ByteBuffer in = ByteBuffer.wrap(bytes("00 2A 00 00 00 0" + length + " 11 03 00 6B 00 03"));

      MbapFrameException e = catchThrowableOfType(MbapFrameException.class, () -> decoder.decode(in));

      assertThat(e.violation()).isEqualTo(MbapViolation.LENGTH_TOO_SHORT);
      assertThat(e.offendingValue()).isEqualTo(length);
      assertThat(e.length()).isEqualTo(length);
      assertThat(e.transactionId()).isEqualTo(0x2A);
      assertThat(e.unitId()).isEqualTo(0x11);
      assertThat(e.frameDropped()).isFalse();
      assertThat(in.position()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256, 0xFFFF})
    void lengthTooLongIsRejectedFromTheHeaderAlone(int length) {
      // Only the 7 header bytes: the decoder must not wait for a body it will never accept.
      byte[] header = bytes("00 03 00 00 00 00 01");
      header[4] = (byte) (length >>> 8);
      header[5] = (byte) length;
      ByteBuffer in = ByteBuffer.wrap(header);

      MbapFrameException e = catchThrowableOfType(MbapFrameException.class, () -> decoder.decode(in));

      assertThat(e.violation()).isEqualTo(MbapViolation.LENGTH_TOO_LONG);
      assertThat(e.offendingValue()).isEqualTo(length);
      assertThat(e.frameDropped()).isFalse();
      assertThat(e.getMessage()).contains("LENGTH_TOO_LONG", "length " + length, "2..254");
      assertThat(in.position()).isZero();
    }

    @Test
    void badLengthIsNotReportedBeforeTheWholeHeaderIsThere() {
      ByteBuffer in = ByteBuffer.wrap(bytes("00 03 00 00 01 00"));

      assertThat(decoder.decode(in)).isNull();
      assertThat(in.position()).isZero();
    }

    @Test
    void lengthIsCheckedBeforeProtocolId() {
      ByteBuffer in = ByteBuffer.wrap(bytes("00 03 12 34 00 01 01 03"));

      MbapFrameException e = catchThrowableOfType(MbapFrameException.class, () -> decoder.decode(in));

      assertThat(e.violation()).isEqualTo(MbapViolation.LENGTH_TOO_SHORT);
      assertThat(e.protocolId()).isEqualTo(0x1234);
      assertThat(e.frameDropped()).isFalse();
      assertThat(in.position()).isZero();
    }

    @Test
    void foreignProtocolIdWaitsForTheWholeFrameThenDropsIt() {
      byte[] foreign = frameWithProtocolId(0x0001, 7);
      ByteBuffer in = ByteBuffer.wrap(foreign).limit(foreign.length - 1);

      assertThat(decoder.decode(in)).as("incomplete foreign frame").isNull();
      assertThat(in.position()).isZero();

      in.limit(foreign.length);
      MbapFrameException e = catchThrowableOfType(MbapFrameException.class, () -> decoder.decode(in));

      assertThat(e.violation()).isEqualTo(MbapViolation.PROTOCOL_ID_NOT_MODBUS);
      assertThat(e.offendingValue()).isEqualTo(1);
      assertThat(e.transactionId()).isEqualTo(7);
      assertThat(e.unitId()).isEqualTo(1);
      assertThat(e.frameDropped()).isTrue();
      assertThat(e.getMessage()).contains("PROTOCOL_ID_NOT_MODBUS", "protocol id 1");
      assertThat(in.position()).isEqualTo(foreign.length);
    }

    @Test
    void nextFrameDecodesAfterADroppedOne() {
      ByteBuffer in = ByteBuffer.wrap(concat(frameWithProtocolId(0xFFFF, 5), FC01_REQUEST));

      MbapFrameException e = catchThrowableOfType(MbapFrameException.class, () -> decoder.decode(in));
      MbapFrame next = decoder.decode(in);

      assertThat(e.frameDropped()).isTrue();
      assertThat(e.offendingValue()).isEqualTo(0xFFFF);
      assertThat(next).isNotNull();
      assertThat(next.transactionId()).isEqualTo(0x1501);
      assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void exceptionIsStackless() {
      MbapFrameException e =
          catchThrowableOfType(
              MbapFrameException.class, () -> decoder.decode(ByteBuffer.wrap(bytes("00 00 00 00 00 00 00"))));

      assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void boundaryIsKnownOnlyForAForeignProtocolId() {
      assertThat(MbapViolation.PROTOCOL_ID_NOT_MODBUS.frameBoundaryKnown()).isTrue();
      assertThat(MbapViolation.LENGTH_TOO_SHORT.frameBoundaryKnown()).isFalse();
      assertThat(MbapViolation.LENGTH_TOO_LONG.frameBoundaryKnown()).isFalse();
    }
  }

  @Nested
  class BufferHandling {
    @Test
    void byteOrderOfTheInputIsIgnored() {
      ByteBuffer in = ByteBuffer.wrap(FC01_REQUEST).order(ByteOrder.LITTLE_ENDIAN);

      MbapFrame frame = decoder.decode(in);

      assertThat(frame).isNotNull();
      assertThat(frame.header()).isEqualTo(new MbapHeader(0x1501, 0, 6, 0xFF));
    }

    @Test
    void readOnlyAndDirectInputsWork() {
      ByteBuffer direct = ByteBuffer.allocateDirect(FC03_REQUEST.length).put(FC03_REQUEST).flip();

      MbapFrame fromReadOnly = decoder.decode(ByteBuffer.wrap(FC03_REQUEST).asReadOnlyBuffer());
      MbapFrame fromDirect = decoder.decode(direct);

      assertThat(fromReadOnly).isNotNull().isEqualTo(fromDirect);
    }

    @Test
    void framePduIsAReadOnlyViewWithoutCopy() {
      byte[] backing = FC03_REQUEST.clone();
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(backing));
      assertThat(frame).isNotNull();

      assertThat(frame.pdu().isReadOnly()).isTrue();
      backing[8] = 0x7F; // what happens when the caller reuses its buffer: the view sees it

      assertThat(frame.pdu().get(1)).isEqualTo((byte) 0x7F);
    }

    @Test
    void detachedFrameSurvivesBufferReuse() {
      byte[] backing = FC03_REQUEST.clone();
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(backing));
      assertThat(frame).isNotNull();

      MbapFrame detached = frame.detached();
      java.util.Arrays.fill(backing, (byte) 0);

      assertThat(detached.header()).isEqualTo(frame.header());
      assertThat(detached.decodeRequest()).isEqualTo(new ReadHoldingRegistersRequest(0x6B, 3));
    }

    @Test
    void readingThePduDoesNotUseUpTheFrame() {
      MbapFrame frame = decoder.decode(ByteBuffer.wrap(FC03_REQUEST));
      assertThat(frame).isNotNull();

      ByteBuffer view = frame.pdu();
      view.position(view.limit());
      frame.decodeRequest();

      assertThat(frame.pdu().remaining()).isEqualTo(5);
      assertThat(frame.decodeRequest()).isEqualTo(new ReadHoldingRegistersRequest(0x6B, 3));
      assertThat(frame.toString()).contains("length=6").endsWith(", pdu=03 00 6b 00 03]");
    }
  }

  @Nested
  class LowLevelApi {
    @Test
    void frameLengthPeeksWithoutConsuming() {
      ByteBuffer in = ByteBuffer.wrap(concat(FC03_REQUEST, FC07_REQUEST));

      assertThat(MbapFrameDecoder.frameLength(in)).isEqualTo(12);
      assertThat(in.position()).isZero();
      assertThat(MbapFrameDecoder.transactionId(in, 0)).isEqualTo(1);
      assertThat(MbapFrameDecoder.protocolId(in, 0)).isZero();
      assertThat(MbapFrameDecoder.length(in, 0)).isEqualTo(6);
      assertThat(MbapFrameDecoder.unitId(in, 0)).isEqualTo(1);

      in.position(12);
      assertThat(MbapFrameDecoder.frameLength(in)).isEqualTo(8);
      assertThat(MbapFrameDecoder.transactionId(in, 12)).isEqualTo(2);
      assertThat(MbapFrameDecoder.unitId(in, 12)).isEqualTo(0x11);
      assertThat(in.position()).isEqualTo(12);
    }

    @Test
    void frameLengthSkipsAForeignFrameLikeDecode() {
      ByteBuffer in = ByteBuffer.wrap(concat(frameWithProtocolId(2, 9), FC07_REQUEST));

      MbapFrameException e =
          catchThrowableOfType(MbapFrameException.class, () -> MbapFrameDecoder.frameLength(in));

      assertThat(e.frameDropped()).isTrue();
      assertThat(in.position()).isEqualTo(12);
      assertThat(MbapFrameDecoder.frameLength(in)).isEqualTo(8);
    }

    @Test
    void frameLengthRejectsABadLengthWithoutConsuming() {
      ByteBuffer in = ByteBuffer.wrap(bytes("00 01 00 00 01 00 01"));

      MbapFrameException e =
          catchThrowableOfType(MbapFrameException.class, () -> MbapFrameDecoder.frameLength(in));

      assertThat(e.violation()).isEqualTo(MbapViolation.LENGTH_TOO_LONG);
      assertThat(in.position()).isZero();
    }
  }

  @Nested
  class OneByteAtATime {
    private final byte[] stream =
        concat(FC03_REQUEST, FC03_RESPONSE, frameWithProtocolId(0x0101, 3), FC07_REQUEST, FC01_REQUEST, FC03_EXCEPTION);

    @Test
    void trickledStreamYieldsTheSameEventsAsTheWholeBuffer() {
      Outcome whole = StreamDecoding.decodeAll(stream);

      Outcome trickled = StreamDecoding.decodeStream(ChunkedChannel.oneByteAtATime(stream));

      assertThat(trickled).isEqualTo(whole);
      assertThat(whole.closed()).isFalse();
      assertThat(whole.leftover()).isZero();
      assertThat(whole.events())
          .hasSize(6)
          .element(2)
          .isEqualTo(new ViolationEvent(MbapViolation.PROTOCOL_ID_NOT_MODBUS, 0x0101, 3, 6, 1, true));
      assertThat(whole.frames())
          .extracting(MbapFrame::transactionId)
          .containsExactly(1, 1, 2, 0x1501, 1);
    }

    @Test
    void trickledStreamStopsAtAFatalHeaderLikeTheWholeBuffer() {
      byte[] withGarbage = concat(FC03_REQUEST, bytes("00 05 00 00 7F FF 01"), FC07_REQUEST);

      Outcome whole = StreamDecoding.decodeAll(withGarbage);
      Outcome trickled = StreamDecoding.decodeStream(ChunkedChannel.oneByteAtATime(withGarbage));

      assertThat(whole.closed()).isTrue();
      assertThat(whole.events())
          .containsExactly(
              new FrameEvent(MbapFrame.of(1, 1, ByteBuffer.wrap(bytes("03 00 6B 00 03")))),
              new ViolationEvent(MbapViolation.LENGTH_TOO_LONG, 0x7FFF, 5, 0x7FFF, 1, false));
      // Trickled, the fatal header is seen as soon as its 7th byte arrives: the trailing frame is never read.
      assertThat(trickled.events()).isEqualTo(whole.events());
      assertThat(trickled.closed()).isTrue();
      assertThat(trickled.leftover()).isEqualTo(7);
    }
  }
}
