package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;

/**
 * The JDK's per-thread allocation counter ({@code com.sun.management.ThreadMXBean}), for tests that measure what a
 * hot path allocates. Where the counter is missing or switched off, {@link #current()} skips the calling test
 * visibly (a JUnit assumption naming why), or fails it when {@code CI=true}, so that an allocation bound never
 * passes without being measured.
 */
final class AllocationCounter {
  private final Object threads;
  private final Method allocated;
  private final long thread = Thread.currentThread().threadId();

  private AllocationCounter(Object threads, Method allocated) {
    this.threads = threads;
    this.allocated = allocated;
  }

  /** The counter of the calling thread; skips (or under CI fails) the test when it cannot count. */
  static AllocationCounter current() {
    String why;
    try {
      // Reflection: the tests compile inside the module, which does not read java.management / jdk.management.
      Object threads =
          Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      Class<?> sun = Class.forName("com.sun.management.ThreadMXBean");
      if (!sun.isInstance(threads)) {
        why = "the platform ThreadMXBean is not a com.sun.management.ThreadMXBean";
      } else if (!(boolean) sun.getMethod("isThreadAllocatedMemorySupported").invoke(threads)) {
        why = "this JVM does not support per-thread allocation counting";
      } else if (!(boolean) sun.getMethod("isThreadAllocatedMemoryEnabled").invoke(threads)) {
        why = "per-thread allocation counting is disabled in this JVM";
      } else {
        return new AllocationCounter(threads, sun.getMethod("getThreadAllocatedBytes", long.class));
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      why = "per-thread allocation counting is unavailable: " + e;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail("CI=true and allocation cannot be measured: " + why);
    }
    Assumptions.assumeTrue(false, "allocation not measured, test skipped: " + why);
    throw new AssertionError("unreachable");
  }

  /** Bytes allocated by this thread so far. */
  long bytes() {
    try {
      return (long) allocated.invoke(threads, thread);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("allocation counter failed", e);
    }
  }
}
