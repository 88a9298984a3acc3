package dev.modbustoolkit.testkit;

import java.nio.charset.StandardCharsets;

/**
 * Frames built by hand from a unit id and a PDU, for expected bytes that do not come from the encoders under
 * test: MBAP (Modbus Messaging on TCP/IP Implementation Guide V1.0b, 3.1.3), RTU and ASCII (Modbus over Serial
 * Line V1.02, 2.5.1 and 2.5.2) over {@link Checksums}.
 */
public final class Frames {
  private Frames() {}

  /** Transaction id, protocol id 0, length (unit + PDU), unit id, PDU. */
  public static byte[] mbap(int transactionId, int unitId, byte[] pdu) {
    byte[] frame = new byte[7 + pdu.length];
    frame[0] = (byte) (transactionId >>> 8);
    frame[1] = (byte) transactionId;
    int length = 1 + pdu.length;
    frame[4] = (byte) (length >>> 8);
    frame[5] = (byte) length;
    frame[6] = (byte) unitId;
    System.arraycopy(pdu, 0, frame, 7, pdu.length);
    return frame;
  }

  /** {@link #mbap(int, int, byte[])} with the PDU in hex. */
  public static byte[] mbap(int transactionId, int unitId, String pduHex) {
    return mbap(transactionId, unitId, Hex.parse(pduHex));
  }

  /** Address, PDU, CRC-16 low byte first. */
  public static byte[] rtu(int unitId, byte[] pdu) {
    byte[] frame = new byte[1 + pdu.length + 2];
    frame[0] = (byte) unitId;
    System.arraycopy(pdu, 0, frame, 1, pdu.length);
    int crc = Checksums.crc16(frame, 0, 1 + pdu.length);
    frame[1 + pdu.length] = (byte) crc;
    frame[2 + pdu.length] = (byte) (crc >>> 8);
    return frame;
  }

  /** {@link #rtu(int, byte[])} with the PDU in hex. */
  public static byte[] rtu(int unitId, String pduHex) {
    return rtu(unitId, Hex.parse(pduHex));
  }

  /** ':', address, PDU and LRC as upper-case hex digits, CR LF. */
  public static byte[] ascii(int unitId, byte[] pdu) {
    byte[] body = new byte[1 + pdu.length];
    body[0] = (byte) unitId;
    System.arraycopy(pdu, 0, body, 1, pdu.length);
    String digits = Hex.format(body).replace(" ", "") + String.format("%02X", Checksums.lrc(body));
    return (":" + digits + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** {@link #ascii(int, byte[])} with the PDU in hex. */
  public static byte[] ascii(int unitId, String pduHex) {
    return ascii(unitId, Hex.parse(pduHex));
  }

  /** The bytes of {@code frames} one after the other (a pipelined stream). */
  public static byte[] concat(byte[]... frames) {
    int length = 0;
    for (byte[] f : frames) {
      length += f.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] f : frames) {
      System.arraycopy(f, 0, all, at, f.length);
      at += f.length;
    }
    return all;
  }
}
