package dev.modbustoolkit.fault;

import dev.modbustoolkit.fault.internal.MbapFrameFormat;

/**
 * The frame layouts of the toolkit's framings, as the transports hand them to {@link FaultPlan#transmit}. The fault
 * pipeline's own tests run on these same layouts.
 */
public final class FrameFormats {
  private FrameFormats() {}

  /**
   * MBAP (Modbus TCP, Modbus over UDP): header 7, transaction id at 0, length field at 4, unit id at 6, no checksum;
   * resealing rewrites the length field from the frame's length.
   */
  public static FrameFormat mbap() {
    return MbapFrameFormat.INSTANCE;
  }
}
