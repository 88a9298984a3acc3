package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The byte-level hot path allocates nothing per request for a {@link RegisterDevice}: its fast path answers
 * straight from the request bytes, with no request or response record. Measured with the JDK's per-thread
 * allocation counter after a warm-up; where that counter is unavailable the test is skipped, visibly (and fails
 * under {@code CI=true}), never passed unmeasured.
 */
class DispatchAllocationTest {
  private static final int ROUNDS = 20_000;

  @Test
  void readOf125RegistersAndAWriteAllocateNothing() {
    AllocationCounter counter = AllocationCounter.current();
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    ByteBuffer request = ByteBuffer.wrap(Pdus.hex("03 0000 007D"));
    ByteBuffer writeRequest = ByteBuffer.wrap(Pdus.hex("10 0000 0002 04 1234 5678"));
    ByteBuffer out = ByteBuffer.allocate(260);

    for (int i = 0; i < ROUNDS; i++) {
      run(dispatcher, request, writeRequest, out);
    }
    long before = counter.bytes();
    for (int i = 0; i < ROUNDS; i++) {
      run(dispatcher, request, writeRequest, out);
    }
    long perRequest = (counter.bytes() - before) / (2L * ROUNDS);

    // Below one object header: a record per request (the decoded FC03 request alone is 24 bytes) would show.
    assertThat(perRequest).as("bytes allocated per request").isLessThan(8);
  }

  private static void run(ModbusDispatcher dispatcher, ByteBuffer read, ByteBuffer write, ByteBuffer out) {
    read.rewind();
    out.clear();
    if (dispatcher.dispatch(Pdus.TCP, 1, read, out) != 252) {
      throw new AssertionError("unexpected read answer");
    }
    write.rewind();
    out.clear();
    if (dispatcher.dispatch(Pdus.TCP, 1, write, out) != 5) {
      throw new AssertionError("unexpected write answer");
    }
  }
}
