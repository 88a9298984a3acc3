package dev.modbustoolkit.server.rtu.internal;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** What a framer reports: a checked frame or a stretch of dropped bytes. */
public sealed interface FramerEvent {

  /**
   * A frame whose CRC or LRC matched.
   *
   * @param kind request or response, as the framer could tell
   * @param unitId the address byte, 0..255 (0 = broadcast)
   * @param pdu the function code and data, without address and check bytes
   * @param startNanos when the first byte arrived (System.nanoTime scale)
   * @param endNanos when the last byte arrived, for the turnaround delay
   */
  record Frame(FrameKind kind, int unitId, byte[] pdu, long startNanos, long endNanos) implements FramerEvent {
    /** Copies the PDU. */
    public Frame {
      Objects.requireNonNull(kind, "kind");
      pdu = pdu.clone();
    }

    /** A copy of the PDU. */
    @Override
    public byte[] pdu() {
      return pdu.clone();
    }

    /** The function code byte, 0..255 (with 0x80 set for an exception response). */
    public int functionCode() {
      return pdu.length == 0 ? -1 : Byte.toUnsignedInt(pdu[0]);
    }

    /** The PDU length. */
    public int pduLength() {
      return pdu.length;
    }

    /** Copies the PDU into {@code out} at {@code offset} without another allocation. */
    public void copyPdu(byte[] out, int offset) {
      System.arraycopy(pdu, 0, out, offset, pdu.length);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Frame f
          && f.kind == kind
          && f.unitId == unitId
          && f.startNanos == startNanos
          && f.endNanos == endNanos
          && Arrays.equals(f.pdu, pdu);
    }

    @Override
    public int hashCode() {
      return Objects.hash(kind, unitId, startNanos, endNanos, Arrays.hashCode(pdu));
    }

    @Override
    public String toString() {
      return "Frame[" + kind + " unit " + unitId + " pdu " + HexFormat.ofDelimiter(" ").formatHex(pdu) + "]";
    }
  }

  /**
   * Bytes dropped as one bad frame (one event per bad stretch, however many resynchronisation attempts it took).
   *
   * @param byteCount how many bytes were dropped, at least 1
   * @param reason why
   */
  record Discarded(int byteCount, DiscardReason reason) implements FramerEvent {
    /** Checks the count is positive. */
    public Discarded {
      Objects.requireNonNull(reason, "reason");
      if (byteCount <= 0) {
        throw new IllegalArgumentException("byte count " + byteCount + " must be positive");
      }
    }
  }
}
