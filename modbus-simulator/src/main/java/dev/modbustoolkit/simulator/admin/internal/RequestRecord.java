package dev.modbustoolkit.simulator.admin.internal;

import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.core.TcpRequestContext;
import dev.modbustoolkit.simulator.profile.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the request log keeps it: what the dispatcher told, unformatted, so recording costs this one
 * object; {@link #toJson()} formats it when someone asks.
 *
 * @param seq its number in the log, from 0
 * @param epochMillis when it was dispatched
 * @param transport the transport it came over
 * @param context the link's context (the peer's address)
 * @param unit the unit id as received
 * @param functionCode the function code, or -1 for an empty PDU
 * @param exceptionCode the exception code of an exception response, else 0
 * @param outcome what was answered
 * @param faults the ids of the faults that fired on it: that answered in the device's stead, or that changed the
 *     device's answer on its way out; empty when none did
 * @param byFault whether a fault answered in the device's stead (the device never saw the request)
 * @param delivered false when faults dropped the device's answer, so that the peer got nothing
 */
public record RequestRecord(long seq, long epochMillis, Transport transport, RequestContext context, int unit,
    int functionCode, int exceptionCode, Outcome outcome, List<String> faults, boolean byFault, boolean delivered) {

  /** Copies the fault ids. */
  public RequestRecord {
    faults = List.copyOf(faults);
  }

  /** What a request got. */
  public enum Outcome {
    /** A normal response. */
    OK,
    /** An exception response. */
    EXCEPTION,
    /** No response (broadcast, listen-only, an unknown unit with that policy, a handler that answered nothing). */
    NONE
  }

  /**
   * {@return the JSON form of the API: seq, time, transport, peer, unit, functionCode, outcome, exceptionCode,
   * answeredBy ("device" or "fault"), the faults' ids, and whether an answer was delivered}
   */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("time", Instant.ofEpochMilli(epochMillis).toString());
    m.put("transport", Names.of(transport));
    m.put("peer", peer(context));
    m.put("unit", unit);
    m.put("functionCode", functionCode < 0 ? null : functionCode);
    m.put("outcome", Names.of(outcome));
    m.put("exceptionCode", outcome == Outcome.EXCEPTION ? exceptionCode : null);
    m.put("answeredBy", byFault ? "fault" : "device");
    m.put("faults", faults);
    m.put("delivered", delivered);
    return m;
  }

  /** {@return this request of the device's, with {@code faultIds} that changed its answer afterwards} */
  RequestRecord withAnswerFaulted(List<String> faultIds, boolean answerDelivered) {
    return new RequestRecord(seq, epochMillis, transport, context, unit, functionCode, exceptionCode, outcome,
        faultIds, false, answerDelivered);
  }

  /** "127.0.0.1:5555" for a network peer, the port name for a serial line. */
  static String peer(RequestContext context) {
    return switch (context) {
      case TcpRequestContext tcp -> hostAndPort(tcp.remoteAddress());
      case SerialRequestContext serial -> serial.portName();
      default -> context.toString();
    };
  }

  /** "127.0.0.1:5020" or "[::1]:5020". */
  public static String hostAndPort(InetSocketAddress address) {
    String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
