package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * The byte-level hot path allocates little per request: the decoded request record, not response records or value
 * arrays. Measured with the JDK's per-thread allocation counter after a warm-up; the bound is loose (a 125-register
 * read through response records would allocate well over 500 bytes).
 */
class DispatchAllocationTest {
  private static final int ROUNDS = 20_000;

  @Test
  void readOf125RegistersAllocatesLessThanItsResponseSize() throws ReflectiveOperationException {
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    ByteBuffer request = ByteBuffer.wrap(Pdus.hex("03 0000 007D"));
    ByteBuffer writeRequest = ByteBuffer.wrap(Pdus.hex("10 0000 0002 04 1234 5678"));
    ByteBuffer out = ByteBuffer.allocate(260);
    // Reflection: the tests compile inside the module, which does not read java.management / jdk.management.
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
    Method allocated = Class.forName("com.sun.management.ThreadMXBean")
        .getMethod("getThreadAllocatedBytes", long.class);
    long thread = Thread.currentThread().threadId();

    for (int i = 0; i < ROUNDS; i++) {
      run(dispatcher, request, writeRequest, out);
    }
    long before = (long) allocated.invoke(threads, thread);
    for (int i = 0; i < ROUNDS; i++) {
      run(dispatcher, request, writeRequest, out);
    }
    long perRequest = ((long) allocated.invoke(threads, thread) - before) / (2L * ROUNDS);

    assertThat(perRequest).as("bytes allocated per request").isLessThan(200);
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
