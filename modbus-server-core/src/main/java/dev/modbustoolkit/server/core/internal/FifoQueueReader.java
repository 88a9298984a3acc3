package dev.modbustoolkit.server.core.internal;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadFifoQueueRequest;
import dev.modbustoolkit.pdu.ReadFifoQueueResponse;
import dev.modbustoolkit.registers.AccessStatus;
import dev.modbustoolkit.registers.RegisterTable;
import java.util.Set;

/**
 * FC 0x18 on holding registers: the count register at the pointer address, then up to 31 values after it; a count
 * above 31 answers ILLEGAL_DATA_VALUE (03), a missing register or an undeclared pointer ILLEGAL_DATA_ADDRESS (02).
 */
public final class FifoQueueReader {
  private final RegisterTable holding;
  private final Set<Integer> pointers;

  /** Reads FIFOs from {@code holding}; with {@code pointers} empty every address may be a pointer. */
  public FifoQueueReader(RegisterTable holding, Set<Integer> pointers) {
    this.holding = holding;
    this.pointers = Set.copyOf(pointers);
  }

  /** The answer to {@code r}. */
  public ModbusResponse read(ReadFifoQueueRequest r) {
    int pointer = r.fifoPointerAddress();
    if (!pointers.isEmpty() && !pointers.contains(pointer)) {
      return illegalAddress(r);
    }
    short[] countRegister = new short[1];
    if (holding.readRegisters(pointer, 1, countRegister, 0) != AccessStatus.OK) {
      return illegalAddress(r);
    }
    int count = countRegister[0] & 0xFFFF;
    // Count and values are read in one consistent snapshot; retry when a writer changed the count in between.
    while (true) {
      if (count > ModbusLimits.MAX_FIFO_COUNT) {
        return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_VALUE);
      }
      if (pointer + count > ModbusLimits.MAX_ADDRESS) {
        return illegalAddress(r);
      }
      short[] snapshot = new short[1 + count];
      if (holding.readRegisters(pointer, 1 + count, snapshot, 0) != AccessStatus.OK) {
        return illegalAddress(r);
      }
      int seen = snapshot[0] & 0xFFFF;
      if (seen == count) {
        short[] values = new short[count];
        System.arraycopy(snapshot, 1, values, 0, count);
        return new ReadFifoQueueResponse(values);
      }
      count = seen;
    }
  }

  private static ExceptionResponse illegalAddress(ReadFifoQueueRequest r) {
    return new ExceptionResponse(r.functionCode(), ExceptionCode.ILLEGAL_DATA_ADDRESS);
  }
}
