package dev.modbustoolkit.server.core;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Test helpers: hex PDUs, contexts and a byte-level call through a dispatcher. */
final class Pdus {
  static final TcpRequestContext TCP = new TcpRequestContext(
      1, new InetSocketAddress(InetAddress.getLoopbackAddress(), 502),
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000));
  static final SerialRequestContext SERIAL = new SerialRequestContext("ttyTEST", true);

  private Pdus() {}

  /** "03 006B 0003" -> bytes; spaces are ignored. */
  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  /** Upper-case hex without separators. */
  static String hex(byte[] bytes) {
    return HexFormat.of().withUpperCase().formatHex(bytes);
  }

  /** Dispatches a hex request; the response as upper-case hex, or null when none is due. */
  static @Nullable String call(ModbusDispatcher dispatcher, RequestContext ctx, int unit, String requestHex) {
    byte[] response = call(dispatcher, ctx, unit, hex(requestHex));
    return response == null ? null : hex(response);
  }

  /** Dispatches request bytes; the response bytes, or null when none is due. */
  static byte @Nullable [] call(ModbusDispatcher dispatcher, RequestContext ctx, int unit, byte[] request) {
    ByteBuffer in = ByteBuffer.wrap(request);
    ByteBuffer out = ByteBuffer.allocate(260);
    out.position(3); // the transport's header room: the dispatcher must write at the position
    int n = dispatcher.dispatch(ctx, unit, in, out);
    if (in.hasRemaining()) {
      throw new AssertionError("request not consumed: " + in.remaining() + " bytes left");
    }
    if (n == ModbusDispatcher.NO_RESPONSE) {
      if (out.position() != 3) {
        throw new AssertionError("no response but the position moved to " + out.position());
      }
      return null;
    }
    if (out.position() != 3 + n) {
      throw new AssertionError("returned " + n + " bytes but the position moved by " + (out.position() - 3));
    }
    byte[] bytes = new byte[n];
    out.get(3, bytes);
    return bytes;
  }

  /** Removes spaces, upper-cases: the expected form of {@link #call(ModbusDispatcher, RequestContext, int, String)}. */
  static String norm(String hex) {
    return hex.replace(" ", "").toUpperCase();
  }
}
