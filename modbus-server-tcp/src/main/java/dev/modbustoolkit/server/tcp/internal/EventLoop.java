package dev.modbustoolkit.server.tcp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread serving many connections: it waits for readiness, lets each ready connection read, answer
 * and write without blocking, and runs tasks other threads hand it (registration, closes), so that everything a
 * loop connection does happens on this one thread.
 *
 * <p>A platform thread: a virtual thread blocked in {@code select} would pin its carrier anyway, and this thread
 * is meant to keep one core busy.
 */
final class EventLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

  /** How often a failed loop looks for tasks when nobody wakes it. */
  private static final long FAILED_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final Selector selector;
  private final Thread thread;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  // Set by the first task submitted since the loop last looked: later submitters skip the wakeup syscall.
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  // One instance, so select(Consumer) allocates nothing per round.
  private final Consumer<SelectionKey> onReady = EventLoop::ready;
  private final Consumer<EventLoop> onFailure;
  // The input and output buffers of every connection of this loop that has nothing pending: a connection takes
  // buffers of its own only while a request is partial or an answer waits for room (see Connection).
  private final ByteBuffer sharedInput = ByteBuffer.allocate(Connection.BUFFER_SIZE);
  private final ByteBuffer sharedOutput = ByteBuffer.allocate(Connection.BUFFER_SIZE);
  private volatile boolean stopped;
  private volatile boolean failed;

  /**
   * @param onFailure run on the loop thread if its selector fails: must close the loop's connections (they can no
   *     longer be served)
   */
  EventLoop(String name, Consumer<EventLoop> onFailure) throws IOException {
    this.selector = Selector.open();
    this.thread = Thread.ofPlatform().name(name).unstarted(this);
    this.onFailure = onFailure;
  }

  /** Whether the selector failed: the loop serves nothing more and only closes what it is handed. */
  boolean failed() {
    return failed;
  }

  void start() {
    thread.start();
  }

  Thread thread() {
    return thread;
  }

  Selector selector() {
    return selector;
  }

  /** The input buffer the loop's connections share; used only on the loop thread. */
  ByteBuffer sharedInput() {
    return sharedInput;
  }

  /** The output buffer the loop's connections share; used only on the loop thread. */
  ByteBuffer sharedOutput() {
    return sharedOutput;
  }

  /** Runs {@code task} on the loop thread, after the current round; never inline. */
  void execute(Runnable task) {
    tasks.add(task);
    if (failed) {
      LockSupport.unpark(thread);
    } else if (wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Ends the loop after the tasks already submitted; connections still registered are left as they are. */
  void stop() {
    stopped = true;
    selector.wakeup();
    LockSupport.unpark(thread);
  }

  /** Releases a loop that was never started (its selector is otherwise closed when its thread ends). */
  void discard() {
    closeSelector();
  }

  private void closeSelector() {
    try {
      selector.close();
    } catch (IOException e) {
      LOG.trace("Closing the selector failed: {}", e.toString());
    }
  }

  /** Waits for the loop to end; false if it did not within {@code timeout}. */
  boolean join(java.time.Duration timeout) throws InterruptedException {
    return thread.join(timeout);
  }

  @Override
  public void run() {
    try {
      while (!stopped) {
        selector.select(onReady);
        wakeupPending.set(false);
        // Only a forced shutdown interrupts a loop outside a handler (a request timeout clears its own); a set
        // flag would make every select return at once.
        Thread.interrupted();
        runTasks();
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      // A selector that fails, or a bug or a class that cannot be loaded outside any one connection's step (a
      // connection's own failure ends that connection only, see ready): the loop cannot go on; its connections
      // are closed rather than left open with nobody serving them.
      failed = true;
      LOG.error("Event loop {} failed; closing its connections, new ones go to other loops", thread.getName(), e);
      onFailure.accept(this);
      // A connection handed to this loop just before it failed may still send its tasks: run them (each finds its
      // connection closed, or closes it) until the server stops.
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
    LoopIo c = (LoopIo) key.attachment();
    try {
      c.onReady(key);
    } catch (RuntimeException | LinkageError e) {
      // A bug in a connection, or a class it cannot load (out of file descriptors), must not end the loop that
      // serves the others.
      c.fail(e);
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
}
