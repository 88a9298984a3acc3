package dev.modbustoolkit.client.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A TCP connection, Nagle off (each request is one small frame that must go at once). Blocking, read by a reader
 * thread of its own; or non-blocking, read by the shared {@link ClientLoop}.
 */
public final class TcpConduit implements Conduit {
  /** A non-blocking write that makes no progress waits this long before it tries again. */
  private static final long WRITE_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  /** How long a non-blocking write may make no progress (the peer reads nothing) before the link is given up. */
  private static final long WRITE_STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final SocketChannel channel;
  private final boolean loop;

  private TcpConduit(SocketChannel channel, boolean loop) {
    this.channel = channel;
    this.loop = loop;
  }

  /**
   * {@return an opener connecting to {@code host}:{@code port} within {@code connectTimeout}}
   *
   * @param host the host
   * @param port the port
   * @param connectTimeout the longest a connect may take
   * @param loop whether the shared {@link ClientLoop} reads the connection (else a reader thread of its own)
   */
  public static Opener opener(String host, int port, Duration connectTimeout, boolean loop) {
    return new Opener() {
      @Override
      public Conduit open() throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
          channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
          channel.socket().connect(new InetSocketAddress(host, port), (int) Math.max(1, connectTimeout.toMillis()));
          if (loop) {
            channel.configureBlocking(false);
          }
          return new TcpConduit(channel, loop);
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
    long stalledSince = 0;
    while (frame.hasRemaining()) {
      if (channel.write(frame) > 0 || !loop) {
        stalledSince = 0;
        continue;
      }
      // Non-blocking and the send buffer is full: the peer reads nothing for now. Rare (a frame is at most 260
      // bytes, a window at most 32 of them), so a short wait and a retry rather than a second selector.
      long now = System.nanoTime();
      if (stalledSince == 0) {
        stalledSince = now;
      } else if (now - stalledSince > WRITE_STALL_LIMIT_NANOS) {
        throw new IOException("the peer has read nothing for "
            + TimeUnit.NANOSECONDS.toSeconds(WRITE_STALL_LIMIT_NANOS) + " s: its receive window stays full");
      }
      LockSupport.parkNanos(WRITE_RETRY_NANOS);
    }
  }

  @Override
  public boolean datagrams() {
    return false;
  }

  @Override
  public @Nullable SelectableChannel selectable() {
    return loop ? channel : null;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket that already failed: nothing left to release.
    }
    if (loop) {
      // A registered channel is closed for good when the selector next deregisters it.
      ClientLoop.shared().wakeup();
    }
  }
}
