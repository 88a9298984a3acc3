package dev.modbustoolkit.server.rtu.internal;

import java.io.IOException;

/** Where the engine writes responses: a serial port, a TCP connection or a test's recorder. */
public interface FrameOutput {
  /** Writes the bytes; returns once they have left (serial: drained to the UART; TCP: flushed). */
  void send(byte[] bytes, int offset, int length) throws IOException;

  /**
   * Applies a closing connection directive. Serial ports have no connection: they ignore it.
   *
   * @param reset true for an abortive close (TCP RST), false for an orderly one
   */
  void closeConnection(boolean reset) throws IOException;
}
