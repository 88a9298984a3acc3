package dev.modbustoolkit.fault;

import dev.modbustoolkit.fault.internal.AsciiFrameFormat;
import dev.modbustoolkit.fault.internal.MbapFrameFormat;
import dev.modbustoolkit.fault.internal.RtuFrameFormat;

/**
 * The frame layouts of the toolkit's framings, as the transports hand them to {@link FaultPlan#transmit}. The fault
 * pipeline's own tests run on these same layouts.
 */
public final class FrameFormats {
  private FrameFormats() {}

  /**
   * MBAP (Modbus TCP, Modbus over UDP): header 7, transaction id at 0, length field at 4, unit id at 6, no checksum;
   * resealing rewrites the length field from the frame's length.
   *
   * @return the MBAP layout
   */
  public static FrameFormat mbap() {
    return MbapFrameFormat.INSTANCE;
  }

  /**
   * RTU (on a line or over TCP): header 1 (address), unit id at 0, checksum 2 (CRC-16/Modbus, low byte first);
   * resealing recomputes the CRC.
   *
   * @param characterTimeNanos one character on the line, for gaps given in characters; 0 over TCP (9600 baud is
   *     assumed then)
   * @return the RTU layout
   */
  public static FrameFormat rtu(long characterTimeNanos) {
    return new RtuFrameFormat(requireNonNegative(characterTimeNanos));
  }

  /**
   * ASCII (on a line or over TCP): the frame as its text, ':' then hex digit pairs of address, PDU and LRC, CR LF;
   * header 3 (':' and the address digits), unit id at 1, checksum 4 (LRC digits, CR, LF); resealing recomputes the
   * LRC digits.
   *
   * @param characterTimeNanos one character on the line; 0 over TCP
   * @return the ASCII layout
   */
  public static FrameFormat ascii(long characterTimeNanos) {
    return new AsciiFrameFormat(requireNonNegative(characterTimeNanos));
  }

  private static long requireNonNegative(long characterTimeNanos) {
    if (characterTimeNanos < 0) {
      throw new IllegalArgumentException("characterTimeNanos " + characterTimeNanos + " is negative");
    }
    return characterTimeNanos;
  }
}
