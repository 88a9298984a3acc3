package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.ChangeOrigin.WIRE;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wire API allocates nothing when no listener is registered (in particular no event), measured with the JVM's
 * per-thread allocation counter. A control with a listener proves the measurement sees allocations.
 */
class WireApiAllocationTest {

  private static final int CALLS = 10_000;
  /** Measurement overhead (reflection, boxing) only; one allocation per call would be at least 16 * CALLS. */
  private static final long TOLERANCE = 4_096;

  private static Object threadBean;
  private static Method allocatedBytes;

  @BeforeAll
  static void findAllocationCounter() {
    // Reflection: the module under test does not read java.management, and a JVM may lack the HotSpot extension.
    try {
      threadBean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      allocatedBytes = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
      Assumptions.assumeTrue((long) allocatedBytes.invoke(threadBean) >= 0, "allocation counting disabled");
    } catch (ReflectiveOperationException | ClassCastException e) {
      Assumptions.abort("no per-thread allocation counter: " + e);
    }
  }

  private static long allocated() {
    try {
      return (long) allocatedBytes.invoke(threadBean);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static long bytesAllocatedBy(Runnable call) {
    for (int i = 0; i < CALLS; i++) {
      call.run(); // warm up so that one-time costs (class init, JIT) are not counted
    }
    long before = allocated();
    for (int i = 0; i < CALLS; i++) {
      call.run();
    }
    return allocated() - before;
  }

  private final RegisterTable registers = RegisterTable.sparse()
      .block(0, 100)
      .block(200, 100, AccessRule.READ_ONLY)
      .block(1000, 10)
      .block(65000, 536)
      .build();
  private final BitTable bits = BitTable.sparse().block(0, 100).block(500, 100, AccessRule.READ_ONLY).build();
  private final ByteBuffer out = ByteBuffer.allocate(256);
  private final ByteBuffer in = ByteBuffer.allocate(256);
  private final short[] values = {1, 2, 3, 4};
  private final short[] dst = new short[125];
  private final boolean[] flags = {true, false, true};

  @Test
  void registerWirePathAllocatesNothing() {
    long bytes = bytesAllocatedBy(() -> {
      out.clear();
      registers.readRegisters(65400, 100, out);
      registers.readRegisters(1000, 10, dst, 0);
      registers.writeRegisters(10, values, WIRE);
      in.clear();
      registers.writeRegisters(20, 4, in, WIRE);
      registers.writeRegister(1009, 7, WIRE);
      registers.maskWriteRegister(30, 0xFF00, 0x0012, WIRE);
      out.clear();
      registers.writeThenRead(40, values, 200, 20, out, WIRE);
      // Refusals too: missing, read-only, beyond 65535.
      registers.writeRegisters(200, values, WIRE);
      registers.readRegisters(150, 1, out);
      registers.readRegisters(65535, 2, out);
      registers.checkWrite(98, 4);
    });
    assertThat(bytes).isLessThan(TOLERANCE);
  }

  @Test
  void bitWirePathAllocatesNothing() {
    long bytes = bytesAllocatedBy(() -> {
      out.clear();
      bits.readBits(3, 97, out);
      bits.readBits(500, 100, out);
      bits.writeBits(0, flags, WIRE);
      in.clear();
      bits.writeBits(10, 16, in, WIRE);
      bits.writeBit(99, true, WIRE);
      bits.writeBit(500, true, WIRE); // read-only: refused
      bits.readBits(99, 2, out); // gap: refused
    });
    assertThat(bytes).isLessThan(TOLERANCE);
  }

  @Test
  void typedJavaApiOnScalarsAllocatesNothing() {
    long bytes = bytesAllocatedBy(() -> {
      registers.setFloat32(50, 21.5f, WordOrder.CDAB);
      registers.getFloat32(50, WordOrder.CDAB);
      registers.setInt64(60, 42L, WordOrder.DCBA);
      registers.getInt64(60, WordOrder.DCBA);
      registers.set(70, 1);
      registers.get(70);
      bits.setBit(1, true);
      bits.getBit(1);
    });
    assertThat(bytes).isLessThan(TOLERANCE);
  }

  @Test
  void controlWithAListenerEventsAreAllocated() {
    registers.addListener(event -> { });
    long bytes = bytesAllocatedBy(() -> registers.writeRegisters(10, values, WIRE));
    assertThat(bytes).isGreaterThan((long) CALLS * 16);
  }
}
