package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;

/**
 * FC18 Read FIFO Queue request: the address of the FIFO pointer register.
 *
 * @param fifoPointerAddress the fifo pointer address
 */
public record ReadFifoQueueRequest(int fifoPointerAddress) implements ModbusRequest {
  /** Validates the address 0..65535. */
  public ReadFifoQueueRequest {
    Checks.address(fifoPointerAddress, "fifoPointerAddress", "READ_FIFO_QUEUE");
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_FIFO_QUEUE.code();
  }
}
