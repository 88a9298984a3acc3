package dev.modbustoolkit.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A connected datagram channel: one request per datagram, answers only from the server's address. An ICMP "port
 * unreachable" is not a lost link (there is none): the read goes on and the request times out.
 */
public final class UdpConduit implements Conduit {
  private final DatagramChannel channel;

  private UdpConduit(DatagramChannel channel) {
    this.channel = channel;
  }

  /**
   * {@return an opener for datagrams to {@code host}:{@code port}}
   *
   * @param host the host
   * @param port the port
   */
  public static Opener opener(String host, int port) {
    return new Opener() {
      @Override
      public Conduit open() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
          channel.connect(new InetSocketAddress(host, port));
          return new UdpConduit(channel);
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      }

      @Override
      public String describe() {
        return "udp " + host + ":" + port;
      }
    };
  }

  @Override
  public int read(ByteBuffer into) throws IOException {
    while (true) {
      try {
        return channel.read(into);
      } catch (PortUnreachableException e) {
        if (!channel.isOpen()) {
          throw e;
        }
      }
    }
  }

  @Override
  public void write(ByteBuffer frame) throws IOException {
    try {
      channel.write(frame);
    } catch (PortUnreachableException e) {
      frame.position(frame.limit()); // nobody listens yet: the request will time out
    }
  }

  @Override
  public boolean datagrams() {
    return true;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
  }
}
