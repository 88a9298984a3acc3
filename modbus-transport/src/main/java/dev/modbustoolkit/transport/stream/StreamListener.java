package dev.modbustoolkit.transport.stream;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept loop of a stream server, run on a thread of the server's (a platform thread: it spends its life in
 * {@code accept()}). It keeps the server under its connection limit with a {@link ConnectionLimitPolicy}, survives
 * every accept error it can outlive (running out of file descriptors among them: it counts the error, backs off
 * and accepts again), and hands each admitted channel to the server's {@link Acceptor}.
 *
 * <p>Permits: one per connection, {@code maxConnections} in all. Where the policy allows, a permit is taken before
 * {@code accept()}; it belongs to the listener until {@link Acceptor#serve} has taken the channel over, and is given
 * back on every path where it does not get that far. From then on it is the connection's: the server calls {@link
 * #release()} once that connection has ended.
 *
 * <p>The loop ends when the server socket is closed (the server's shutdown) or the thread is interrupted.
 */
public final class StreamListener implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamListener.class);

  /** Pause after a failed accept() (e.g. out of file descriptors) so the loop does not spin. */
  private static final long ACCEPT_FAILURE_BACKOFF_MILLIS = 50;

  /** How long an evicted connection may take to end and free its permit. */
  private static final long EVICTION_WAIT_MILLIS = 2_000;

  /** What the server does with what the listener accepts. Called on the listener's thread, one at a time. */
  public interface Acceptor {
    /**
     * Takes over an admitted channel: applies connect-time faults, registers the connection and starts serving it.
     *
     * @param channel a connected channel, in blocking mode
     * @return true when the server took the channel (it then calls {@link #release()} when the connection ends);
     *     false when it did not (the listener closes the channel and takes the permit back)
     */
    boolean serve(SocketChannel channel);

    /**
     * A client over the limit that the policy closes ({@link ConnectionLimitPolicy#CLOSE_NEW}, or an eviction that
     * found no idle connection): count and report it. The listener closes the channel afterwards.
     *
     * @param channel the client's channel
     */
    void rejected(SocketChannel channel);

    /**
     * Asks the connection idle longest to close, for {@link ConnectionLimitPolicy#EVICT_OLDEST_IDLE}; the
     * listener then waits a little for its permit.
     *
     * @return false when no connection is idle (all busy or closing): the new client is rejected
     */
    boolean evictOldestIdle();

    /**
     * {@code accept()} failed while the server socket is open (e.g. EMFILE): count and log it; the listener backs
     * off and accepts again.
     *
     * @param error what accept threw
     */
    void acceptFailed(IOException error);
  }

  private final String name;
  private final ServerSocketChannel serverSocket;
  private final Semaphore permits;
  private final ConnectionLimitPolicy policy;
  private final Acceptor acceptor;

  /**
   * A listener on a bound server socket.
   *
   * @param name the server's name, for log entries
   * @param serverSocket bound, in blocking mode; the server closes it to stop the listener
   * @param maxConnections how many connections may be open at once, at least 1
   * @param policy what to do with a client over the limit
   * @param acceptor the server side
   * @throws IllegalArgumentException if {@code maxConnections} is less than 1
   */
  public StreamListener(String name, ServerSocketChannel serverSocket, int maxConnections,
      ConnectionLimitPolicy policy, Acceptor acceptor) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
    }
    this.name = Objects.requireNonNull(name, "name");
    this.serverSocket = Objects.requireNonNull(serverSocket, "serverSocket");
    this.permits = new Semaphore(maxConnections);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.acceptor = Objects.requireNonNull(acceptor, "acceptor");
  }

  /** Gives back the permit of a connection {@link Acceptor#serve} took over, once that connection has ended. */
  public void release() {
    permits.release();
  }

  @Override
  public void run() {
    try {
      while (serverSocket.isOpen()) {
        acceptOne();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.debug("Accept loop of {} interrupted", name);
    } finally {
      LOG.debug("Accept loop of {} ended", name);
    }
  }

  private void acceptOne() throws InterruptedException {
    boolean permit = permits.tryAcquire();
    @Nullable SocketChannel channel = null;
    boolean handedOver = false;
    try {
      if (!permit && policy == ConnectionLimitPolicy.REFUSE) {
        // Leave new clients in the listen backlog until a connection ends.
        permits.acquire();
        permit = true;
      }
      channel = accept();
      if (channel == null) {
        return;
      }
      if (!permit) {
        permit = permits.tryAcquire() || (policy == ConnectionLimitPolicy.EVICT_OLDEST_IDLE && evictOne());
      }
      if (!permit) {
        acceptor.rejected(channel);
        return;
      }
      handedOver = acceptor.serve(channel);
    } finally {
      if (!handedOver) {
        if (permit) {
          permits.release();
        }
        if (channel != null) {
          closeQuietly(channel);
        }
      }
    }
  }

  private @Nullable SocketChannel accept() throws InterruptedException {
    try {
      return serverSocket.accept();
    } catch (IOException e) {
      if (!serverSocket.isOpen()) {
        LOG.debug("Server socket of {} closed", name);
      } else {
        acceptor.acceptFailed(e);
        Thread.sleep(ACCEPT_FAILURE_BACKOFF_MILLIS);
      }
      return null;
    }
  }

  /** Closes the connection idle longest and takes its permit once it has ended. */
  private boolean evictOne() throws InterruptedException {
    return acceptor.evictOldestIdle() && permits.tryAcquire(EVICTION_WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.trace("close failed: {}", e.toString());
    }
  }
}
