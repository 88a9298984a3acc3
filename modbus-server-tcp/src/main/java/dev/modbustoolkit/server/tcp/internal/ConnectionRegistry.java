package dev.modbustoolkit.server.tcp.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/** The open connections, so that shutdown, eviction and monitoring can reach them. */
final class ConnectionRegistry {
  private final Map<Long, Connection> connections = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition emptied = lock.newCondition();

  void add(Connection connection) {
    connections.put(connection.id(), connection);
  }

  void remove(Connection connection) {
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

  @Nullable Connection get(long id) {
    return connections.get(id);
  }

  Collection<Connection> all() {
    return Collections.unmodifiableCollection(connections.values());
  }

  int size() {
    return connections.size();
  }

  /**
   * The connection that has received nothing for the longest time and is not processing a request, or null if
   * every connection is busy. A linear scan: it runs only when the limit is reached, and a heap kept up to date on
   * every read would cost every request instead.
   */
  @Nullable Connection oldestIdle() {
    Connection oldest = null;
    long oldestActivity = Long.MAX_VALUE;
    for (Connection c : connections.values()) {
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

  /** Connections open and not being closed: what a connection-limit fault compares with its maximum. */
  int openCount() {
    int n = 0;
    for (Connection c : connections.values()) {
      if (!c.isClosing()) {
        n++;
      }
    }
    return n;
  }

  /** The open connection accepted first (lowest id) that is not being closed, or null. */
  @Nullable Connection oldestOpen() {
    Connection oldest = null;
    for (Connection c : connections.values()) {
      if (!c.isClosing() && (oldest == null || c.id() < oldest.id())) {
        oldest = c;
      }
    }
    return oldest;
  }

  /**
   * Waits until no connection is left.
   *
   * @return true if empty, false if the time ran out
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitEmpty(long timeout, TimeUnit unit) throws InterruptedException {
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
