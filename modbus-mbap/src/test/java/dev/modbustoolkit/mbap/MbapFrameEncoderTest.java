package dev.modbustoolkit.mbap;

import static dev.modbustoolkit.mbap.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusPdu;
import dev.modbustoolkit.pdu.ReadExceptionStatusRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MbapFrameEncoderTest {
  private static final byte SENTINEL = 0x55;

  /** A buffer full of sentinel bytes, so that any stray write shows. */
  private static ByteBuffer sentinelBuffer(int capacity) {
    byte[] backing = new byte[capacity];
    Arrays.fill(backing, SENTINEL);
    return ByteBuffer.wrap(backing);
  }

  private static byte[] written(ByteBuffer out, int from) {
    return Arrays.copyOfRange(out.array(), from, out.position());
  }

  private static void assertUntouched(ByteBuffer out, int position) {
    assertThat(out.position()).isEqualTo(position);
    assertThat(out.array()).containsOnly(SENTINEL);
  }

  @Test
  void encodesTheGuideFc03RequestExactly() {
    ByteBuffer out = ByteBuffer.allocate(64);

    int n = MbapFrameEncoder.encode(1, 1, new ReadHoldingRegistersRequest(0x6B, 3), out);

    assertThat(n).isEqualTo(12);
    assertThat(written(out, 0)).isEqualTo(bytes("00 01 00 00 00 06 01 03 00 6B 00 03"));
  }

  @Test
  void encodesResponsesAndExceptionResponses() {
    ByteBuffer out = ByteBuffer.allocate(64);

    MbapFrameEncoder.encode(1, 1, ReadHoldingRegistersResponse.of(0x022B, 0x0000, 0x0064), out);
    int mark = out.position();
    MbapFrameEncoder.encode(0xBEEF, 0xFF, new ExceptionResponse(3, ExceptionCode.ILLEGAL_DATA_ADDRESS), out);

    assertThat(written(out, 0)).startsWith(bytes("00 01 00 00 00 09 01 03 06 02 2B 00 00 00 64"));
    assertThat(written(out, mark)).isEqualTo(bytes("BE EF 00 00 00 03 FF 83 02"));
  }

  @Test
  void encodesAtTheCurrentPositionAndAdvances() {
    ByteBuffer out = sentinelBuffer(20).position(5);

    int n = MbapFrameEncoder.encode(2, 0x11, new ReadExceptionStatusRequest(), out);

    assertThat(n).isEqualTo(8);
    assertThat(out.position()).isEqualTo(13);
    assertThat(written(out, 5)).isEqualTo(bytes("00 02 00 00 00 02 11 07"));
    assertThat(Arrays.copyOfRange(out.array(), 0, 5)).containsOnly(SENTINEL);
    assertThat(Arrays.copyOfRange(out.array(), 13, 20)).containsOnly(SENTINEL);
  }

  @Test
  void encodedLengthCountsTheHeader() {
    ModbusPdu pdu = new ReadHoldingRegistersRequest(0x6B, 3);

    assertThat(MbapFrameEncoder.encodedLength(pdu)).isEqualTo(12);
  }

  @Test
  void overflowWritesNothing() {
    ByteBuffer out = sentinelBuffer(16).position(5); // 11 bytes left, the frame needs 12

    assertThatThrownBy(() -> MbapFrameEncoder.encode(1, 1, new ReadHoldingRegistersRequest(0x6B, 3), out))
        .isInstanceOf(BufferOverflowException.class);
    assertUntouched(out, 5);
  }

  @Test
  void overflowEvenForTheHeaderIsABufferOverflow() {
    ByteBuffer out = sentinelBuffer(5);

    assertThatThrownBy(() -> MbapFrameEncoder.encode(1, 1, new ReadExceptionStatusRequest(), out))
        .isInstanceOf(BufferOverflowException.class);
    assertUntouched(out, 0);
  }

  @Test
  void encodeFillsABufferExactly() {
    ByteBuffer out = ByteBuffer.allocate(12);

    MbapFrameEncoder.encode(1, 1, new ReadHoldingRegistersRequest(0x6B, 3), out);

    assertThat(out.hasRemaining()).isFalse();
  }

  @Test
  void encodeRawFramesAnEncodedPduWithoutConsumingIt() {
    ByteBuffer pdu = ByteBuffer.wrap(bytes("99 03 00 6B 00 03")).position(1);
    ByteBuffer out = ByteBuffer.allocate(32);

    int n = MbapFrameEncoder.encodeRaw(0x1234, 0xFE, pdu, out);

    assertThat(n).isEqualTo(12);
    assertThat(written(out, 0)).isEqualTo(bytes("12 34 00 00 00 06 FE 03 00 6B 00 03"));
    assertThat(pdu.position()).isEqualTo(1);
  }

  @Test
  void encodeRawOverflowWritesNothing() {
    ByteBuffer out = sentinelBuffer(11);

    assertThatThrownBy(() -> MbapFrameEncoder.encodeRaw(1, 1, ByteBuffer.wrap(bytes("03 00 6B 00 03")), out))
        .isInstanceOf(BufferOverflowException.class);
    assertUntouched(out, 0);
  }

  @Test
  void encodeRawAcceptsOneTo253PduBytes() {
    ByteBuffer out = ByteBuffer.allocate(MbapHeader.MAX_FRAME_LENGTH);

    MbapFrameEncoder.encodeRaw(0, 0, ByteBuffer.allocate(253), out);

    assertThat(out.position()).isEqualTo(260);
    assertThat(Arrays.copyOfRange(out.array(), 0, 7)).isEqualTo(bytes("00 00 00 00 00 FE 00"));
    assertThatThrownBy(() -> MbapFrameEncoder.encodeRaw(0, 0, ByteBuffer.allocate(0), ByteBuffer.allocate(300)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pduLength 0");
    assertThatThrownBy(() -> MbapFrameEncoder.encodeRaw(0, 0, ByteBuffer.allocate(254), ByteBuffer.allocate(300)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pduLength 254");
  }

  @ParameterizedTest
  @CsvSource({"-1, 1, transactionId -1", "65536, 1, transactionId 65536", "1, -1, unitId -1", "1, 256, unitId 256"})
  void outOfRangeIdsAreRejectedBeforeWriting(int transactionId, int unitId, String message) {
    ByteBuffer out = sentinelBuffer(32);

    assertThatThrownBy(() -> MbapFrameEncoder.encode(transactionId, unitId, new ReadExceptionStatusRequest(), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> MbapFrameEncoder.encodeRaw(transactionId, unitId, ByteBuffer.allocate(1), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertThatThrownBy(() -> MbapFrameEncoder.writeHeader(transactionId, unitId, 1, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
    assertUntouched(out, 0);
  }

  @Test
  void writeHeaderLeavesRoomForThePdu() {
    ByteBuffer out = ByteBuffer.allocate(16);

    MbapFrameEncoder.writeHeader(0xABCD, 0x07, 5, out);

    assertThat(out.position()).isEqualTo(7);
    assertThat(written(out, 0)).isEqualTo(bytes("AB CD 00 00 00 06 07"));
    assertThatThrownBy(() -> MbapFrameEncoder.writeHeader(1, 1, 5, sentinelBuffer(6)))
        .isInstanceOf(BufferOverflowException.class);
  }

  @Test
  void encodedFrameDecodesBack() {
    ByteBuffer out = ByteBuffer.allocate(64);
    MbapFrameEncoder.encode(0x8001, 0x22, new ReadHoldingRegistersRequest(0xFFF0, 16), out);
    out.flip();

    MbapFrame frame = new MbapFrameDecoder().decode(out);

    assertThat(frame).isNotNull();
    assertThat(frame.header()).isEqualTo(MbapHeader.of(0x8001, 0x22, 5));
    assertThat(frame.decodeRequest()).isEqualTo(new ReadHoldingRegistersRequest(0xFFF0, 16));
  }
}
