package dev.modbustoolkit.transport.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The open connections of a stream server: lookups, the eviction candidate, the open count, the wait for none. */
class ConnectionRegistryTest {
  /** A connection as the registry sees it; the fields are what each test sets. */
  private static final class Fake implements StreamConnection {
    private final long id;
    private final long lastActivity;
    volatile boolean busy;
    volatile boolean closing;

    Fake(long id, long lastActivity) {
      this.id = id;
      this.lastActivity = lastActivity;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public boolean isBusy() {
      return busy;
    }

    @Override
    public boolean isClosing() {
      return closing;
    }

    @Override
    public long lastActivityNanos() {
      return lastActivity;
    }
  }

  private final ConnectionRegistry<Fake> registry = new ConnectionRegistry<>();

  @Test
  void findsConnectionsByIdAndForgetsRemovedOnes() {
    Fake a = new Fake(1, 0);
    Fake b = new Fake(2, 0);
    registry.add(a);
    registry.add(b);
    assertThat(registry.get(2)).isSameAs(b);
    assertThat(registry.size()).isEqualTo(2);
    assertThat(registry.all()).containsExactlyInAnyOrder(a, b);
    registry.remove(b);
    assertThat(registry.get(2)).isNull();
    assertThat(registry.all()).containsExactly(a);
  }

  @Test
  void theEvictionCandidateIsIdleLongestAndNeitherBusyNorClosing() {
    Fake longestIdleButBusy = new Fake(1, Long.MIN_VALUE + 5);
    Fake idleLongest = new Fake(2, Long.MAX_VALUE - 10);
    Fake closing = new Fake(3, Long.MAX_VALUE - 20);
    Fake recent = new Fake(4, Long.MAX_VALUE);
    longestIdleButBusy.busy = true;
    closing.closing = true;
    for (Fake f : new Fake[] {longestIdleButBusy, idleLongest, closing, recent}) {
      registry.add(f);
    }
    assertThat(registry.oldestIdle()).isSameAs(idleLongest);
    idleLongest.busy = true;
    recent.busy = true;
    assertThat(registry.oldestIdle()).as("every connection busy or closing").isNull();
  }

  @Test
  void theConnectionIdleLongestIsFoundWhereverItIsInTheMap() throws Exception {
    // Ids 33 and 2 land in the hash map in that order (buckets 1 and 2 of 16): the answer is not the first seen.
    Fake recent = new Fake(33, 1_000);
    Fake idleLongest = new Fake(2, 10);
    Fake between = new Fake(3, 500);
    registry.add(recent);
    registry.add(idleLongest);
    registry.add(between);
    assertThat(registry.oldestIdle()).isSameAs(idleLongest);
    assertThat(registry.oldestOpen()).as("the lowest id, wherever it is").isSameAs(idleLongest);
    idleLongest.closing = true;
    assertThat(registry.oldestIdle()).isSameAs(between);
    assertThat(registry.oldestOpen()).isSameAs(between);
  }

  @Test
  void aTimedOutWaitLeavesTheRegistryUsableByOtherThreads() throws Exception {
    Fake a = new Fake(1, 0);
    registry.add(a);
    Thread waiter = Thread.ofPlatform().daemon(true).start(() -> {
      try {
        registry.awaitEmpty(10, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    waiter.join();
    // The waiter let go of the registry's lock: removing the last connection here does not block.
    Thread remover = Thread.ofPlatform().daemon(true).start(() -> registry.remove(a));
    remover.join(java.time.Duration.ofSeconds(10));
    assertThat(remover.isAlive()).isFalse();
    assertThat(registry.size()).isZero();
  }

  @Test
  void openCountAndOldestOpenLeaveClosingConnectionsOut() {
    Fake first = new Fake(7, 0);
    Fake second = new Fake(9, 0);
    Fake third = new Fake(12, 0);
    registry.add(third);
    registry.add(first);
    registry.add(second);
    assertThat(registry.openCount()).isEqualTo(3);
    assertThat(registry.oldestOpen()).isSameAs(first);
    first.closing = true;
    assertThat(registry.openCount()).isEqualTo(2);
    assertThat(registry.oldestOpen()).isSameAs(second);
    second.closing = true;
    third.closing = true;
    assertThat(registry.oldestOpen()).isNull();
    assertThat(registry.size()).as("closing connections stay registered until they end").isEqualTo(3);
  }

  @Test
  void awaitEmptyReturnsWhenTheLastConnectionEndsOrTheTimeRunsOut() throws Exception {
    assertThat(registry.awaitEmpty(0, TimeUnit.SECONDS)).as("empty from the start").isTrue();
    Fake a = new Fake(1, 0);
    registry.add(a);
    assertThat(registry.awaitEmpty(20, TimeUnit.MILLISECONDS)).isFalse();
    Thread ender = Thread.ofVirtual().start(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      registry.remove(a);
    });
    assertThat(registry.awaitEmpty(10, TimeUnit.SECONDS)).isTrue();
    ender.join();
  }
}
