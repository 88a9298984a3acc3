package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.fault.FrameFormat;
import dev.modbustoolkit.serial.AsciiFrameEncoder;
import dev.modbustoolkit.serial.SerialMode;

/**
 * How a response PDU becomes bytes on the line, and that frame's layout for the fault pipeline, which mutates
 * the frame exactly as it would be sent (RTU: address, PDU, CRC; ASCII: ':', hex digits, LRC digits, CR LF).
 */
public sealed interface WireFormat extends FrameFormat permits RtuWireFormat, AsciiWireFormat {
  /** Room {@link #encode} may need: the longest ASCII frame. */
  int MAX_LINE_FRAME = AsciiFrameEncoder.MAX_FRAME_LENGTH;

  /** The format for a mode. */
  static WireFormat of(SerialMode mode, long characterNanos) {
    return switch (mode) {
      case RTU -> new RtuWireFormat(characterNanos);
      case ASCII -> new AsciiWireFormat(characterNanos);
    };
  }

  /**
   * Writes the line frame of a response from {@code unitId} with the PDU {@code pdu[0, pduLength)} into {@code
   * out} (at least {@link #MAX_LINE_FRAME} bytes) and returns its length.
   */
  int encode(int unitId, byte[] pdu, int pduLength, byte[] out);
}
