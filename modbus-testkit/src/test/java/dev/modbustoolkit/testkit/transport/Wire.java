package dev.modbustoolkit.testkit.transport;

import dev.modbustoolkit.testkit.Frames;
import dev.modbustoolkit.testkit.Hex;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FrameCodecs;

/**
 * The three framings as tests see them: a codec from production, frames from the testkit's oracle. A transaction
 * id is only carried by MBAP; the serial framings ignore it.
 */
enum Wire {
  MBAP {
    @Override
    FrameCodec codec() {
      return FrameCodecs.mbap();
    }

    @Override
    byte[] frame(int transactionId, int unitId, byte[] pdu) {
      return Frames.mbap(transactionId, unitId, pdu);
    }
  },
  RTU {
    @Override
    FrameCodec codec() {
      return FrameCodecs.rtu();
    }

    @Override
    byte[] frame(int transactionId, int unitId, byte[] pdu) {
      return Frames.rtu(unitId, pdu);
    }
  },
  ASCII {
    @Override
    FrameCodec codec() {
      return FrameCodecs.ascii();
    }

    @Override
    byte[] frame(int transactionId, int unitId, byte[] pdu) {
      return Frames.ascii(unitId, pdu);
    }
  };

  /** A new codec of this framing. */
  abstract FrameCodec codec();

  /** A frame built by the oracle. */
  abstract byte[] frame(int transactionId, int unitId, byte[] pdu);

  /** {@link #frame(int, int, byte[])} with the PDU in hex. */
  byte[] frame(int transactionId, int unitId, String pduHex) {
    return frame(transactionId, unitId, Hex.parse(pduHex));
  }

  /** The oracle's frame in {@link Hex#format} form, as {@code InMemoryLink.answersHex} lists answers. */
  String hex(int transactionId, int unitId, String pduHex) {
    return Hex.format(frame(transactionId, unitId, pduHex));
  }
}
