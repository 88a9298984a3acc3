package dev.modbustoolkit.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One open link as the client engine uses it: a socket, a datagram channel or a serial port. Written by one thread
 * at a time (the engine serialises writes), read by the link's reader thread only.
 */
public interface Conduit extends AutoCloseable {
  /**
   * Reads what has arrived, blocking until something has (or, for a serial port, until a short poll interval has
   * passed).
   *
   * @param into where the bytes go, at its position
   * @return the number of bytes read, 0 when none came in the poll interval, -1 at the end of the stream
   * @throws IOException when the link failed
   */
  int read(ByteBuffer into) throws IOException;

  /**
   * Writes the whole frame.
   *
   * @param frame the frame, position to limit
   * @throws IOException when the link failed
   */
  void write(ByteBuffer frame) throws IOException;

  /** {@return whether each read returns exactly one datagram} */
  boolean datagrams();

  /** Closes the link; a blocked read returns or throws. */
  @Override
  void close();

  /** Opens conduits to one place. */
  interface Opener {
    /**
     * {@return a new open conduit}
     *
     * @throws IOException when the link cannot be opened
     */
    Conduit open() throws IOException;

    /** {@return where it connects to, for messages and thread names} */
    String describe();
  }
}
