package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ModbusLimits;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A request as a {@link ForwardingHandler} receives it: the unit id and the request PDU as they arrived, where they
 * came from, and whether the request is a broadcast.
 *
 * <p><b>Broadcast.</b> {@code broadcast} is true for unit 0 on every transport: a forwarding handler stands for a
 * gateway, and on the serial line behind one, unit 0 is the broadcast address. Forward it without waiting for an
 * answer (no device answers a broadcast) and complete with {@link ForwardAnswer#none()}. On a serial line (and RTU
 * or ASCII over TCP) a broadcast is never answered, whatever the handler completes with, and reaches the handler
 * only when the line executes broadcasts ({@link RequestContext#broadcastAllowed()}). On Modbus TCP and UDP unit 0
 * reaches the handler only where it is routed to it (a catch-all route, or {@link
 * ModbusDispatcher.Builder#serverDevice} being the forwarding handler); nothing is sent when it completes with {@link
 * ForwardAnswer#none()}, while an answer it does give is sent, for masters that expect one from a TCP gateway.
 *
 * @param context where the request came from (per connection on TCP, per peer on UDP, per port on a serial line)
 * @param unitId the unit id as received, 0..255
 * @param pdu the request PDU as received, function code first, 1..253 bytes; copied in and out
 * @param broadcast whether the request is a broadcast (unit 0) that nobody answers downstream
 */
public record ForwardedRequest(RequestContext context, int unitId, byte[] pdu, boolean broadcast) {
  /**
   * Copies the PDU and checks the values.
   *
   * @throws IllegalArgumentException when {@code unitId} is outside 0..255 or {@code pdu} is empty or longer than 253
   *     bytes
   */
  public ForwardedRequest {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(pdu, "pdu");
    if (unitId < 0 || unitId > 0xFF) {
      throw new IllegalArgumentException("unit id " + unitId + " out of range 0..255");
    }
    if (pdu.length < 1 || pdu.length > ModbusLimits.MAX_PDU_LENGTH) {
      throw new IllegalArgumentException(
          "request PDU of " + pdu.length + " bytes, not 1.." + ModbusLimits.MAX_PDU_LENGTH);
    }
    pdu = pdu.clone();
  }

  /** {@return a copy of the request PDU} */
  @Override
  public byte[] pdu() {
    return pdu.clone();
  }

  /** {@return the request PDU as a read-only buffer, position 0, without a copy} */
  public ByteBuffer pduBuffer() {
    return ByteBuffer.wrap(pdu).asReadOnlyBuffer();
  }

  /** {@return the function code byte as received, 0..255} */
  public int functionCode() {
    return Byte.toUnsignedInt(pdu[0]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ForwardedRequest r && unitId == r.unitId && broadcast == r.broadcast
        && context.equals(r.context) && Arrays.equals(pdu, r.pdu);
  }

  @Override
  public int hashCode() {
    return Objects.hash(context, unitId, broadcast, Arrays.hashCode(pdu));
  }

  @Override
  public String toString() {
    return "ForwardedRequest[unit " + unitId + (broadcast ? " (broadcast)" : "") + ", pdu "
        + HexFormat.of().formatHex(pdu) + ", " + context + "]";
  }
}
