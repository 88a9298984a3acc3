package dev.modbustoolkit.transport.stream;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread serving many non-blocking channels: it waits for readiness, hands each ready key to the
 * {@link Ready} attached to it, and runs the tasks other threads give it (registrations, closes, completions), so
 * that everything a channel of this loop does happens on this one thread. The server's event loop and the client's
 * shared loop are each one of these.
 *
 * <p>A failing {@link Ready} fails only its own channel ({@link Ready#fail}); the loop goes on serving the others.
 * A failing selector (or an error outside any one channel's step) fails the loop: it calls its failure handler on
 * its own thread (which must end the channels it served: nobody reads them any more), reports {@link #failed()},
 * and from then on only runs the tasks it is given until it is stopped.
 *
 * <p>A platform thread: a virtual thread blocked in {@code select} would pin its carrier anyway, and this thread is
 * meant to keep one core busy. Nothing here allocates per round.
 */
public final class SelectorLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SelectorLoop.class);

  /** How often a failed loop looks for tasks when nobody wakes it. */
  private static final long FAILED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** What a channel registered with a loop is attached as: the loop calls it on its own thread. */
  public interface Ready {
    /**
     * The channel is ready for some of its interest set.
     *
     * @param key the channel's key (it may have been cancelled since)
     */
    void onReady(SelectionKey key);

    /**
     * Ends this channel: {@link #onReady} threw, its registration failed, or the loop failed.
     *
     * @param error why (the loop goes on serving the others, unless it failed itself)
     */
    void fail(Throwable error);
  }

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  // Set by the first task submitted since the loop last looked: later submitters skip the wakeup syscall.
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  // One instance, so select(Consumer) allocates nothing per round.
  private final Consumer<SelectionKey> onReady = SelectorLoop::ready;
  private final Consumer<SelectorLoop> onFailure;
  private volatile boolean stopped;
  private volatile boolean failed;

  /**
   * Opens the loop's selector; the thread starts with {@link #start()}.
   *
   * @param name the thread's name
   * @param daemon whether the thread is a daemon (a loop nobody stops, shared by a whole JVM, should be)
   * @param onFailure run on the loop's thread if the loop fails: must end the channels it served
   * @throws IOException if the selector cannot be opened
   */
  public SelectorLoop(String name, boolean daemon, Consumer<SelectorLoop> onFailure) throws IOException {
    Objects.requireNonNull(name, "name");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    this.selector = Selector.open();
    this.thread = Thread.ofPlatform().name(name).daemon(daemon).unstarted(this);
  }

  /** {@return whether the loop failed: it serves nothing more and only runs the tasks it is given} */
  public boolean failed() {
    return failed;
  }

  /** Starts the loop's thread. */
  public void start() {
    thread.start();
  }

  /** {@return the loop's thread} */
  public Thread thread() {
    return thread;
  }

  /** {@return whether the calling thread is the loop's own (a blocking wait there would wait for itself)} */
  public boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** {@return the selector, for registering channels and changing interest sets on the loop's thread} */
  public Selector selector() {
    return selector;
  }

  /**
   * Registers a channel with this loop; on the loop's thread. A channel closed meanwhile is left alone; a
   * registration that fails otherwise fails {@code ready}.
   *
   * @param channel a non-blocking channel
   * @param ops the interest set, {@link SelectionKey} operation bits
   * @param ready what the loop calls when the channel is ready
   */
  public void register(SelectableChannel channel, int ops, Ready ready) {
    try {
      channel.register(selector, ops, ready);
    } catch (ClosedChannelException e) {
      LOG.trace("Channel closed before its registration with {}", thread.getName());
    } catch (RuntimeException e) {
      ready.fail(e);
    }
  }

  /**
   * Runs a task on the loop's thread, after the current round; never inline; from any thread.
   *
   * @param task what to run (one that throws is logged, the loop goes on)
   */
  public void execute(Runnable task) {
    tasks.add(task);
    if (failed) {
      LockSupport.unpark(thread);
    } else if (wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Makes the loop's current or next {@code select} return, so that it sees keys cancelled meanwhile at once. */
  public void wakeup() {
    selector.wakeup();
  }

  /** Ends the loop after the tasks already submitted; channels still registered are left as they are. */
  public void stop() {
    stopped = true;
    selector.wakeup();
    LockSupport.unpark(thread);
  }

  /** Releases a loop that was never started (a started loop closes its selector when its thread ends). */
  public void discard() {
    closeSelector();
  }

  /**
   * Waits for the loop's thread to end.
   *
   * @param timeout how long to wait at most
   * @return false if it did not within {@code timeout}
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean join(Duration timeout) throws InterruptedException {
    return thread.join(timeout);
  }

  @Override
  public void run() {
    try {
      while (!stopped) {
        selector.select(onReady);
        wakeupPending.set(false);
        // Only a forced shutdown interrupts a loop outside a channel's step (a request timeout clears its own); a
        // set flag would make every select return at once.
        Thread.interrupted();
        runTasks();
      }
      // Stopped: what was given before the stop still runs (a close, say), as the stop promises.
      runTasks();
    } catch (IOException | RuntimeException | LinkageError e) {
      // A selector that fails, or a bug or a class that cannot be loaded outside any one channel's step (a
      // channel's own failure ends that channel only, see ready): the loop cannot go on; its channels are ended
      // rather than left open with nobody serving them.
      failed = true;
      LOG.error("Event loop {} failed; ending its channels", thread.getName(), e);
      onFailure.accept(this);
      // A channel handed to this loop just before it failed may still send its tasks: run them (each finds its
      // channel ended, or ends it) until the loop is stopped.
      while (!stopped) {
        runTasks();
        LockSupport.parkNanos(FAILED_POLL_NANOS);
      }
      runTasks();
    } finally {
      closeSelector();
      LOG.debug("Event loop {} ended", thread.getName());
    }
  }

  private static void ready(SelectionKey key) {
    Ready r = (Ready) key.attachment();
    try {
      r.onReady(key);
    } catch (RuntimeException | LinkageError e) {
      // A bug in one channel's step, or a class it cannot load (out of file descriptors), must not end the loop
      // that serves the others.
      r.fail(e);
    }
  }

  private void runTasks() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      runTask(task);
    }
  }

  private static void runTask(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("Event loop task failed", e);
    }
  }

  private void closeSelector() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.trace("Closing the selector failed: {}", e.toString());
    }
  }
}
