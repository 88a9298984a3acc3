package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import dev.modbustoolkit.pdu.internal.Ownership;
import java.util.Arrays;

/**
 * FC18 Read FIFO Queue response: byte count (2 bytes) 2 + 2n, FIFO count n (2 bytes), n registers. Values are unsigned 16-bit, held as {@code short}.
 *
 * @param values the values
 */
public record ReadFifoQueueResponse(short[] values) implements ModbusResponse {
  /** Validates 0..max values (QUANTITY_OUT_OF_RANGE) and keeps a copy. */
  public ReadFifoQueueResponse {
    Checks.length(values.length, 0, ModbusLimits.MAX_FIFO_COUNT, "fifoCount", "READ_FIFO_QUEUE");
    values = Ownership.adopt(values);
  }

  /**
   * From int values, each 0..65535 (ILLEGAL_VALUE).
   *
   * @param values the values
   * @return the new {@code ReadFifoQueueResponse}
   */
  public static ReadFifoQueueResponse of(int... values) {
    return new ReadFifoQueueResponse(Ownership.handOver(Checks.registers(values, "READ_FIFO_QUEUE")));
  }

  /** {@return a copy of the registers} */
  @Override
  public short[] values() {
    return values.clone();
  }

  /** {@return number of registers} */
  public int fifoCount() {
    return values.length;
  }

  /**
   * {@return register i as an unsigned value 0..65535}
   *
   * @param i the index (0-based)
   */
  public int value(int i) {
    return values[i] & 0xFFFF;
  }

  /** The record's own array, not a copy: for {@link ModbusPduCodec}, which only reads it. */
  short[] sharedValues() {
    return values;
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_FIFO_QUEUE.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadFifoQueueResponse other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "ReadFifoQueueResponse[values=" + Hex.words(values) + "]";
  }
}
