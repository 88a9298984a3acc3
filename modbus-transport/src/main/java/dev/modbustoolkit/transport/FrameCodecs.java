package dev.modbustoolkit.transport;

import dev.modbustoolkit.transport.internal.MbapCodec;

/** The toolkit's frame codecs; each call makes a new codec for one link. */
public final class FrameCodecs {
  private FrameCodecs() {}

  /**
   * MBAP (Modbus Messaging on TCP/IP Implementation Guide V1.0b), for Modbus TCP and Modbus over UDP: a frame whose
   * protocol id is not 0 is skipped whole (not ours to answer); a length field out of 2..254 loses the frame
   * boundary ({@link FramingException}).
   */
  public static FrameCodec mbap() {
    return new MbapCodec();
  }
}
