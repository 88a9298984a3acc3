package dev.modbustoolkit.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.IllegalBlockingModeException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The selector loop on pipes, without sockets: readiness handed to the attachment on the loop's thread, tasks in
 * order and never inline, one channel's failure kept to that channel, a failing selector failing the loop (and
 * only the loop), stop and discard. Every wait is bounded.
 */
class SelectorLoopTest {
  private static final long WAIT_SECONDS = 10;

  private final List<SelectorLoop> loops = new ArrayList<>();
  private final List<Pipe> pipes = new ArrayList<>();
  private final BlockingQueue<SelectorLoop> failedLoops = new LinkedBlockingQueue<>();
  private final BlockingQueue<Thread> failureThreads = new LinkedBlockingQueue<>();

  /** Records what the loop hands it; reads (and discards) what is readable, or throws when told to. */
  private static final class Recorder implements SelectorLoop.Ready {
    final BlockingQueue<Thread> readyOn = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    volatile boolean explode;

    @Override
    public void onReady(SelectionKey key) {
      if (explode) {
        readyOn.add(Thread.currentThread());
        key.cancel();
        throw new IllegalStateException("bug in a channel's step");
      }
      try {
        ((Pipe.SourceChannel) key.channel()).read(ByteBuffer.allocate(64));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      // Reported only once the byte is read: the test's next byte then makes the channel ready again.
      readyOn.add(Thread.currentThread());
    }

    @Override
    public void fail(Throwable error) {
      failures.add(error);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (SelectorLoop l : loops) {
      l.stop();
      assertThat(l.join(Duration.ofSeconds(WAIT_SECONDS))).as("loop %s ends", l.thread().getName()).isTrue();
    }
    for (Pipe p : pipes) {
      p.source().close();
      p.sink().close();
    }
  }

  private SelectorLoop started(String name) throws IOException {
    SelectorLoop l = new SelectorLoop(name, true, failed -> {
      failureThreads.add(Thread.currentThread());
      failedLoops.add(failed);
    });
    loops.add(l);
    l.start();
    return l;
  }

  private Pipe pipe() throws IOException {
    Pipe p = Pipe.open();
    p.source().configureBlocking(false);
    pipes.add(p);
    return p;
  }

  private static void send(Pipe p) throws IOException {
    p.sink().write(ByteBuffer.wrap(new byte[] {1}));
  }

  private static void onLoop(SelectorLoop l, Runnable r) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    l.execute(() -> {
      r.run();
      done.countDown();
    });
    assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("task ran").isTrue();
  }

