package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC0B Get Comm Event Counter response: status word (0xFFFF busy, 0x0000 ready) and the event count.
 *
 * @param busy whether the device is still busy with an earlier program command
 * @param eventCount the event count
 */
public record GetCommEventCounterResponse(boolean busy, int eventCount) implements ModbusResponse {
  /** Validates eventCount 0..65535 (ILLEGAL_VALUE). */
  public GetCommEventCounterResponse {
    Checks.u16(eventCount, "eventCount", "GET_COMM_EVENT_COUNTER");
  }

  /** {@return the status word on the wire} */
  public int status() {
    return busy ? 0xFFFF : 0x0000;
  }

  @Override
  public int functionCode() {
    return FunctionCode.GET_COMM_EVENT_COUNTER.code();
  }
}
