package dev.modbustoolkit.fault;

import dev.modbustoolkit.pdu.ExceptionCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a fault does: the plain data form of every action. Three families: response actions (any transport),
 * RTU actions (serial framing: RTU, RTU over TCP, ASCII; skipped without a check on TCP) and connection actions
 * (connection-oriented transports: TCP, RTU over TCP). {@link WrongMbapLength} applies to TCP only.
 *
 * <p>Durations are non-negative; gaps given in characters use the transport's character time.
 *
 * <p>Why one file of about 500 lines: it is the closed catalogue of actions, one small validated record each,
 * grouped by family; keeping them nested lets the compiler infer the sealed hierarchy and gives every switch over
 * it one place to read. Most of its length is the Javadoc of each action's wire effect.
 */
public sealed interface ActionSpec {

  /**
   * Actions on the answer to one request, on every transport (but the two MBAP field overrides, which need an MBAP
   * header): delays, suppression, exceptions, wrong fields, cuts, copies, splits, raw bytes.
   */
  sealed interface ResponseAction extends ActionSpec {}

  /** Actions on the serial framing of an answer (checksum, character timing): RTU and ASCII, on a line or over TCP. */
  sealed interface SerialAction extends ActionSpec {}

  /** Actions on a connection (closing, holding, limiting it): only where a connection exists. */
  sealed interface ConnectionAction extends ActionSpec {}

  // ---------------------------------------------------------------- response actions

  /**
   * Wait {@code base} plus a uniform random extra in [0, jitter] before the response.
   *
   * @param base the base
   * @param jitter the jitter
   */
  record Delay(Duration base, Duration jitter) implements ResponseAction {
    /** Validates. */
    public Delay {
      requireNonNegative("base", base);
      requireNonNegative("jitter", jitter);
    }
  }

  /**
   * Send no response. When {@code executeRequest} is false (default) the request is not executed either
   * (decided before dispatch); when true it is executed and only the answer is lost.
   *
   * @param executeRequest the execute request
   */
  record NoResponse(boolean executeRequest) implements ResponseAction {}

  /**
   * Send the response anyway, but only after {@code after} (typically longer than the client's timeout).
   *
   * @param after the after
   */
  record LateResponse(Duration after) implements ResponseAction {
    /** Validates. */
    public LateResponse {
      requirePositive("after", after);
    }
  }

  /**
   * Do not execute the request; answer with this exception code instead.
   *
   * @param code the code
   */
  record RespondWithException(ExceptionCode code) implements ResponseAction {
    /** Validates. */
    public RespondWithException {
      Objects.requireNonNull(code, "code");
    }
  }

  /**
   * Send the (possibly mutated) response {@code 1 + copies} times, each copy {@code gap} after the previous.
   *
   * @param copies the copies
   * @param gap the pause between the parts
   */
  record DuplicateResponse(int copies, Duration gap) implements ResponseAction {
    /** Validates. */
    public DuplicateResponse {
      if (copies < 1 || copies > 16) {
        throw new IllegalArgumentException("copies " + copies + " out of range 1..16");
      }
      requireNonNegative("gap", gap);
    }
  }

