package dev.modbustoolkit.client.internal;

/**
 * The transaction ids of one MBAP link: handed out in sequence, never one still in flight and never one that timed
 * out within the quarantine (its late answer may still come, and must then find no request to be mistaken for:
 * the bug of j2mod#165 and pymodbus#475). The sequence alone keeps an id from coming back for 65,536 requests; the
 * quarantine covers links fast enough to wrap around within a late answer's lifetime. Guarded by the engine's lock.
 */
final class TransactionIds {
  private static final int RING = 4096;
  private final boolean[] quarantined = new boolean[65536];
  private final int[] ringIds = new int[RING];
  private final long[] ringUntil = new long[RING];
  private final long quarantineNanos;
  private int head;
  private int size;
  private int next = 1;

  TransactionIds(long quarantineNanos) {
    this.quarantineNanos = quarantineNanos;
  }

  /** The next free id; {@code inFlight} holds the ids in flight, {@code inFlightCount} of them from index 0. */
  int allocate(long nowNanos, int[] inFlight, int inFlightCount) {
    expire(nowNanos);
    for (int tries = 0; tries < 65536; tries++) {
      int id = next;
      next = (next + 1) & 0xFFFF;
      if (!quarantined[id] && !contains(inFlight, inFlightCount, id)) {
        return id;
      }
    }
    throw new IllegalStateException("no free transaction id: every one is in flight or quarantined");
  }

  private static boolean contains(int[] ids, int count, int id) {
    for (int i = 0; i < count; i++) {
      if (ids[i] == id) {
        return true;
      }
    }
    return false;
  }

  /** Keeps {@code id} out of use for the quarantine; the oldest entry leaves early when the ring is full. */
  void quarantine(int id, long nowNanos) {
    if (quarantined[id]) {
      return;
    }
    if (size == RING) {
      quarantined[ringIds[head]] = false;
      head = (head + 1) % RING;
      size--;
    }
    int tail = (head + size) % RING;
    ringIds[tail] = id;
    ringUntil[tail] = nowNanos + quarantineNanos;
    quarantined[id] = true;
    size++;
  }

  boolean isQuarantined(int id, long nowNanos) {
    expire(nowNanos);
    return quarantined[id];
  }

  private void expire(long nowNanos) {
    while (size > 0 && ringUntil[head] - nowNanos <= 0) {
      quarantined[ringIds[head]] = false;
      head = (head + 1) % RING;
      size--;
    }
  }
}
