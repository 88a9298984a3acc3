package dev.modbustoolkit.server.core;

import java.nio.ByteBuffer;

/**
 * An opt-in fast path for a {@link ModbusRequestHandler}: the dispatcher first offers the request PDU bytes as
 * received, and the handler either answers them straight into the response buffer, with no request or response
 * record built, or declines, and the request goes through the decoder and the typed methods as for any handler.
 * Modelled on digitalpetri modbus's {@code RawModbusTcpServices}, but any transport (TCP, serial, a gateway) and any
 * handler can use it.
 *
 * <p><b>What the dispatcher still does.</b> Routing, broadcasts (never offered here: they are decoded and executed
 * through the typed methods, and never answered), listen-only mode (a device in it is not offered the request, so
 * only the decoder sees a restart), diagnostic counters, the comm event log and metrics are the dispatcher's,
 * exactly as for the typed path: an exception response written here is counted like one returned by a typed method.
 * Only requests with a function code 1..127 are offered (no valid request carries 0x00 or bit 0x80).
 *
 * <p><b>Contract of {@link #serveRaw}.</b> The request PDU is the bytes from {@code requestPdu}'s position to its
 * limit; the handler may move the position but must not change the limit or the content. The response PDU goes at
 * {@code responseOut}'s position (at least {@link dev.modbustoolkit.pdu.ModbusLimits#MAX_PDU_LENGTH} bytes remain)
 * and the position must end after it; the bytes past it may be used as scratch space. A normal response starts with
 * the request's function code; an exception response is exactly two bytes, {@code (fc & 0x7F) | 0x80} and a code
 * 1..255 ({@link dev.modbustoolkit.pdu.ExceptionResponse#writeException} writes it). The handler answers only
 * requests the decoder would accept unchanged, and names in its exception responses the address (02) and execution
 * (04) refusals of the spec's state diagrams; a request it cannot judge (malformed, a quantity out of range, a
 * function it does not serve this way) it declines without writing, so the decoder names the exception (01, 03) as
 * always. An answer that breaks these rules, or a handler that throws, yields SERVER_DEVICE_FAILURE (04). On
 * {@link RawOutcome#DECLINED} the dispatcher restores both buffers' positions.
 *
 * <p>The point of the interface is a path that allocates nothing per request: an implementation should not either.
 * Called from many threads at once, as the typed methods are.
 */
public interface RawPduHandler {

  /**
   * Answers the request PDU into {@code responseOut}, or declines it.
   *
   * @param unitId the unit id as received, 0..255
   * @param requestPdu the request PDU, position to limit
   * @param responseOut where the response PDU goes, at its position
   * @param context where the request came from
   * @return {@link RawOutcome#ANSWERED} when a response PDU (normal or exception) was written,
   *     {@link RawOutcome#DECLINED} to have the typed path serve the request
   */
  RawOutcome serveRaw(RequestContext context, int unitId, ByteBuffer requestPdu, ByteBuffer responseOut);
}
