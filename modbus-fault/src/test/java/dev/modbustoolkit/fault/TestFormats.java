package dev.modbustoolkit.fault;

import java.util.Arrays;
import java.util.HexFormat;

/** Frame formats and sample frames as the transports will produce them. */
final class TestFormats {
  private TestFormats() {}

  /** One character at 19200 baud, 11 bits: 572 917 ns, rounded. */
  static final long RTU_CHARACTER_NANOS = 572_917;

  /** Modbus TCP: the layout the transports use (MBAP: tx id, protocol id, length, unit id, then the PDU). */
  static final FrameFormat MBAP = FrameFormats.mbap();

  /** Modbus RTU, 19200 baud: the layout the transports use (address + PDU + CRC-16/Modbus, low byte first). */
  static final FrameFormat RTU = FrameFormats.rtu(RTU_CHARACTER_NANOS);

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** A TCP frame for a PDU: tx id 0x1234, unit id. */
  static byte[] tcp(int txId, int unitId, byte[] pdu) {
    byte[] f = new byte[7 + pdu.length];
    f[0] = (byte) (txId >>> 8);
    f[1] = (byte) txId;
    f[6] = (byte) unitId;
    System.arraycopy(pdu, 0, f, 7, pdu.length);
    MBAP.reseal(f, f.length);
    return f;
  }

  /** An RTU frame for a PDU with a valid CRC. */
  static byte[] rtu(int address, byte[] pdu) {
    byte[] f = new byte[1 + pdu.length + 2];
    f[0] = (byte) address;
    System.arraycopy(pdu, 0, f, 1, pdu.length);
    RTU.reseal(f, f.length);
    return f;
  }

  /** FC 03 response with two registers 0x000A, 0x000B. */
  static final byte[] READ_PDU = hex("03 04 000A 000B");

  /** FC 06 response (echo), no byte count. */
  static final byte[] WRITE_PDU = hex("06 0001 0003");

  static final byte[] TCP_READ = tcp(0x1234, 0x11, READ_PDU);
  static final byte[] RTU_READ = rtu(0x11, READ_PDU);

  /** The format for a transport. */
  static FrameFormat formatOf(Transport t) {
    return t == Transport.TCP ? MBAP : RTU;
  }

  /** The sample read response framed for a transport. */
  static byte[] readFrameFor(Transport t) {
    return t == Transport.TCP ? TCP_READ.clone() : RTU_READ.clone();
  }

  /** A copy with a tail appended. */
  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int i = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }

  static byte[] prefix(byte[] b, int n) {
    return Arrays.copyOf(b, n);
  }
}
