package dev.modbustoolkit.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import org.jspecify.annotations.Nullable;

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

  /**
   * {@return how long the line must be quiet after a byte for a frame to have ended (t3.5 and a tolerance on a
   * serial line in RTU mode), or -1 when silence means nothing on this link (a socket: its reads block until
   * bytes come)} When a {@link #read} returned 0 and the last byte is at least this old, the reader asks the
   * framing to end the pending frame ({@link ClientFraming#scanAtSilence}).
   */
  default long interFrameSilenceNanos() {
    return -1;
  }

  /**
   * {@return the channel, in non-blocking mode, when the shared {@link ClientLoop} reads this conduit; null when a
   * reader thread of its own blocks in {@link #read}} A selectable conduit's {@link #read} returns 0 when nothing
   * has arrived, and its {@link #write} still writes the whole frame.
   */
  default @Nullable SelectableChannel selectable() {
    return null;
  }

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
