package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.server.tcp.ConnectionLimitPolicy;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accept loop, on one platform thread. A permit of the connection semaphore is taken before {@code accept()}
 * where the policy allows, belongs to the accept loop until the connection's thread has started, and is released
 * on every path where it does not get that far; afterwards the connection releases it when it ends.
 */
final class AcceptLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AcceptLoop.class);

  /** Pause after a failed accept() (e.g. out of file descriptors) so the loop does not spin. */
  private static final long ACCEPT_FAILURE_BACKOFF_MILLIS = 50;

  /** How long an evicted connection may take to end and free its permit. */
  private static final long EVICTION_WAIT_MILLIS = 2_000;

  private final ServerSocketChannel serverSocket;
  private final ServerRuntime server;
  private final Semaphore permits;
  private final ConnectionLimitPolicy policy;

  AcceptLoop(ServerSocketChannel serverSocket, ServerRuntime server, Semaphore permits) {
    this.serverSocket = serverSocket;
    this.server = server;
    this.permits = permits;
    this.policy = server.config().limitPolicy();
  }

  @Override
  public void run() {
    try {
      while (serverSocket.isOpen()) {
        acceptOne();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.debug("Accept loop of {} interrupted", server.name());
    } finally {
      LOG.debug("Accept loop of {} ended", server.name());
    }
  }

  private void acceptOne() throws InterruptedException {
    boolean permit = permits.tryAcquire();
    @Nullable SocketChannel socket = null;
    boolean handedOver = false;
    try {
      if (!permit && policy == ConnectionLimitPolicy.REFUSE) {
        // Leave new clients in the listen backlog until a connection ends.
        permits.acquire();
        permit = true;
      }
      socket = accept();
      if (socket == null) {
        return;
      }
      if (!permit) {
        permit = permits.tryAcquire() || (policy == ConnectionLimitPolicy.EVICT_OLDEST_IDLE && evictOne());
      }
      if (!permit) {
        server.rejected(socket);
        return;
      }
      handedOver = server.startConnection(socket);
    } finally {
      if (!handedOver) {
        if (permit) {
          permits.release();
        }
        if (socket != null) {
          server.closeQuietly(socket);
        }
      }
    }
  }

  private @Nullable SocketChannel accept() throws InterruptedException {
    try {
      return serverSocket.accept();
    } catch (IOException e) {
      if (!serverSocket.isOpen()) {
        LOG.debug("Server socket of {} closed", server.name());
      } else {
        server.acceptFailed(e);
        Thread.sleep(ACCEPT_FAILURE_BACKOFF_MILLIS);
      }
      return null;
    }
  }

  /** Closes the connection idle longest and takes its permit once it has ended. */
  private boolean evictOne() throws InterruptedException {
    Connection victim = server.registry().oldestIdle();
    if (victim == null) {
      return false;
    }
    server.evict(victim);
    return permits.tryAcquire(EVICTION_WAIT_MILLIS, TimeUnit.MILLISECONDS);
  }
}
