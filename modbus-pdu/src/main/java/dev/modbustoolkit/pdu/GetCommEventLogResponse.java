package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import java.util.Arrays;

/**
 * FC0C Get Comm Event Log response: byte count (6 + events), status word (0xFFFF busy, 0x0000 ready), event
 * count, message count, then 0..64 event bytes, most recent first.
 *
 * @param busy whether the device is still busy with an earlier program command
 * @param eventCount the event count
 * @param messageCount the message count
 * @param events the events
 */
public record GetCommEventLogResponse(boolean busy, int eventCount, int messageCount, byte[] events)
    implements ModbusResponse {
  private static final String WHERE = "GET_COMM_EVENT_LOG";

  /** Validates the counters 0..65535 (ILLEGAL_VALUE) and 0..64 events (QUANTITY_OUT_OF_RANGE). */
  public GetCommEventLogResponse {
    Checks.u16(eventCount, "eventCount", WHERE);
    Checks.u16(messageCount, "messageCount", WHERE);
    Checks.length(events.length, 0, ModbusLimits.MAX_COMM_EVENTS, "events length", WHERE);
    events = events.clone();
  }

  /** {@return the status word on the wire} */
  public int status() {
    return busy ? 0xFFFF : 0x0000;
  }

  /** {@return the byte count field: 6 + number of event bytes} */
  public int byteCount() {
    return 6 + events.length;
  }

  /** {@return a copy of the event bytes} */
  @Override
  public byte[] events() {
    return events.clone();
  }

  /** {@return number of event bytes in the log} */
  public int numberOfEvents() {
    return events.length;
  }

  /**
   * {@return event byte i (0 is the most recent), unsigned}
   *
   * @param i the index (0-based)
   */
  public int event(int i) {
    return Byte.toUnsignedInt(events[i]);
  }

  @Override
  public int functionCode() {
    return FunctionCode.GET_COMM_EVENT_LOG.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GetCommEventLogResponse other && busy == other.busy && eventCount == other.eventCount
        && messageCount == other.messageCount && Arrays.equals(events, other.events);
  }

  @Override
  public int hashCode() {
    return ((Boolean.hashCode(busy) * 31 + eventCount) * 31 + messageCount) * 31 + Arrays.hashCode(events);
  }

  @Override
  public String toString() {
    return "GetCommEventLogResponse[busy=" + busy + ", eventCount=" + eventCount + ", messageCount="
        + messageCount + ", events=" + Hex.bytes(events) + "]";
  }
}
