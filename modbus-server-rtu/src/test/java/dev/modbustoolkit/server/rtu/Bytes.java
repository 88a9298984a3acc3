package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.testkit.Checksums;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Test helpers for byte strings. Frames are sealed with modbus-testkit's bit-by-bit CRC-16 and LRC
 * ({@link Checksums}), not the production tables under test.
 */
public final class Bytes {
  private Bytes() {}

  /** Bytes from hex with optional spaces: "01 03 00 00". */
  public static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  /** Hex with spaces, upper case. */
  public static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }

  /** An RTU frame: the bytes plus their CRC, low byte first. */
  public static byte[] rtu(String hexWithoutCrc) {
    byte[] body = hex(hexWithoutCrc);
    byte[] frame = new byte[body.length + 2];
    System.arraycopy(body, 0, frame, 0, body.length);
    int crc = Checksums.crc16(body);
    frame[body.length] = (byte) crc;
    frame[body.length + 1] = (byte) (crc >>> 8);
    return frame;
  }

  /** An ASCII frame: ':' + hex + LRC + CR LF. */
  public static byte[] ascii(String hexWithoutLrc) {
    byte[] body = hex(hexWithoutLrc);
    String text = ":" + HexFormat.of().withUpperCase().formatHex(body)
        + String.format("%02X", Checksums.lrc(body)) + "\r\n";
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** Concatenation. */
  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
