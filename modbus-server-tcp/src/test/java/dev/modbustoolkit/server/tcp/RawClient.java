package dev.modbustoolkit.server.tcp;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.IntFunction;

/** A byte-level Modbus TCP client for tests: sends whatever bytes it is given and reads whole MBAP frames. */
final class RawClient implements AutoCloseable {
  /** A frame as received. */
  record Frame(int transactionId, int protocolId, int unitId, byte[] pdu) {
    int functionCode() {
      return Byte.toUnsignedInt(pdu[0]);
    }

    int u16(int pduOffset) {
      return (Byte.toUnsignedInt(pdu[pduOffset]) << 8) | Byte.toUnsignedInt(pdu[pduOffset + 1]);
    }

    @Override
    public String toString() {
      return "Frame[tid=" + transactionId + ", proto=" + protocolId + ", unit=" + unitId + ", pdu="
          + HexFormat.of().formatHex(pdu) + "]";
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawClient connect(InetSocketAddress address) throws IOException {
    return connect(address, 0);
  }

  /**
   * A client whose receive buffer is fixed at {@code receiveBuffer} bytes (0: the system's, autotuned), set before
   * connecting so that the window stays that small.
   */
  static RawClient connect(InetSocketAddress address, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    try {
      if (receiveBuffer > 0) {
        s.setReceiveBufferSize(receiveBuffer);
      }
      s.setTcpNoDelay(true);
      s.connect(address, 5_000);
      s.setSoTimeout(5_000);
      return new RawClient(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  Socket socket() {
    return socket;
  }

  void readTimeout(int millis) throws SocketException {
    socket.setSoTimeout(millis);
  }

  /** The frame bytes for a PDU (protocol id 0). */
  static byte[] frame(int transactionId, int unitId, byte... pdu) {
    return frame(transactionId, 0, pdu.length + 1, unitId, pdu);
  }

  /** Arbitrary header fields, for malformed frames. */
  static byte[] frame(int transactionId, int protocolId, int lengthField, int unitId, byte... pdu) {
    byte[] f = new byte[7 + pdu.length];
    f[0] = (byte) (transactionId >>> 8);
    f[1] = (byte) transactionId;
    f[2] = (byte) (protocolId >>> 8);
    f[3] = (byte) protocolId;
    f[4] = (byte) (lengthField >>> 8);
    f[5] = (byte) lengthField;
    f[6] = (byte) unitId;
    System.arraycopy(pdu, 0, f, 7, pdu.length);
    return f;
  }

  /** FC03 read holding registers PDU. */
  static byte[] readHolding(int address, int quantity) {
    return new byte[] {0x03, (byte) (address >>> 8), (byte) address, (byte) (quantity >>> 8), (byte) quantity};
  }

  /** FC06 write single register PDU. */
  static byte[] writeRegister(int address, int value) {
    return new byte[] {0x06, (byte) (address >>> 8), (byte) address, (byte) (value >>> 8), (byte) value};
  }

  /** {@code count} frames back to back, frame i being {@code frameOf(i)}: what a pipelining client sends. */
  static byte[] pipeline(int count, IntFunction<byte[]> frameOf) {
    byte[][] frames = new byte[count][];
    for (int i = 0; i < count; i++) {
      frames[i] = frameOf.apply(i);
    }
    return concat(frames);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Sends a request frame and reads one frame back. */
  Frame call(int transactionId, int unitId, byte... pdu) throws IOException {
    send(frame(transactionId, unitId, pdu));
    return readFrame();
  }

  /** Exactly {@code n} bytes, however they arrive. */
  byte[] readBytes(int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  /** Whatever one read returns (at most {@code max} bytes), or an empty array at end of stream. */
  byte[] readSome(int max) throws IOException {
    byte[] b = new byte[max];
    int n = in.read(b);
    return n < 0 ? new byte[0] : Arrays.copyOf(b, n);
  }

  Frame readFrame() throws IOException {
    byte[] header = new byte[7];
    in.readFully(header);
    int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
    byte[] pdu = new byte[length - 1];
    in.readFully(pdu);
    return new Frame(((header[0] & 0xFF) << 8) | (header[1] & 0xFF), ((header[2] & 0xFF) << 8) | (header[3] & 0xFF),
        header[6] & 0xFF, pdu);
  }

  /**
   * True if the server closes the connection within {@code millis} (EOF or reset) without sending anything;
   * false if nothing happens in that time.
   *
   * @throws AssertionError if data arrives instead
   */
  boolean closedByPeerWithin(int millis) throws IOException {
    int old = socket.getSoTimeout();
    socket.setSoTimeout(millis);
    try {
      int b = in.read();
      if (b < 0) {
        return true;
      }
      throw new AssertionError("expected the connection to close but received byte " + b);
    } catch (SocketTimeoutException e) {
      return false;
    } catch (EOFException | SocketException e) {
      return true;
    } finally {
      if (!socket.isClosed()) {
        socket.setSoTimeout(old);
      }
    }
  }

  /** True if nothing at all arrives within {@code millis} and the connection stays open. */
  boolean silentFor(int millis) throws IOException {
    int old = socket.getSoTimeout();
    socket.setSoTimeout(millis);
    try {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      throw new AssertionError("expected silence but received byte " + b);
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(old);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Override
  public String toString() {
    return "RawClient" + Arrays.asList(socket.getLocalSocketAddress(), socket.getRemoteSocketAddress());
  }
}
