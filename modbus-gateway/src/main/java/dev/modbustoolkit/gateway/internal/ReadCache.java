package dev.modbustoolkit.gateway.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Answers to reads (FC 01-04) kept for a time-to-live, per downstream link and unit: many masters polling the
 * same registers cost the bus one read per TTL. An identical read already in flight is joined instead of sent
 * again. Any write through the gateway to a unit drops that unit's entries (before it is sent and again when it
 * is answered), so a master never reads back an old value after its own write.
 */
final class ReadCache {
  private record Key(String downstream, int unit, byte[] pdu) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.unit == unit && k.downstream.equals(downstream) && Arrays.equals(k.pdu, pdu);
    }

    @Override
    public int hashCode() {
      return (downstream.hashCode() * 31 + unit) * 31 + Arrays.hashCode(pdu);
    }
  }

  private record Entry(byte[] answer, long expiresNanos) {}

  private final long ttlNanos;
  private final Map<Key, Entry> answers = new ConcurrentHashMap<>();
  private final Map<Key, CompletableFuture<byte[]>> inFlight = new ConcurrentHashMap<>();
  // Bumped by every write: a read that was in flight across a write may have read the old value, so its answer
  // is passed on but not cached.
  private final AtomicLong writes = new AtomicLong();

  ReadCache(long ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  static boolean cacheable(byte[] pdu) {
    int fc = pdu[0] & 0xFF;
    return fc >= 1 && fc <= 4;
  }

  static boolean isWrite(byte[] pdu) {
    return switch (pdu[0] & 0xFF) {
      case 0x05, 0x06, 0x0F, 0x10, 0x15, 0x16, 0x17 -> true;
      default -> false;
    };
  }

  /** A fresh cached answer, or null. */
  byte @Nullable [] get(String downstream, int unit, byte[] pdu, long nowNanos) {
    Key key = new Key(downstream, unit, pdu);
    Entry e = answers.get(key);
    if (e == null) {
      return null;
    }
    if (nowNanos - e.expiresNanos >= 0) {
      answers.remove(key, e);
      return null;
    }
    return e.answer;
  }

  /**
   * The read in flight for the same key, or {@code send}'s new one (then remembered until it completes, and its
   * normal answer cached).
   *
   * @return the future, and whether it was joined rather than sent
   */
  Joined join(String downstream, int unit, byte[] pdu, Supplier<CompletableFuture<byte[]>> send) {
    Key key = new Key(downstream, unit, pdu);
    boolean[] created = new boolean[1];
    CompletableFuture<byte[]> future = inFlight.computeIfAbsent(key, k -> {
      created[0] = true;
      return new CompletableFuture<>();
    });
    if (!created[0]) {
      return new Joined(future, true);
    }
    long writesBefore = writes.get();
    send.get().whenComplete((answer, error) -> {
      inFlight.remove(key, future);
      if (error == null) {
        if ((answer[0] & 0x80) == 0 && writes.get() == writesBefore) {
          answers.put(key, new Entry(answer, System.nanoTime() + ttlNanos));
        }
        future.complete(answer);
      } else {
        future.completeExceptionally(error);
      }
    });
    return new Joined(future, false);
  }

  record Joined(CompletableFuture<byte[]> future, boolean merged) {}

  void invalidate(String downstream, int unit) {
    writes.incrementAndGet();
    inFlight.keySet().removeIf(k -> k.unit == unit && k.downstream.equals(downstream)); // later reads go fresh
    answers.keySet().removeIf(k -> k.unit == unit && k.downstream.equals(downstream));
  }
}
