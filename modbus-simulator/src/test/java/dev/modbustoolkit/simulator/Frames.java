package dev.modbustoolkit.simulator;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/** Raw Modbus frames for the tests, built by hand so the simulator is checked against the wire format itself. */
final class Frames {
  private Frames() {}

  /** Bytes from hex, spaces allowed: {@code hex("01 03")}. */
  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  /** CRC-16/MODBUS (poly 0xA001 reflected, init 0xFFFF). */
  static int crc16(byte[] bytes, int length) {
    int crc = 0xFFFF;
    for (int i = 0; i < length; i++) {
      crc ^= Byte.toUnsignedInt(bytes[i]);
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
      }
    }
    return crc;
  }

  /** An RTU frame: address and PDU from hex, then the CRC low byte first. */
  static byte[] rtu(String addressAndPdu) {
    byte[] body = hex(addressAndPdu);
    byte[] frame = Arrays.copyOf(body, body.length + 2);
    int crc = crc16(body, body.length);
    frame[body.length] = (byte) crc;
    frame[body.length + 1] = (byte) (crc >>> 8);
    return frame;
  }

  /** A Modbus TCP frame: MBAP header (transaction id, protocol 0, length, unit) and the PDU from hex. */
  static byte[] mbap(int transactionId, int unit, String pdu) {
    byte[] p = hex(pdu);
    byte[] frame = new byte[7 + p.length];
    frame[0] = (byte) (transactionId >>> 8);
    frame[1] = (byte) transactionId;
    frame[4] = (byte) ((p.length + 1) >>> 8);
    frame[5] = (byte) (p.length + 1);
    frame[6] = (byte) unit;
    System.arraycopy(p, 0, frame, 7, p.length);
    return frame;
  }

  /** Writes a request and reads exactly {@code length} bytes back. */
  static byte[] exchange(OutputStream out, InputStream in, byte[] request, int length) throws IOException {
    out.write(request);
    out.flush();
    return read(in, length);
  }

  /** Reads exactly {@code length} bytes. */
  static byte[] read(InputStream in, int length) throws IOException {
    byte[] answer = new byte[length];
    new DataInputStream(in).readFully(answer);
    return answer;
  }
}
