package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.transport.stream.SelectorLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One of the server's selector threads: a {@link SelectorLoop} (readiness, tasks from other threads, failure) and the
 * input and output buffers its connections share. Every step of a {@link LoopIo} runs on its thread.
 */
final class EventLoop {
  private final SelectorLoop loop;
  // The input and output buffers of every connection of this loop that has nothing pending: a connection takes
  // buffers of its own only while a request is partial or an answer waits for room (see Connection).
  private final ByteBuffer sharedInput = ByteBuffer.allocate(Connection.BUFFER_SIZE);
  private final ByteBuffer sharedOutput = ByteBuffer.allocate(Connection.BUFFER_SIZE);

  /**
   * @param onFailure run on the loop thread if its selector fails: must close the loop's connections (they can no
   *     longer be served)
   */
  EventLoop(String name, Consumer<EventLoop> onFailure) throws IOException {
    this.loop = new SelectorLoop(name, false, failedLoop -> onFailure.accept(this));
  }

  /** Whether the selector failed: the loop serves nothing more and only closes what it is handed. */
  boolean failed() {
    return loop.failed();
  }

  void start() {
    loop.start();
  }

  Thread thread() {
    return loop.thread();
  }

  Selector selector() {
    return loop.selector();
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
    loop.execute(task);
  }

  /** Ends the loop after the tasks already submitted; connections still registered are left as they are. */
  void stop() {
    loop.stop();
  }

  /** Releases a loop that was never started (its selector is otherwise closed when its thread ends). */
  void discard() {
    loop.discard();
  }

  /** Waits for the loop to end; false if it did not within {@code timeout}. */
  boolean join(Duration timeout) throws InterruptedException {
    return loop.join(timeout);
  }
}
