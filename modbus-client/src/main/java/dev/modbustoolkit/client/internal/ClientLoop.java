package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.transport.stream.SelectorLoop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one event loop that reads the TCP links of every client built with {@code eventLoop(true)}: one selector, one
 * wake-up for the answers of all of them (a master polling many devices otherwise has a reader thread per
 * connection, and a context switch per answer). The loop thread also runs what each answer completes: the callbacks
 * of the futures and the next requests they send, gathered into one write per link and read, as a reader thread
 * does. A {@link SelectorLoop} on a daemon thread, started on first use; nobody stops it (a JVM-wide resource, like
 * {@link ClientTimer}). If its selector fails, its links are dropped (their clients reconnect as after any lost link)
 * and the next link gets a new loop.
 */
public final class ClientLoop {
  private static final Object LOCK = new Object();
  private static volatile @Nullable ClientLoop current;

  private final SelectorLoop loop;
  // The links this loop reads, for dropping them if it fails (a failed selector no longer lists its keys). A link
  // that ended is pruned when the next one registers, so the set holds about the open links.
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

  private ClientLoop() {
    try {
      loop = new SelectorLoop("modbus-client-loop", true, failed -> dropAll());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the client event loop's selector", e);
    }
    loop.start();
  }

  /** {@return the loop, started on first use, and again after a loop failed} */
  static ClientLoop shared() {
    ClientLoop c = current;
    if (c != null && !c.loop.failed()) {
      return c;
    }
    synchronized (LOCK) {
      c = current;
      if (c == null || c.loop.failed()) {
        c = new ClientLoop();
        current = c;
      }
      return c;
    }
  }

  /** {@return whether the calling thread is the loop's: a blocking wait here would wait for itself} */
  public static boolean onLoopThread() {
    ClientLoop c = current;
    return c != null && c.loop.inLoop();
  }

  Thread thread() {
    return loop.thread();
  }

  /** {@return the selector loop underneath (a test fails it)} */
  SelectorLoop selectorLoop() {
    return loop;
  }

  /** Wakes the loop so that it deregisters what was closed meanwhile (and releases its descriptor) at once. */
  void wakeup() {
    loop.wakeup();
  }

  /** Starts reading {@code session}'s selectable conduit; from any thread. */
  void register(Session session) {
    SelectableChannel channel = session.conduit.selectable();
    if (channel == null) {
      throw new IllegalStateException("session of " + session.engine.name() + " has no selectable conduit");
    }
    sessions.removeIf(s -> !s.isOpen());
    sessions.add(session);
    loop.execute(() -> loop.register(channel, SelectionKey.OP_READ, session));
  }

  /** On the failed loop's thread: drops every link it read. */
  private void dropAll() {
    IOException cause = new IOException("the client event loop's selector failed");
    for (Session s : sessions) {
      s.fail(cause);
    }
    sessions.clear();
  }
}
