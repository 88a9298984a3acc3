package dev.modbustoolkit.server.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Frames as a client writes and reads them, per {@link TcpFraming}, with checks computed here independently of the
 * server's code: a bit-by-bit CRC-16/Modbus (the server's is table-driven) checked against the spec's example, and
 * the LRC as the spec defines it.
 */
final class Wire {
  private static final HexFormat HEX = HexFormat.of();

  private Wire() {}

  static byte[] hex(String hex) {
    return HEX.parseHex(hex.replace(" ", ""));
  }

  /** CRC-16/Modbus, bit by bit (Serial Line spec 6.2.2): polynomial 0xA001 reflected, initial 0xFFFF. */
  static int crc(byte[] bytes, int length) {
    int crc = 0xFFFF;
    for (int i = 0; i < length; i++) {
      crc ^= bytes[i] & 0xFF;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  static {
    // The Application Protocol spec's example: 01 03 00 00 00 0A -> CRC C5 CD on the wire (0xCDC5).
    if (crc(hex("01 03 00 00 00 0A"), 6) != 0xCDC5) {
      throw new AssertionError("test CRC disagrees with the spec's example");
    }
  }

  /** Address + PDU + CRC (low byte first). */
  static byte[] rtu(String unitAndPduHex) {
    byte[] body = hex(unitAndPduHex);
    byte[] frame = Arrays.copyOf(body, body.length + 2);
    int crc = crc(body, body.length);
    frame[body.length] = (byte) crc;
    frame[body.length + 1] = (byte) (crc >>> 8);
    return frame;
  }

  /** ':' + hex of address, PDU and LRC (two's complement of the byte sum, Serial Line spec 6.2.1) + CR LF. */
  static byte[] ascii(String unitAndPduHex) {
    byte[] body = hex(unitAndPduHex);
    int sum = 0;
    for (byte b : body) {
      sum += b & 0xFF;
    }
    String text = ":" + HEX.formatHex(body).toUpperCase(Locale.ROOT)
        + String.format(Locale.ROOT, "%02X", -sum & 0xFF) + "\r\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** The request with transaction id {@code tid} for {@code unit} and {@code pduHex}, framed as {@code f} frames it. */
  static byte[] request(TcpFraming f, int tid, int unit, String pduHex) {
    String unitAndPdu = String.format(Locale.ROOT, "%02x", unit) + pduHex.replace(" ", "");
    return switch (f) {
      case MBAP -> {
        byte[] pdu = hex(pduHex);
        yield RawClient.frame(tid, unit, pdu);
      }
      case RTU -> rtu(unitAndPdu);
      case ASCII -> ascii(unitAndPdu);
    };
  }

  /** The answer framed as {@code f} frames it (see {@link #request}). */
  static byte[] answer(TcpFraming f, int tid, int unit, String pduHex) {
    return request(f, tid, unit, pduHex);
  }

  /** Reads exactly {@code n} bytes, or fewer when the stream ends. */
  static byte[] read(InputStream in, int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[n];
    int total = 0;
    while (total < n) {
      int r = in.read(buffer, 0, n - total);
      if (r < 0) {
        break;
      }
      out.write(buffer, 0, r);
      total += r;
    }
    return out.toByteArray();
  }
}