  /**
   * Change the MBAP transaction id (TCP framing; a no-op on frames without one).
   *
   * @param value the value
   */
  record WrongTransactionId(FieldOverride value) implements ResponseAction {
    /** Validates. */
    public WrongTransactionId {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Change the unit id / slave address (the frame is resealed: valid CRC, wrong address).
   *
   * @param value the value
   */
  record WrongUnitId(FieldOverride value) implements ResponseAction {
    /** Validates. */
    public WrongUnitId {
      require8Bit(value);
    }
  }

  /**
   * Change the function code byte (resealed).
   *
   * @param value the value
   */
  record WrongFunctionCode(FieldOverride value) implements ResponseAction {
    /** Validates. */
    public WrongFunctionCode {
      require8Bit(value);
    }
  }

  /**
   * Change the byte count of a response that has one (FC 01-04, 0C, 11, 14, 15, 17; FC 18's 16-bit count);
   * resealed. A no-op on responses without a byte count (05, 06, 0F, 10, exceptions).
   *
   * @param value the value
   */
  record WrongByteCount(FieldOverride value) implements ResponseAction {
    /** Validates. */
    public WrongByteCount {
      Objects.requireNonNull(value, "value");
      if (value instanceof FieldOverride.ByteSwap) {
        throw new IllegalArgumentException("mode swap is not available for the byte count");
      }
    }
  }

  /**
   * Change the MBAP length field (TCP only), after resealing so it stays wrong.
   *
   * @param value the value
   */
  record WrongMbapLength(FieldOverride value) implements ResponseAction {
    /** Validates. */
    public WrongMbapLength {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * Send only the first part of the response.
   *
   * @param keep how much of the frame is sent
   */
  record Truncate(Cut keep) implements ResponseAction {
    /** Validates. */
    public Truncate {
      Objects.requireNonNull(keep, "keep");
    }
  }

  /**
   * Append bytes after the frame (outside its declared length; not resealed).
   *
   * @param bytes the bytes
   */
  record ExtraBytes(ByteSource bytes) implements ResponseAction {
    /** Validates. */
    public ExtraBytes {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /**
   * Send the response in pieces with {@code gap} between them: either at the given byte positions (each 1..n-1 of
   * the frame; positions past the end are ignored) or, when {@code positions} is empty, in {@code parts} equal
   * parts.
   *
   * @param positions the positions
   * @param parts the parts
   * @param gap the pause between the parts
   */
  record SplitResponse(List<Integer> positions, int parts, Duration gap) implements ResponseAction {
    /** Validates and copies. */
    public SplitResponse {
      positions = List.copyOf(positions);
      if (positions.isEmpty() && (parts < 2 || parts > 256)) {
        throw new IllegalArgumentException("parts " + parts + " out of range 2..256 (or give positions)");
      }
      if (!positions.isEmpty() && parts != 0) {
        throw new IllegalArgumentException("give either positions or parts, not both");
      }
      for (int p : positions) {
        if (p < 1 || p > 65535) {
          throw new IllegalArgumentException("position " + p + " out of range 1..65535");
        }
      }
      requireNonNegative("gap", gap);
    }

    /**
     * Split into {@code parts} equal parts.
     *
     * @param parts the parts
     * @param gap the pause between the parts
     * @return the into parts
     */
    public static SplitResponse intoParts(int parts, Duration gap) {
      return new SplitResponse(List.of(), parts, gap);
    }

    /**
     * Split at these positions.
     *
     * @param gap the pause between the parts
     * @param positions the positions
     * @return the at
     */
    public static SplitResponse at(Duration gap, Integer... positions) {
      return new SplitResponse(List.of(positions), 0, gap);
    }
  }

  /**
   * Send exactly these bytes instead of the response: no framing, no resealing, no field mutations.
   *
   * @param bytes the bytes
   */
  record RawResponse(byte[] bytes) implements ResponseAction {
    /** Validates and copies. */
    public RawResponse {
      if (bytes.length > 65535) {
        throw new IllegalArgumentException("bytes: " + bytes.length + " bytes, at most 65535");
      }
      bytes = bytes.clone();
    }

    /** {@return a copy of the bytes} */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof RawResponse r && Arrays.equals(r.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "RawResponse[" + HexFormat.of().formatHex(bytes) + "]";
    }
  }

  // ---------------------------------------------------------------- RTU actions

  /**
   * Corrupt the CRC (after resealing). {@code xorMask} (1..0xFFFF) is used by {@link CrcCorruption#XOR} only.
   *
   * @param mode the mode
   * @param xorMask the xor mask
   */
  record CorruptCrc(CrcCorruption mode, int xorMask) implements SerialAction {
    /** Validates. */
    public CorruptCrc {
      Objects.requireNonNull(mode, "mode");
      if (xorMask < 1 || xorMask > 0xFFFF) {
        throw new IllegalArgumentException("mask " + xorMask + " out of range 1..65535");
      }
    }

    /**
     * {@return a corruption with the default mask 0xFFFF}
     *
     * @param mode the mode
     */
    public static CorruptCrc of(CrcCorruption mode) {
      return new CorruptCrc(mode, 0xFFFF);
    }
  }

  /**
   * Send only the first part of the frame. With {@code restAfter} the remaining bytes follow after that pause (a
   * frame torn in two by a silence); without it they never come.
   *
   * @param keep how much of the frame is sent
   * @param restAfter the rest after
   */
  record PartialFrame(Cut keep, @Nullable Duration restAfter) implements SerialAction {
    /** Validates. */
    public PartialFrame {
      Objects.requireNonNull(keep, "keep");
      if (restAfter != null) {
        requirePositive("restAfter", restAfter);
      }
    }
  }

  /**
   * A silence of {@code characters} character times (more than 1.5, which breaks an RTU frame) before the byte at
   * {@code position} (1..n-1; ignored when past the end).
   *
   * @param position the position
   * @param characters the characters
   */
  record InterCharacterGap(int position, double characters) implements SerialAction {
    /** Validates. */
    public InterCharacterGap {
      if (position < 1 || position > 65535) {
        throw new IllegalArgumentException("position " + position + " out of range 1..65535");
      }
      if (!(characters > 1.5) || characters > 10_000) {
        throw new IllegalArgumentException("characters " + characters + " must be > 1.5 (and <= 10000)");
      }
    }
  }

  /**
   * Start the response only {@code characters} character times (less than 3.5) after the request ended,
   * violating the inter-frame silence.
   *
   * @param characters the characters
   */
  record InterFrameViolation(double characters) implements SerialAction {
    /** Validates. */
    public InterFrameViolation {
      if (!(characters >= 0) || characters >= 3.5) {
        throw new IllegalArgumentException("characters " + characters + " must be in [0, 3.5)");
      }
    }
  }

  /**
   * Garbage bytes before and/or after the frame, separated from it by {@code gap}.
   *
   * @param placement the placement
   * @param bytes the bytes
   * @param gap the pause between the parts
   */
  record Garbage(GarbagePlacement placement, ByteSource bytes, Duration gap) implements SerialAction {
    /** Validates. */
    public Garbage {
      Objects.requireNonNull(placement, "placement");
      Objects.requireNonNull(bytes, "bytes");
      requireNonNegative("gap", gap);
    }
  }

  /**
   * Each byte after the first of every copy waits a uniform random [0, max] before it (one segment per byte).
   *
   * @param max the max
   */
  record ByteJitter(Duration max) implements SerialAction {
    /** Validates. */
    public ByteJitter {
      requirePositive("max", max);
    }
  }

  // ---------------------------------------------------------------- connection actions

  /**
   * Close the connection. Fires only once the connection has carried at least {@code afterRequests} requests
   * (counting this one; 0 or 1 = any request) and, when {@code every} is set, once it has been open at least that
   * long (a periodic disconnect: every connection lives about {@code every}). With {@code respondFirst} the
   * response is sent before closing; without it the request is not executed and nothing is sent.
   *
   * @param mode the mode
   * @param afterRequests the after requests
   * @param every the every
   * @param respondFirst the respond first
   */
  record CloseConnection(CloseMode mode, int afterRequests, @Nullable Duration every, boolean respondFirst)
      implements ConnectionAction {
    /** Validates. */
    public CloseConnection {
      Objects.requireNonNull(mode, "mode");
      if (afterRequests < 0) {
        throw new IllegalArgumentException("afterRequests " + afterRequests + " is negative");
      }
      if (every != null) {
        requirePositive("every", every);
      }
    }

    /**
     * Close after the response to the {@code n}-th request of each connection.
     *
     * @param n the n
     * @param mode the mode
     * @return the after requests
     */
    public static CloseConnection afterRequests(int n, CloseMode mode) {
      return new CloseConnection(mode, n, null, true);
    }
  }

  /**
   * Send only the first part of the response, then close gracefully (FIN).
   *
   * @param keep how much of the frame is sent
   */
  record DropMidFrame(Cut keep) implements ConnectionAction {
    /** Validates. */
    public DropMidFrame {
      Objects.requireNonNull(keep, "keep");
    }
  }

  /**
   * Send only the first part of the response, then reset the connection (RST).
   *
   * @param keep how much of the frame is sent
   */
  record ResetAfterPartial(Cut keep) implements ConnectionAction {
    /** Validates. */
    public ResetAfterPartial {
      Objects.requireNonNull(keep, "keep");
    }
  }

  /** Stop reading and answering, keep the socket open: the request gets no response, nothing after it either. */
  record HoldOpen() implements ConnectionAction {}

  /**
   * Close a connection on which no request arrived for {@code idle}. Evaluated once when the session opens
   * (needs scope SERVER and no unit / function / address filters): see {@link FaultSession#idleCloseNanos()}.
   *
   * @param idle the idle
   * @param mode the mode
   */
  record IdleClose(Duration idle, CloseMode mode) implements ConnectionAction {
    /** Validates. */
    public IdleClose {
      requirePositive("idle", idle);
      Objects.requireNonNull(mode, "mode");
    }
  }

  /**
   * At most {@code maxConnections} open connections: a new one arriving when that many are open gets
   * {@code policy}. Evaluated by {@link FaultPipeline#onConnect} (needs scope SERVER and no unit / function /
   * address filters).
   *
   * @param maxConnections the max connections
   * @param policy the policy
   */
  record ConnectionLimit(int maxConnections, ConnectDecision policy) implements ConnectionAction {
    /** Validates. */
    public ConnectionLimit {
      if (maxConnections < 0) {
        throw new IllegalArgumentException("max " + maxConnections + " is negative");
      }
      if (policy == ConnectDecision.ACCEPT) {
        throw new IllegalArgumentException("policy must be refuse, close-new or evict-oldest");
      }
    }
  }

  /**
   * No pipelining: see {@link FaultPlan#discardPipelinedRequests()} for what the server does. Requests discarded
   * this way are never planned, so they do not count as checks.
   */
  record OneRequestAtATime() implements ConnectionAction {}

  // ---------------------------------------------------------------- validation helpers

  /** The longest duration an action accepts, so that sums of delays in nanoseconds cannot overflow. */
  Duration MAX_DURATION = Duration.ofDays(365);

  private static void requireNonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.compareTo(MAX_DURATION) > 0) {
      throw new IllegalArgumentException(name + " " + d + " out of range 0..365 days");
    }
  }

  private static void requirePositive(String name, Duration d) {
    requireNonNegative(name, d);
    if (d.isZero()) {
      throw new IllegalArgumentException(name + " " + d + " must be positive");
    }
  }

  private static void require8Bit(FieldOverride value) {
    Objects.requireNonNull(value, "value");
    if (value instanceof FieldOverride.ByteSwap) {
      throw new IllegalArgumentException("mode swap needs a 16-bit field");
    }
    if (value instanceof FieldOverride.Fixed f && f.value() > 0xFF) {
      throw new IllegalArgumentException("value " + f.value() + " out of range 0..255");
    }
  }
}
