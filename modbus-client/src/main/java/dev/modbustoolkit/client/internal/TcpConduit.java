package dev.modbustoolkit.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/** A TCP connection in blocking mode, Nagle off (each request is one small frame that must go at once). */
public final class TcpConduit implements Conduit {
  private final SocketChannel channel;

  private TcpConduit(SocketChannel channel) {
    this.channel = channel;
  }

  /**
   * {@return an opener connecting to {@code host}:{@code port} within {@code connectTimeout}}
   *
   * @param host the host
   * @param port the port
   * @param connectTimeout the longest a connect may take
   */
  public static Opener opener(String host, int port, Duration connectTimeout) {
    return new Opener() {
      @Override
      public Conduit open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          channel.socket().connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
          return new TcpConduit(channel);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      }

      @Override
      public String describe() {
        return host + ":" + port;
      }
    };
  }

  @Override
  public int read(ByteBuffer into) throws IOException {
    return channel.read(into);
  }

  @Override
  public void write(ByteBuffer frame) throws IOException {
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
  }

  @Override
  public boolean datagrams() {
    return false;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket that already failed: nothing left to release.
    }
  }
}
