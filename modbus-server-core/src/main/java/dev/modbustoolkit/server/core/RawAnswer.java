package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusLimits;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's side of {@link RawPduHandler}: offers the bytes, restores both buffers when the handler
 * declines, and holds an answer to the contract the typed path's answers are held to (same function code, an
 * exception response of two bytes with a code 1..255, at most 253 bytes), replacing a broken answer or a throwing
 * handler with SERVER_DEVICE_FAILURE (04).
 */
final class RawAnswer {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusDispatcher.class);

  private RawAnswer() {}

  /** Requests the fast path is offered: function codes 1..127 (0x00 and bit 0x80 are never valid requests). */
  static boolean offered(int functionCode) {
    return functionCode != 0 && functionCode < ModbusLimits.EXCEPTION_OFFSET;
  }

  /**
   * Offers the request to {@code raw}. True when a response PDU is at {@code out} from its position on entry to
   * its position now (the handler's, or SERVER_DEVICE_FAILURE in its place); false when the handler declined, with
   * both buffers as they were.
   */
  static boolean serve(
      RawPduHandler raw, RequestContext context, int unitId, int functionCode, ByteBuffer pdu, ByteBuffer out) {
    int pduPosition = pdu.position();
    int pduLimit = pdu.limit();
    int start = out.position();
    int outLimit = out.limit();
    boolean answered;
    try {
      answered = switch (raw.serveRaw(context, unitId, pdu, out)) {
        case ANSWERED -> true;
        case DECLINED -> false;
      };
    } catch (RuntimeException e) {
      LOG.warn("Handler {} failed on a request with function code {} for unit {}: answering SERVER_DEVICE_FAILURE",
          raw, functionCode, unitId, e);
      return failure(functionCode, pdu, pduLimit, out, start, outLimit);
    }
    pdu.limit(pduLimit);
    out.limit(outLimit);
    if (!answered) {
      pdu.position(pduPosition);
      out.position(start);
      return false;
    }
    if (!wellFormed(functionCode, out, start)) {
      LOG.warn("Handler {} answered a request with function code {} for unit {} with {} bytes breaking the "
          + "RawPduHandler contract: answering SERVER_DEVICE_FAILURE", raw, functionCode, unitId,
          out.position() - start);
      return failure(functionCode, pdu, pduLimit, out, start, outLimit);
    }
    return true;
  }

  /** The exception code of the answer at {@code start}, or 0 for a normal response. */
  static int exceptionCode(ByteBuffer out, int start) {
    return (out.get(start) & ModbusLimits.EXCEPTION_OFFSET) == 0 ? 0 : Byte.toUnsignedInt(out.get(start + 1));
  }

  private static boolean wellFormed(int functionCode, ByteBuffer out, int start) {
    int written = out.position() - start;
    if (written < 1 || written > ModbusLimits.MAX_PDU_LENGTH) {
      return false;
    }
    int first = Byte.toUnsignedInt(out.get(start));
    if (first == functionCode) {
      return true;
    }
    return first == (functionCode | ModbusLimits.EXCEPTION_OFFSET) && written == 2 && out.get(start + 1) != 0;
  }

  private static boolean failure(
      int functionCode, ByteBuffer pdu, int pduLimit, ByteBuffer out, int start, int outLimit) {
    pdu.limit(pduLimit);
    out.limit(outLimit).position(start);
    ExceptionResponse.writeException(functionCode, ExceptionCode.SERVER_DEVICE_FAILURE, out);
    return true;
  }
}