  @Test
  void aReadableChannelIsHandedToItsAttachmentOnTheLoopThread() throws Exception {
    SelectorLoop l = started("loop-readiness");
    Pipe p = pipe();
    Recorder r = new Recorder();
    onLoop(l, () -> l.register(p.source(), SelectionKey.OP_READ, r));

    send(p);
    assertThat(r.readyOn.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(l.thread());
    send(p);
    assertThat(r.readyOn.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(l.thread());
    assertThat(r.failures).isEmpty();
    assertThat(l.failed()).isFalse();
  }

  @Test
  void tasksRunOnTheLoopInOrderAndNeverInline() throws Exception {
    SelectorLoop l = started("loop-tasks");
    List<String> ran = new CopyOnWriteArrayList<>();
    BlockingQueue<Boolean> inLoop = new LinkedBlockingQueue<>();
    CountDownLatch done = new CountDownLatch(1);
    l.execute(() -> {
      inLoop.add(l.inLoop());
      l.execute(() -> {
        ran.add("inner");
        done.countDown();
      });
      ran.add("outer");
    });
    assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("outer", "inner");
    assertThat(inLoop.poll()).isTrue();
    assertThat(l.inLoop()).as("from the test's thread").isFalse();
    assertThat(l.join(Duration.ofMillis(50))).as("a loop nobody stopped does not end").isFalse();
  }

  @Test
  void aTaskThatThrowsLeavesTheLoopServing() throws Exception {
    SelectorLoop l = started("loop-task-failure");
    l.execute(() -> {
      throw new IllegalStateException("a task's bug");
    });
    Pipe p = pipe();
    Recorder r = new Recorder();
    onLoop(l, () -> l.register(p.source(), SelectionKey.OP_READ, r));
    send(p);
    assertThat(r.readyOn.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(l.thread());
    assertThat(l.failed()).isFalse();
  }

  @Test
  void aChannelWhoseStepThrowsIsFailedAndTheOthersAreServedOn() throws Exception {
    SelectorLoop l = started("loop-channel-failure");
    Pipe bad = pipe();
    Pipe good = pipe();
    Recorder broken = new Recorder();
    broken.explode = true;
    Recorder healthy = new Recorder();
    onLoop(l, () -> {
      l.register(bad.source(), SelectionKey.OP_READ, broken);
      l.register(good.source(), SelectionKey.OP_READ, healthy);
    });

    send(bad);
    assertThat(broken.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("bug in a channel's step");
    send(good);
    assertThat(healthy.readyOn.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(l.thread());
    assertThat(healthy.failures).isEmpty();
    assertThat(l.failed()).isFalse();
    assertThat(failedLoops).isEmpty();
  }

  @Test
  void aClosedChannelIsNotRegisteredAndARegistrationThatFailsFailsItsAttachment() throws Exception {
    SelectorLoop l = started("loop-registration");
    Pipe closed = pipe();
    closed.source().close();
    Recorder ofClosed = new Recorder();
    Pipe blocking = pipe();
    blocking.source().configureBlocking(true);
    Recorder ofBlocking = new Recorder();

    onLoop(l, () -> {
      l.register(closed.source(), SelectionKey.OP_READ, ofClosed);
      l.register(blocking.source(), SelectionKey.OP_READ, ofBlocking);
    });
    assertThat(ofClosed.failures).as("a channel closed meanwhile is left alone").isEmpty();
    assertThat(ofBlocking.failures.poll(WAIT_SECONDS, TimeUnit.SECONDS))
        .isInstanceOf(IllegalBlockingModeException.class);
    onLoop(l, () -> assertThat(l.selector().keys()).isEmpty());
  }

  @Test
  void aFailingSelectorFailsTheLoopWhichStillRunsItsTasksUntilStopped() throws Exception {
    SelectorLoop l = started("loop-selector-failure");
    SelectorLoop other = started("loop-bystander");
    l.selector().close();

    assertThat(failedLoops.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isSameAs(l);
    assertThat(failureThreads.poll()).as("the failure handler runs on the loop").isSameAs(l.thread());
    assertThat(l.failed()).isTrue();
    onLoop(l, () -> assertThat(l.inLoop()).isTrue());
    // Past the failed loop's poll period: it still runs what it is given, until it is stopped.
    Thread.sleep(250);
    onLoop(l, () -> assertThat(l.inLoop()).isTrue());
    assertThat(l.join(Duration.ofMillis(50))).as("a failed loop runs on until stopped").isFalse();
    assertThat(other.failed()).isFalse();
    onLoop(other, () -> { });
    assertThat(failedLoops).as("one failure, reported once").isEmpty();

    l.stop();
    assertThat(l.join(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
  }

  @Test
  void stopEndsTheLoopAfterTheTasksAlreadyGivenAndClosesTheSelector() throws Exception {
    SelectorLoop l = started("loop-stop");
    CountDownLatch ran = new CountDownLatch(1);
    l.execute(ran::countDown);
    l.stop();
    assertThat(l.join(Duration.ofSeconds(WAIT_SECONDS))).isTrue();
    assertThat(ran.getCount()).isZero();
    assertThat(l.selector().isOpen()).isFalse();
    assertThat(l.failed()).isFalse();
  }

  @Test
  void aLoopNeverStartedIsDiscardedAndTheDaemonFlagIsTheCallers() throws Exception {
    SelectorLoop daemon = new SelectorLoop("loop-daemon", true, failed -> { });
    SelectorLoop worker = new SelectorLoop("loop-worker", false, failed -> { });
    assertThat(daemon.thread().isDaemon()).isTrue();
    assertThat(worker.thread().isDaemon()).isFalse();
    assertThat(daemon.thread().getName()).isEqualTo("loop-daemon");
    daemon.discard();
    worker.discard();
    assertThat(daemon.selector().isOpen()).isFalse();
    assertThat(worker.selector().isOpen()).isFalse();
  }
}
