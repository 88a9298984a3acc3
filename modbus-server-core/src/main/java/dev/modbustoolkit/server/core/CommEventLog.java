package dev.modbustoolkit.server.core;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The communication event log a serial device returns with Get Comm Event Log (FC 0x0C): the last 64 event
 * bytes, most recent first. The event byte layouts are those of spec section 6.9; the constants below name
 * their bits.
 *
 * <p>Thread-safe and lock-free.
 */
public final class CommEventLog {
  /** The spec's log holds 64 events. */
  public static final int CAPACITY = 64;

  /** Receive event: bit 7 set marks the byte as a receive event. */
  public static final int RECEIVE_EVENT = 0x80;
  /** Receive event bit 1: communication error (CRC/LRC, framing). */
  public static final int RECEIVE_COMMUNICATION_ERROR = 0x02;
  /** Receive event bit 4: character overrun. */
  public static final int RECEIVE_CHARACTER_OVERRUN = 0x10;
  /** Receive event bit 5: the device was in listen-only mode. */
  public static final int RECEIVE_LISTEN_ONLY = 0x20;
  /** Receive event bit 6: broadcast received. */
  public static final int RECEIVE_BROADCAST = 0x40;

  /** Send event: bit 7 clear and bit 6 set mark the byte as a send event. */
  public static final int SEND_EVENT = 0x40;
  /** Send event bit 0: read exception sent (exception codes 1-3). */
  public static final int SEND_READ_EXCEPTION = 0x01;
  /** Send event bit 1: server abort exception sent (exception code 4). */
  public static final int SEND_SERVER_ABORT_EXCEPTION = 0x02;
  /** Send event bit 2: server busy exception sent (exception codes 5-6). */
  public static final int SEND_SERVER_BUSY_EXCEPTION = 0x04;
  /** Send event bit 3: server program NAK exception sent (exception code 7). */
  public static final int SEND_PROGRAM_NAK_EXCEPTION = 0x08;
  /** Send event bit 4: write timeout error occurred. */
  public static final int SEND_WRITE_TIMEOUT = 0x10;
  /** Send event bit 5: the device was in listen-only mode. */
  public static final int SEND_LISTEN_ONLY = 0x20;

  /** Event byte 0x04: the device entered listen-only mode. */
  public static final int ENTERED_LISTEN_ONLY_MODE = 0x04;
  /** Event byte 0x00: the device's communication port was restarted. */
  public static final int COMMUNICATIONS_RESTART = 0x00;

  // Lock-free ring: every request of a device adds two events, from as many threads as it has connections, so a
  // monitor here would serialise them (and pin virtual threads on JDK 21). Slot (n & 63) holds event number n.
  private final AtomicIntegerArray ring = new AtomicIntegerArray(CAPACITY);
  private final AtomicLong added = new AtomicLong();
  private volatile long clearedAt;

  /** Creates an empty log. */
  public CommEventLog() {}

  /**
   * Appends an event byte (0..255), dropping the oldest when the log is full.
   *
   * @param eventByte the event byte
   */
  public void add(int eventByte) {
    if (eventByte < 0 || eventByte > 0xFF) {
      throw new IllegalArgumentException("event byte " + eventByte + " out of range 0..255");
    }
    long n = added.getAndIncrement();
    ring.set((int) (n & (CAPACITY - 1)), eventByte);
  }

  /**
   * {@return the events, most recent first, as FC 0x0C returns them} While other threads add events the snapshot may
   * show a slot's previous event in place of one being written; the log is diagnostics, not an audit trail.
   */
  public byte[] events() {
    long end = added.get();
    int size = (int) Math.min(CAPACITY, end - Math.min(end, clearedAt));
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = (byte) ring.get((int) ((end - 1 - i) & (CAPACITY - 1)));
    }
    return out;
  }

  /** {@return how many events the log holds (0..64)} */
  public int size() {
    long end = added.get();
    return (int) Math.min(CAPACITY, end - Math.min(end, clearedAt));
  }

  /** Removes every event. */
  public void clear() {
    clearedAt = added.get();
  }

  /** The send event byte for a response: 0 for a normal response, else its exception code. */
  static int sendEvent(int exceptionCode, boolean listenOnly) {
    int event = SEND_EVENT | (listenOnly ? SEND_LISTEN_ONLY : 0);
    if (exceptionCode >= 1 && exceptionCode <= 3) {
      event |= SEND_READ_EXCEPTION;
    } else if (exceptionCode == 4) {
      event |= SEND_SERVER_ABORT_EXCEPTION;
    } else if (exceptionCode == 5 || exceptionCode == 6) {
      event |= SEND_SERVER_BUSY_EXCEPTION;
    } else if (exceptionCode == 7) {
      event |= SEND_PROGRAM_NAK_EXCEPTION;
    }
    return event;
  }
}
