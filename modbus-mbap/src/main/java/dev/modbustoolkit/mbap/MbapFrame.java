package dev.modbustoolkit.mbap;

import dev.modbustoolkit.mbap.internal.Bytes;
import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import java.nio.ByteBuffer;

/**
 * One Modbus TCP frame: its MBAP header and its still-undecoded PDU bytes.
 *
 * <p>A frame returned by {@link MbapFrameDecoder#decode(ByteBuffer)} does not copy: its PDU is a read-only view
 * of the decoder's input buffer. It is valid only until the caller overwrites that region, typically by
 * {@link ByteBuffer#compact() compacting} or clearing its read buffer for the next socket read. Decode the PDU (or
 * call {@link #detached()}) before that.
 *
 * <p>The stored buffer's position is never moved: {@link #pdu()} returns a fresh view each time, so the frame can
 * be read any number of times. {@code equals} and {@code hashCode} compare PDU content.
 *
 * @param header the MBAP header; {@code header.pduLength()} equals the PDU's size
 * @param pdu the PDU bytes, function code first, from position 0 to the limit
 */
public record MbapFrame(MbapHeader header, ByteBuffer pdu) {

  /**
   * Takes a read-only view of {@code pdu}'s remaining bytes (no copy; {@code pdu}'s position is not moved).
   *
   * @throws IllegalArgumentException if {@code pdu.remaining()} differs from {@code header.pduLength()}
   */
  public MbapFrame {
    if (pdu.remaining() != header.pduLength()) {
      throw new IllegalArgumentException(
          "pdu has " + pdu.remaining() + " bytes but the header announces " + header.pduLength());
    }
    // Always a private view: whoever holds the argument could otherwise move its position or write through it.
    ByteBuffer view = pdu.slice();
    pdu = view.isReadOnly() ? view : view.asReadOnlyBuffer();
  }

  /**
   * {@return a Modbus frame (protocol id 0) with a header computed from {@code pdu.remaining()} (1..253 bytes)}
   *
   * @param transactionId the transaction id (0..65535)
   * @param unitId the unit id (0..255)
   * @param pdu the PDU
   */
  public static MbapFrame of(int transactionId, int unitId, ByteBuffer pdu) {
    return new MbapFrame(MbapHeader.of(transactionId, unitId, pdu.remaining()), pdu);
  }

  /** {@return a fresh read-only view of the PDU bytes, position 0, limit = PDU length} */
  @Override
  public ByteBuffer pdu() {
    return pdu.duplicate();
  }

  /**
   * Shortcut for {@code header().transactionId()}.
   *
   * @return the transaction id
   */
  public int transactionId() {
    return header.transactionId();
  }

  /**
   * Shortcut for {@code header().unitId()}.
   *
   * @return the unit id
   */
  public int unitId() {
    return header.unitId();
  }

  /** {@return bytes in the PDU} */
  public int pduLength() {
    return pdu.limit();
  }

  /** {@return the first PDU byte, unsigned (0x80 and above for an exception response)} */
  public int functionCode() {
    return Bytes.u8(pdu, 0);
  }

  /**
   * Decodes the PDU as a request (a server's view).
   *
   * @return the {@code ModbusRequest}
   * @throws ModbusDecodeException if the PDU is malformed
   */
  public ModbusRequest decodeRequest() {
    return ModbusPduCodec.decodeRequest(pdu.duplicate());
  }

  /**
   * Decodes the PDU as a response (a client's view).
   *
   * @return the {@code ModbusResponse}
   * @throws ModbusDecodeException if the PDU is malformed
   */
  public ModbusResponse decodeResponse() {
    return ModbusPduCodec.decodeResponse(pdu.duplicate());
  }

  /** {@return a frame that owns a private copy of the PDU and so survives the reuse of the decoder's input buffer} */
  public MbapFrame detached() {
    ByteBuffer copy = ByteBuffer.allocate(pdu.limit());
    copy.put(0, pdu, 0, pdu.limit());
    return new MbapFrame(header, copy);
  }

  @Override
  public String toString() {
    return "MbapFrame[header=" + header + ", pdu=" + Bytes.hex(pdu) + "]";
  }
}
