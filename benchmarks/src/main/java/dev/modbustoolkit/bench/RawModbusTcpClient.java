package dev.modbustoolkit.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A minimal closed-loop Modbus TCP load client, written against the wire format only (no Modbus library, so every
 * server is measured with the same client): {@code connections} blocking sockets, each with exactly one request in
 * flight. {@link #next()} completes the oldest request (reads and checks its response) and sends the next one on
 * the same connection, round robin, so the server always sees every connection busy, as with one client thread
 * per connection doing request/response, but without the client's own thread switches in the measurement.
 *
 * <p>Every response is checked: transaction id, function code (an exception response fails), MBAP length and
 * total size. Not thread-safe: one per benchmark thread.
 */
public final class RawModbusTcpClient implements AutoCloseable {
  private static final int HEADER = 7;

  private final SocketChannel[] channels;
  private final ByteBuffer[] requests;
  private final ByteBuffer response;
  private final int[] transactionIds;
  private final int functionCode;
  private final int responseLength;
  private int next;

  /**
   * Connects and sends the first request on every connection.
   *
   * @param pdu the request PDU sent over and over (unit 1)
   * @param responsePduLength the length of the expected normal response PDU
   */
  public RawModbusTcpClient(InetSocketAddress server, int connections, byte[] pdu, int responsePduLength)
      throws IOException {
    this.channels = new SocketChannel[connections];
    this.requests = new ByteBuffer[connections];
    this.transactionIds = new int[connections];
    this.functionCode = Byte.toUnsignedInt(pdu[0]);
    this.responseLength = HEADER + responsePduLength;
    this.response = ByteBuffer.allocateDirect(responseLength);
    try {
      for (int i = 0; i < connections; i++) {
        SocketChannel ch = SocketChannel.open();
        channels[i] = ch;
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.connect(server);
        ByteBuffer request = ByteBuffer.allocateDirect(HEADER + pdu.length);
        request.putShort(0, (short) 0).putShort(2, (short) 0).putShort(4, (short) (1 + pdu.length))
            .put(6, (byte) 1).put(HEADER, pdu);
        requests[i] = request;
        transactionIds[i] = i;
      }
      for (int i = 0; i < connections; i++) {
        send(i);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Completes one request and sends the next on its connection; returns the transaction id answered. */
  public int next() throws IOException {
    int i = next;
    next = i + 1 == channels.length ? 0 : i + 1;
    int answered = receive(i);
    transactionIds[i] = (transactionIds[i] + channels.length) & 0xFFFF;
    send(i);
    return answered;
  }

  private void send(int i) throws IOException {
    ByteBuffer request = requests[i];
    request.clear();
    request.putShort(0, (short) transactionIds[i]);
    SocketChannel ch = channels[i];
    while (request.hasRemaining()) {
      ch.write(request);
    }
  }

  private int receive(int i) throws IOException {
    response.clear();
    SocketChannel ch = channels[i];
    // Read until the frame its MBAP length announces is complete, so a short (exception) response fails the
    // check below instead of blocking for bytes that never come.
    while (true) {
      if (ch.read(response) < 0) {
        throw new EOFException("connection " + i + " closed by the server");
      }
      int got = response.position();
      if (got >= 6 && got >= 6 + Short.toUnsignedInt(response.getShort(4))) {
        break;
      }
      if (!response.hasRemaining()) {
        break;
      }
    }
    int tid = Short.toUnsignedInt(response.getShort(0));
    int length = Short.toUnsignedInt(response.getShort(4));
    int fc = Byte.toUnsignedInt(response.get(HEADER));
    if (tid != transactionIds[i] || fc != functionCode || length != responseLength - 6
        || response.position() != responseLength) {
      throw new IllegalStateException("connection " + i + ": unexpected response: transaction " + tid + " (sent "
          + transactionIds[i] + "), function code " + fc + ", MBAP length " + length + ", " + response.position()
          + " bytes");
    }
    return tid;
  }

  @Override
  public void close() {
    for (SocketChannel ch : channels) {
      if (ch != null) {
        try {
          ch.close();
        } catch (IOException e) {
          // Closing a benchmark socket: nothing to do about it.
        }
      }
    }
  }
}
