package dev.modbustoolkit.client.internal;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one event-loop thread that reads the TCP links of every client built with {@code eventLoop(true)}: one
 * selector, one wake-up for the answers of all of them (a master polling many devices otherwise has a reader
 * thread per connection, and a context switch per answer). The loop thread also runs what each answer completes:
 * the callbacks of the futures and the next requests they send, gathered into one write per link and read, as a
 * reader thread does. Started on first use, a daemon platform thread; it never stops (a JVM-wide resource, like
 * {@link ClientTimer}).
 */
public final class ClientLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ClientLoop.class);

  /** Pause after a failing select, so that a broken selector does not spin. */
  private static final long SELECT_FAILURE_BACKOFF_MILLIS = 100;

  private static volatile @Nullable Thread loopThread;

  private static final class Holder {
    static final ClientLoop SHARED = new ClientLoop();
  }

  private final Selector selector;
  private final Thread thread;
  private final Queue<Session> registrations = new ConcurrentLinkedQueue<>();
  // One instance, so select(Consumer) allocates nothing per round.
  private final Consumer<SelectionKey> onReady = ClientLoop::ready;

  private ClientLoop() {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new IllegalStateException("cannot open the client event loop's selector", e);
    }
    thread = Thread.ofPlatform().name("modbus-client-loop").daemon(true).unstarted(this);
    loopThread = thread;
    thread.start();
  }

  /** {@return the loop, started on first use} */
  static ClientLoop shared() {
    return Holder.SHARED;
  }

  /** {@return whether the calling thread is the loop's: a blocking wait here would wait for itself} */
  public static boolean onLoopThread() {
    return Thread.currentThread() == loopThread;
  }

  Thread thread() {
    return thread;
  }

  /** Wakes the loop so that it deregisters what was closed meanwhile (and releases its descriptor) at once. */
  void wakeup() {
    selector.wakeup();
  }

  /** Starts reading {@code session}'s selectable conduit; from any thread. */
  void register(Session session) {
    registrations.add(session);
    selector.wakeup();
  }

  @Override
  public void run() {
    while (true) {
      try {
        selector.select(onReady);
        for (Session s; (s = registrations.poll()) != null; ) {
          attach(s);
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("Client event loop: select failed", e);
        try {
          Thread.sleep(SELECT_FAILURE_BACKOFF_MILLIS);
        } catch (InterruptedException interrupted) {
          // Nobody interrupts this thread on purpose: go on serving.
          Thread.interrupted();
        }
      }
    }
  }

  private void attach(Session s) {
    SelectableChannel channel = s.conduit.selectable();
    if (channel == null) {
      throw new IllegalStateException("session of " + s.engine.name() + " has no selectable conduit");
    }
    try {
      channel.register(selector, SelectionKey.OP_READ, s);
    } catch (ClosedChannelException e) {
      // The link was dropped or the client closed before the loop got to it: nothing to read.
    } catch (RuntimeException e) {
      s.engine.drop(s, e);
    }
  }

  private static void ready(SelectionKey key) {
    if (key.isValid() && key.isReadable()) {
      ((Session) key.attachment()).readReady();
    }
  }
}
