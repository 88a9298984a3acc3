package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The serial-line diagnostics state of one device (spec sections 6.8, 6.9, 6.10): the counters returned by
 * Diagnostics (FC 0x08) sub-functions 0x0B-0x12, the comm event counter (FC 0x0B), the comm event log (FC 0x0C),
 * the diagnostic register, the ASCII input delimiter and listen-only mode.
 *
 * <p>Who updates what: the {@link ModbusDispatcher} counts the messages it routes (bus messages, server messages,
 * exceptions, no-response, NAK and busy exceptions, comm events) for every device whose handler returns these
 * counters from {@link ModbusRequestHandler#diagnosticCounters()}; a serial transport reports what only it sees,
 * CRC/LRC errors and character overruns, through {@link #incrementBusCommunicationErrorCount()} and
 * {@link #incrementBusCharacterOverrunCount()} (or {@link ModbusDispatcher#recordBusCommunicationError()}, which
 * reaches every device on the bus). Counters are 16-bit on the wire and wrap at 65536.
 *
 * <p>Every message a device takes adds two events to the log, a receive event before it is processed and a send
 * event when processing ends, whether a response, an exception response or nothing was sent (spec 6.10): a restart
 * (whose restart event 0x00 therefore precedes its send event), a clear, force listen-only, every message in
 * listen-only mode (send event 0x60) and broadcasts included.
 *
 * <p>Thread-safe. A clear is not atomic with respect to increments running at the same time.
 */
public final class DiagnosticCounters {
  /** The ASCII input delimiter before any change: line feed. */
  public static final int DEFAULT_ASCII_INPUT_DELIMITER = 0x0A;

  private static final int BUS_MESSAGE = 0;
  private static final int BUS_COMMUNICATION_ERROR = 1;
  private static final int BUS_EXCEPTION_ERROR = 2;
  private static final int SERVER_MESSAGE = 3;
  private static final int SERVER_NO_RESPONSE = 4;
  private static final int SERVER_NAK = 5;
  private static final int SERVER_BUSY = 6;
  private static final int BUS_CHARACTER_OVERRUN = 7;
  private static final int EVENT = 8;
  private static final int COUNTERS = 9;

  private final AtomicIntegerArray counts = new AtomicIntegerArray(COUNTERS);
  private final CommEventLog eventLog = new CommEventLog();
  // Bumped by every clear, so the dispatcher does not count the message that cleared the counters in them.
  private final AtomicLong clears = new AtomicLong();
  private volatile int diagnosticRegister;
  private volatile int asciiInputDelimiter = DEFAULT_ASCII_INPUT_DELIMITER;
  private volatile boolean listenOnly;
  private volatile boolean overrunFlag;

  /** Creates counters at zero, not in listen-only mode, with an empty event log. */
  public DiagnosticCounters() {}

  private int get(int counter) {
    return counts.get(counter) & 0xFFFF;
  }

  /**
   * Messages the device detected on the bus (0x0B); also the message count of FC 0x0C.
   *
   * @return the bus message count
   */
  public int busMessageCount() {
    return get(BUS_MESSAGE);
  }

  /**
   * CRC/LRC errors detected on the bus (0x0C).
   *
   * @return the bus communication error count
   */
  public int busCommunicationErrorCount() {
    return get(BUS_COMMUNICATION_ERROR);
  }

  /**
   * Exception responses sent (0x0D).
   *
   * @return the bus exception error count
   */
  public int busExceptionErrorCount() {
    return get(BUS_EXCEPTION_ERROR);
  }

  /**
   * Messages addressed to the device, broadcasts included (0x0E).
   *
   * @return the server message count
   */
  public int serverMessageCount() {
    return get(SERVER_MESSAGE);
  }

  /**
   * Messages addressed to the device that got neither a response nor an exception response (0x0F).
   *
   * @return the server no response count
   */
  public int serverNoResponseCount() {
    return get(SERVER_NO_RESPONSE);
  }

  /**
   * Negative acknowledge (0x07) exception responses sent (0x10).
   *
   * @return the server nak count
   */
  public int serverNakCount() {
    return get(SERVER_NAK);
  }

  /**
   * Server device busy (0x06) exception responses sent (0x11).
   *
   * @return the server busy count
   */
  public int serverBusyCount() {
    return get(SERVER_BUSY);
  }

  /**
   * Messages lost to character overrun (0x12).
   *
   * @return the bus character overrun count
   */
  public int busCharacterOverrunCount() {
    return get(BUS_CHARACTER_OVERRUN);
  }

  /** {@return the comm event counter of FC 0x0B: successful message completions other than FC 0x0B and 0x0C} */
  public int eventCount() {
    return get(EVENT);
  }

  /**
   * {@return the counter a Diagnostics "return ..} count" sub-function (0x0B-0x12) reads.
   *
   * @param subFunction the sub function
   * @throws IllegalArgumentException for a sub-function that returns no counter
   */
  public int count(DiagnosticSubFunction subFunction) {
    return switch (subFunction) {
      case RETURN_BUS_MESSAGE_COUNT -> busMessageCount();
      case RETURN_BUS_COMMUNICATION_ERROR_COUNT -> busCommunicationErrorCount();
      case RETURN_BUS_EXCEPTION_ERROR_COUNT -> busExceptionErrorCount();
      case RETURN_SERVER_MESSAGE_COUNT -> serverMessageCount();
      case RETURN_SERVER_NO_RESPONSE_COUNT -> serverNoResponseCount();
      case RETURN_SERVER_NAK_COUNT -> serverNakCount();
      case RETURN_SERVER_BUSY_COUNT -> serverBusyCount();
      case RETURN_BUS_CHARACTER_OVERRUN_COUNT -> busCharacterOverrunCount();
      case RETURN_QUERY_DATA, RESTART_COMMUNICATIONS_OPTION, RETURN_DIAGNOSTIC_REGISTER,
          CHANGE_ASCII_INPUT_DELIMITER, FORCE_LISTEN_ONLY_MODE, CLEAR_COUNTERS_AND_DIAGNOSTIC_REGISTER,
          CLEAR_OVERRUN_COUNTER_AND_FLAG ->
          throw new IllegalArgumentException(subFunction + " returns no counter");
    };
  }

  /** {@return the device's diagnostic register (0x02), 16 bits whose meaning the device defines} */
  public int diagnosticRegister() {
    return diagnosticRegister;
  }

  /**
   * Sets the diagnostic register (0..65535).
   *
   * @param value the value
   */
  public void setDiagnosticRegister(int value) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("diagnostic register " + value + " out of range 0..65535");
    }
    diagnosticRegister = value;
  }

  /** {@return the character that ends an ASCII frame (sub-function 0x03); line feed unless changed} */
  public int asciiInputDelimiter() {
    return asciiInputDelimiter;
  }

  /**
   * Sets the ASCII input delimiter (0..255), as sub-function 0x03 does.
   *
   * @param character the character
   */
  public void setAsciiInputDelimiter(int character) {
    if (character < 0 || character > 0xFF) {
      throw new IllegalArgumentException("ASCII delimiter " + character + " out of range 0..255");
    }
    asciiInputDelimiter = character;
  }

  /** {@return true while the device is in listen-only mode: it executes and answers nothing but a restart (08/01)} */
  public boolean isListenOnly() {
    return listenOnly;
  }

  /** {@return true after a character overrun until sub-function 0x14 or a restart clears it} */
  public boolean overrunFlag() {
    return overrunFlag;
  }

  /** {@return the comm event log (FC 0x0C)} */
  public CommEventLog eventLog() {
    return eventLog;
  }

  /** Counts a message seen on the bus, whoever it was for. */
  public void incrementBusMessageCount() {
    counts.incrementAndGet(BUS_MESSAGE);
  }

  /** Counts a frame with a CRC/LRC or framing error and logs a receive event with the communication-error bit. */
  public void incrementBusCommunicationErrorCount() {
    counts.incrementAndGet(BUS_COMMUNICATION_ERROR);
    eventLog.add(receiveEvent(CommEventLog.RECEIVE_COMMUNICATION_ERROR));
  }

  /** Counts a character overrun, raises the overrun flag and logs a receive event with the overrun bit. */
  public void incrementBusCharacterOverrunCount() {
    counts.incrementAndGet(BUS_CHARACTER_OVERRUN);
    overrunFlag = true;
    eventLog.add(receiveEvent(CommEventLog.RECEIVE_CHARACTER_OVERRUN));
  }

  /** Enters listen-only mode (sub-function 0x04) and logs event 0x04. */
  public void enterListenOnlyMode() {
    listenOnly = true;
    eventLog.add(CommEventLog.ENTERED_LISTEN_ONLY_MODE);
  }

  /**
   * Restarts the communication port (sub-function 0x01): clears every counter and the overrun flag, leaves
   * listen-only mode, clears the event log when asked to, then logs the restart event 0x00. The diagnostic
   * register and the ASCII delimiter are kept.
   *
   * @param clearEventLog the clear event log
   */
  public void restartCommunications(boolean clearEventLog) {
    clears.incrementAndGet();
    zeroCounters();
    overrunFlag = false;
    listenOnly = false;
    if (clearEventLog) {
      eventLog.clear();
    }
    eventLog.add(CommEventLog.COMMUNICATIONS_RESTART);
  }

  /** Clears every counter and the diagnostic register (sub-function 0x0A). */
  public void clearCountersAndDiagnosticRegister() {
    clears.incrementAndGet();
    zeroCounters();
    diagnosticRegister = 0;
  }

  /** Clears the character overrun counter and the overrun flag (sub-function 0x14). */
  public void clearOverrunCounterAndFlag() {
    counts.set(BUS_CHARACTER_OVERRUN, 0);
    overrunFlag = false;
  }

  private void zeroCounters() {
    for (int i = 0; i < COUNTERS; i++) {
      counts.set(i, 0);
    }
  }

  private int receiveEvent(int bits) {
    return CommEventLog.RECEIVE_EVENT | bits | (listenOnly ? CommEventLog.RECEIVE_LISTEN_ONLY : 0);
  }

  /** A message for this device (or a broadcast) arrived; returns the token to pass to the completion call. */
  long messageReceived(boolean broadcast) {
    counts.incrementAndGet(SERVER_MESSAGE);
    eventLog.add(receiveEvent(broadcast ? CommEventLog.RECEIVE_BROADCAST : 0));
    return clears.get();
  }

  /**
   * The message got no response. Its send event is stored all the same (spec 6.10: "if the remote device returned
   * a normal or exception response, or no response"); the counters skip a message that cleared them.
   *
   * @param completed whether it was executed without an exception (a broadcast write, force listen-only)
   * @param countsAsEvent false for FC 0x0B and 0x0C, which the spec excludes from the event counter
   */
  void completedWithoutResponse(long token, boolean completed, boolean countsAsEvent) {
    if (token == clears.get()) {
      counts.incrementAndGet(SERVER_NO_RESPONSE);
      if (completed && countsAsEvent) {
        counts.incrementAndGet(EVENT);
      }
    }
    eventLog.add(CommEventLog.sendEvent(0, listenOnly));
  }

  /**
   * A response was sent: exception code 0 for a normal response. Its send event is stored even when the message
   * cleared the counters (08/01, 08/0A), which then do not count it.
   */
  void responseSent(long token, int exceptionCode, boolean countsAsEvent) {
    if (token == clears.get()) {
      if (exceptionCode == 0) {
        if (countsAsEvent) {
          counts.incrementAndGet(EVENT);
        }
      } else {
        counts.incrementAndGet(BUS_EXCEPTION_ERROR);
        if (exceptionCode == 0x07) {
          counts.incrementAndGet(SERVER_NAK);
        } else if (exceptionCode == 0x06) {
          counts.incrementAndGet(SERVER_BUSY);
        }
      }
    }
    eventLog.add(CommEventLog.sendEvent(exceptionCode, listenOnly));
  }

  @Override
  public String toString() {
    return "DiagnosticCounters[busMessages=" + busMessageCount() + ", commErrors=" + busCommunicationErrorCount()
        + ", exceptions=" + busExceptionErrorCount() + ", serverMessages=" + serverMessageCount()
        + ", noResponse=" + serverNoResponseCount() + ", events=" + eventCount() + ", listenOnly=" + listenOnly + "]";
  }
}
