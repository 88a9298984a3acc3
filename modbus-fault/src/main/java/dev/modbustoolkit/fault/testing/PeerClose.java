package dev.modbustoolkit.fault.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * How the server end of a connection ended, as seen by a client: what a test asserts after a CLOSE_FIN,
 * CLOSE_RST or HOLD_OPEN directive.
 */
public final class PeerClose {

  /** The ways a connection can look from the client. */
  public enum Kind {
    /** Orderly close: read returned end of stream. */
    FIN,
    /** Reset: read failed with "connection reset". */
    RST,
    /** Nothing ended it within the timeout (e.g. HOLD_OPEN). */
    STILL_OPEN
  }

  /**
   * What was observed.
   *
   * @param kind how the connection ended
   * @param bytes the bytes read before that (on RST the operating system may already have discarded unread
   *     bytes, so a test should not rely on them then)
   */
  public record Observation(Kind kind, byte[] bytes) {
    /** Copies. */
    public Observation {
      bytes = bytes.clone();
    }

    /** {@return a copy of the bytes} */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Observation other && other.kind == kind && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return kind.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Observation[" + kind + ", " + HexFormat.of().formatHex(bytes) + "]";
    }
  }

  private PeerClose() {}

  /**
   * Reads from {@code socket} until the peer closes or resets it, or until {@code quiet} passes without any byte
   * arriving. Changes the socket's read timeout.
   *
   * @param socket the socket
   * @param quiet the quiet
   * @return the await
   * @throws IOException if the I/O fails
   */
  public static Observation await(Socket socket, Duration quiet) throws IOException {
    socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, quiet.toMillis())));
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buffer = new byte[512];
    while (true) {
      int n;
      try {
        n = in.read(buffer);
      } catch (SocketTimeoutException e) {
        return new Observation(Kind.STILL_OPEN, got.toByteArray());
      } catch (SocketException e) {
        if (isReset(e)) {
          return new Observation(Kind.RST, got.toByteArray());
        }
        throw e;
      }
      if (n < 0) {
        return new Observation(Kind.FIN, got.toByteArray());
      }
      got.write(buffer, 0, n);
    }
  }

  private static boolean isReset(SocketException e) {
    String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return m.contains("reset");
  }
}
