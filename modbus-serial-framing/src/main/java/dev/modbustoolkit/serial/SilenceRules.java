package dev.modbustoolkit.serial;

/**
 * The silences an {@link RtuFrameDecoder} acts on, in nanoseconds: built from a line's {@link RtuTiming} ({@link
 * #of(RtuTiming)}) or, for RTU frames carried over a byte stream such as TCP, from an idle time ({@link
 * #streamOnly(long)}).
 *
 * @param characterNanos one character on the wire, used to estimate when the first byte of a chunk arrived; 0
 *     when the bytes do not come from a UART (TCP)
 * @param breakNanos a gap longer than this inside a frame makes it incomplete (t1.5 plus tolerance);
 *     {@link Long#MAX_VALUE} disables the rule
 * @param endNanos a gap longer than this ends a frame (t3.5 plus tolerance, or the idle time on TCP): a frame of
 *     unknown length is complete
 * @param abandonNanos a gap longer than this gives up on a frame that has not fully arrived (t3.5 plus tolerance
 *     on a line; much longer on TCP, where a segment may simply be late); at least {@code endNanos}
 */
public record SilenceRules(long characterNanos, long breakNanos, long endNanos, long abandonNanos) {
  /** How long an incomplete frame may wait for its rest over TCP: 1 s. */
  public static final long STREAM_ABANDON_NANOS = 1_000_000_000L;

  /** Checks the values are consistent. */
  public SilenceRules {
    if (characterNanos < 0 || endNanos <= 0 || breakNanos <= 0 || abandonNanos < endNanos
        || abandonNanos == Long.MAX_VALUE) {
      throw new IllegalArgumentException(
          "silence rules need character >= 0, break > 0 and 0 < end <= abandon < MAX: " + characterNanos + ", "
              + breakNanos + ", " + endNanos + ", " + abandonNanos);
    }
  }

  /**
   * {@return the serial line's rules: t1.5 and t3.5, each plus the tolerance; t3.5 both ends and abandons a frame}
   *
   * @param timing the timing
   */
  public static SilenceRules of(RtuTiming timing) {
    long end = timing.interFrameLimitNanos();
    return new SilenceRules(timing.characterNanos(), timing.interCharacterLimitNanos(), end, end);
  }

  /**
   * Rules for a byte stream without character timing (RTU over TCP): no t1.5 rule, since TCP segments say
   * nothing about the gaps the frame had; a frame of unknown length ends after {@code idleNanos} of silence; an
   * incomplete frame is given up after {@link #STREAM_ABANDON_NANOS} (or the idle time, if longer).
   *
   * @param idleNanos the idle nanos
   * @return the stream only
   */
  public static SilenceRules streamOnly(long idleNanos) {
    return new SilenceRules(0, Long.MAX_VALUE, idleNanos, Math.max(idleNanos, STREAM_ABANDON_NANOS));
  }
}
