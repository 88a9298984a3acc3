package dev.modbustoolkit.server.rtu.internal;

import dev.modbustoolkit.serial.SerialLineSettings;
import java.io.IOException;

/** A serial device as the server uses it; jSerialComm in production, a fake in tests. */
public interface PortHandle extends AutoCloseable {

  /** The name the user gave (a path, possibly a symlink). */
  String name();

  /** True when the device is a pseudo-terminal, which ignores line settings such as parity. */
  boolean isPseudoTerminal();

  /** Applies the settings and opens the device; false when either failed (see {@link #lastError()}). */
  boolean open(SerialLineSettings settings);

  /** Opens the device leaving its terminal settings as they are; false when that failed. */
  boolean openUnconfigured();

  /** The operating system's error of the last failed call, for messages ("errno 22"). */
  String lastError();

  /**
   * Reads what is available, waiting at most about 100 ms for the first byte.
   *
   * @return bytes read, 0 when none came, -1 when the device is gone
   */
  int read(byte[] buffer) throws IOException;

  /** Writes all bytes and waits until they have been transmitted. */
  void write(byte[] bytes, int offset, int length) throws IOException;

  /** Closes the device, which also ends a read in progress. */
  @Override
  void close();
}
