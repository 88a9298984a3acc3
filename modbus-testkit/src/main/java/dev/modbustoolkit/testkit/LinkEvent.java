package dev.modbustoolkit.testkit;

/** What an {@link InMemoryLink} saw the exchange do, in order ({@link InMemoryLink#events()}). */
public sealed interface LinkEvent {

  /** An answer no fault touched, as {@link dev.modbustoolkit.transport.Exchange#answer} framed it. */
  record Answered(byte[] frame) implements LinkEvent {
    /** Copies. */
    public Answered {
      frame = frame.clone();
    }

    /** A copy of the frame. */
    @Override
    public byte[] frame() {
      return frame.clone();
    }

    @Override
    public String toString() {
      return "Answered[" + Hex.format(frame) + "]";
    }
  }

  /**
   * One {@link dev.modbustoolkit.transport.Link#send} of the fault interpreter.
   *
   * @param gapNanos measured time since the previous segment of the same answer (since the interpreter started on
   *     the request, for the first): a lower bound of the plan's delay, never to be checked from above
   */
  record Sent(byte[] bytes, long gapNanos) implements LinkEvent {
    /** Copies. */
    public Sent {
      bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "Sent[" + Hex.format(bytes) + " after " + gapNanos + " ns]";
    }
  }

  /** {@link dev.modbustoolkit.transport.Link#beforeSegments} was called. */
  record BeforeSegments() implements LinkEvent {}

  /**
   * {@link dev.modbustoolkit.transport.Link#discardReceived} was called.
   *
   * @param pendingBytes bytes received after the request being answered (what is discarded)
   */
  record DiscardReceived(int pendingBytes) implements LinkEvent {}
}
