package dev.modbustoolkit.server.rtu.internal;

import java.io.IOException;

/** Where the engine writes responses: a serial port or a test's recorder. */
@FunctionalInterface
public interface FrameOutput {
  /** Writes the bytes; returns once they have left (drained to the UART). */
  void send(byte[] bytes, int offset, int length) throws IOException;
}
