package dev.modbustoolkit.transport.stream;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The open connections of one stream server, so that shutdown, eviction, idle checks and monitoring can reach
 * them. Thread-safe; a server adds a connection before it starts serving it and removes it once it has ended.
 *
 * @param <C> the server's connection type
 */
public final class ConnectionRegistry<C extends StreamConnection> {
  private final Map<Long, C> connections = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition emptied = lock.newCondition();

  /** Creates an empty registry. */
  public ConnectionRegistry() {}

  /**
   * Adds a connection.
   *
   * @param connection the connection, about to be served
   */
  public void add(C connection) {
    connections.put(connection.id(), connection);
  }

  /**
   * Removes a connection that has ended; wakes {@link #awaitEmpty} when it was the last.
   *
   * @param connection the connection
   */
  public void remove(C connection) {
    connections.remove(connection.id());
    if (connections.isEmpty()) {
      lock.lock();
      try {
        emptied.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * {@return the open connection with this id, or null}
   *
   * @param id the connection's id
   */
  public @Nullable C get(long id) {
    return connections.get(id);
  }

  /** {@return a live, unmodifiable view of the open connections} */
  public Collection<C> all() {
    return Collections.unmodifiableCollection(connections.values());
  }

  /** {@return how many connections are registered (closing ones included)} */
  public int size() {
    return connections.size();
  }

  /**
   * The connection that has received nothing for the longest time and is not processing a request, or null if
   * every connection is busy or closing. A linear scan: it runs only when the limit is reached, and a heap kept up
   * to date on every read would cost every request instead.
   *
   * @return the connection idle longest, or null
   */
  public @Nullable C oldestIdle() {
    C oldest = null;
    long oldestActivity = Long.MAX_VALUE;
    for (C c : connections.values()) {
      if (c.isBusy() || c.isClosing()) {
        continue;
      }
      long activity = c.lastActivityNanos();
      if (oldest == null || activity - oldestActivity < 0) {
        oldest = c;
        oldestActivity = activity;
      }
    }
    return oldest;
  }

  /** {@return connections open and not being closed: what a connection-limit fault compares with its maximum} */
  public int openCount() {
    int n = 0;
    for (C c : connections.values()) {
      if (!c.isClosing()) {
        n++;
      }
    }
    return n;
  }

  /** {@return the open connection accepted first (lowest id) that is not being closed, or null} */
  public @Nullable C oldestOpen() {
    C oldest = null;
    for (C c : connections.values()) {
      if (!c.isClosing() && (oldest == null || c.id() < oldest.id())) {
        oldest = c;
      }
    }
    return oldest;
  }

  /**
   * Waits until no connection is left.
   *
   * @param timeout how long to wait at most
   * @param unit the unit of {@code timeout}
   * @return true if empty, false if the time ran out
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
    long remaining = unit.toNanos(timeout);
    lock.lock();
    try {
      while (!connections.isEmpty()) {
        if (remaining <= 0) {
          return false;
        }
        remaining = emptied.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
