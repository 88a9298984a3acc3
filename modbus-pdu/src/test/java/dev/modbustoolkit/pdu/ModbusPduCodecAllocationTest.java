package dev.modbustoolkit.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** encode and encodedLength allocate nothing: the per-thread allocation counter stays flat over many calls. */
class ModbusPduCodecAllocationTest {

  @Test
  void encodingAllocatesNothing() throws ReflectiveOperationException {
    // Reflection, because the test sources are compiled into the named module, which does not read
    // java.management; at run time the tests are on the class path.
    Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
        .invoke(null);
    Class<?> counterType = Class.forName("com.sun.management.ThreadMXBean");
    assumeTrue(counterType.isInstance(threads));
    assumeTrue((Boolean) counterType.getMethod("isThreadAllocatedMemoryEnabled").invoke(threads));
    Method allocatedBytes = counterType.getMethod("getThreadAllocatedBytes", long.class);

    List<ModbusPdu> samples = new ArrayList<>();
    samples.addAll(PduArbitraries.requests().sampleStream().limit(200).toList());
    samples.addAll(PduArbitraries.responses().sampleStream().limit(200).toList());
    ModbusPdu[] pdus = samples.toArray(ModbusPdu[]::new);
    ByteBuffer out = ByteBuffer.allocateDirect(ModbusLimits.MAX_PDU_LENGTH);

    long sink = run(pdus, out, 200); // warm-up: bootstraps the pattern switches and compiles the hot path
    long tid = Thread.currentThread().threadId();
    long before = (Long) allocatedBytes.invoke(threads, tid);
    sink += run(pdus, out, 200);
    long allocated = (Long) allocatedBytes.invoke(threads, tid) - before;

    assertThat(sink).isPositive();
    // 80,000 encodes: even 8 bytes per encode would be 640 KB; allow a little for reflection and JVM bookkeeping.
    assertThat(allocated).isLessThan(64 * 1024);
  }

  private static long run(ModbusPdu[] pdus, ByteBuffer out, int rounds) {
    long total = 0;
    for (int round = 0; round < rounds; round++) {
      for (ModbusPdu pdu : pdus) {
        out.clear();
        total += ModbusPduCodec.encode(pdu, out) + ModbusPduCodec.encodedLength(pdu);
      }
    }
    return total;
  }
}
