package dev.modbustoolkit.mbap;

import static dev.modbustoolkit.mbap.MbapHeader.HEADER_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MAX_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MIN_LENGTH;
import static dev.modbustoolkit.mbap.MbapHeader.MODBUS_PROTOCOL_ID;

import dev.modbustoolkit.mbap.internal.Bytes;
import dev.modbustoolkit.mbap.internal.Checks;
import dev.modbustoolkit.pdu.ModbusPdu;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Writes Modbus TCP frames (MBAP header with protocol id 0, then the PDU) into a caller's buffer, without
 * allocating. Static methods only; thread-safe.
 *
 * <p>Every method writes at {@code out.position()}, advances it by the bytes written, and checks for room first:
 * if {@code out} is too small it throws {@link BufferOverflowException} with nothing written and the position
 * unchanged. Out-of-range arguments (transaction id outside 0..65535, unit id outside 0..255, PDU length outside
 * 1..253) are programming errors and throw {@link IllegalArgumentException}, also before anything is written.
 */
public final class MbapFrameEncoder {
  private MbapFrameEncoder() {}

  /**
   * Encodes {@code pdu} as one frame.
   *
   * @param transactionId the transaction id (0..65535)
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   * @param out the buffer to write into
   * @return bytes written: 7 + the PDU's encoded length
   * @throws BufferOverflowException if {@code out} lacks room for the whole frame (nothing written)
   */
  public static int encode(int transactionId, int unitId, ModbusPdu pdu, ByteBuffer out) {
    checkIds(transactionId, unitId);
    int pduLength = checkPduLength(ModbusPduCodec.encodedLength(pdu));
    int start = out.position();
    requireRoom(out, HEADER_LENGTH + pduLength);
    out.position(start + HEADER_LENGTH);
    int written;
    try {
      written = ModbusPduCodec.encode(pdu, out);
    } catch (RuntimeException e) {
      out.position(start);
      throw e;
    }
    // The length field comes from what the codec actually wrote, so the header can never disagree with the body.
    putHeader(out, start, transactionId, unitId, written);
    return HEADER_LENGTH + written;
  }

  /**
   * Frames an already encoded PDU: {@code pdu}'s remaining bytes (1..253, function code first) are copied after
   * the header. {@code pdu}'s position is not moved, so the same PDU can be framed again (e.g. for another
   * connection).
   *
   * @param transactionId the transaction id (0..65535)
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   * @param out the buffer to write into
   * @return bytes written: 7 + {@code pdu.remaining()}
   * @throws BufferOverflowException if {@code out} lacks room for the whole frame (nothing written)
   */
  public static int encodeRaw(int transactionId, int unitId, ByteBuffer pdu, ByteBuffer out) {
    checkIds(transactionId, unitId);
    int pduLength = checkPduLength(pdu.remaining());
    int start = out.position();
    requireRoom(out, HEADER_LENGTH + pduLength);
    out.put(start + HEADER_LENGTH, pdu, pdu.position(), pduLength);
    putHeader(out, start, transactionId, unitId, pduLength);
    out.position(start + HEADER_LENGTH + pduLength);
    return HEADER_LENGTH + pduLength;
  }

  /**
   * Writes only the 7-byte header for a PDU of {@code pduLength} bytes that the caller writes next, e.g. with
   * {@link ModbusPduCodec#encode} or straight from a dispatcher.
   *
   * @param transactionId the transaction id (0..65535)
   * @param unitId the unit id (0..255)
   * @param pduLength the pdu length
   * @param out the buffer to write into
   * @throws BufferOverflowException if fewer than 7 bytes remain in {@code out} (nothing written)
   */
  public static void writeHeader(int transactionId, int unitId, int pduLength, ByteBuffer out) {
    checkIds(transactionId, unitId);
    checkPduLength(pduLength);
    int start = out.position();
    requireRoom(out, HEADER_LENGTH);
    putHeader(out, start, transactionId, unitId, pduLength);
    out.position(start + HEADER_LENGTH);
  }

  /**
   * {@return bytes {@link #encode} will write for {@code pdu}: 7 + its encoded length}
   *
   * @param pdu the PDU
   */
  public static int encodedLength(ModbusPdu pdu) {
    return HEADER_LENGTH + ModbusPduCodec.encodedLength(pdu);
  }

  private static void checkIds(int transactionId, int unitId) {
    Checks.requireRange("transactionId", transactionId, 0, 0xFFFF);
    Checks.requireRange("unitId", unitId, 0, 0xFF);
  }

  private static int checkPduLength(int pduLength) {
    return Checks.requireRange("pduLength", pduLength, MIN_LENGTH - 1, MAX_LENGTH - 1);
  }

  private static void requireRoom(ByteBuffer out, int bytes) {
    if (out.remaining() < bytes) {
      throw new BufferOverflowException();
    }
  }

  private static void putHeader(ByteBuffer out, int at, int transactionId, int unitId, int pduLength) {
    Bytes.putU16(out, at, transactionId);
    Bytes.putU16(out, at + 2, MODBUS_PROTOCOL_ID);
    Bytes.putU16(out, at + 4, pduLength + 1);
    out.put(at + 6, (byte) unitId);
  }
}
