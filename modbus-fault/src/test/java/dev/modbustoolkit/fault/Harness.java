package dev.modbustoolkit.fault;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** Shortcuts for tests: one-fault pipelines and sessions. */
final class Harness {
  private Harness() {}

  /** The request the sample read response answers. */
  static final RequestInfo READ = RequestInfo.of(0x11, 3, 10, 2);

  static ConnectionInfo connection(long id, Transport t) {
    return t.isConnectionOriented()
        ? new ConnectionInfo(id, t, new InetSocketAddress("127.0.0.1", 40000 + (int) id))
        : ConnectionInfo.serial(id, t);
  }

  /** A session on a pipeline holding these actions (always triggered, scope server), seed 7. */
  static FaultSession session(Transport t, ActionSpec... actions) {
    FaultPipeline p = FaultPipeline.create(7);
    int i = 0;
    for (ActionSpec a : actions) {
      p.add(FaultSpec.of("f" + i++, a));
    }
    return p.openSession(connection(1, t));
  }

  static FaultPlan plan(Transport t, ActionSpec... actions) {
    return session(t, actions).plan(READ);
  }

  /** The plan for the sample read response on transport t. */
  static TransmissionPlan transmit(Transport t, ActionSpec... actions) {
    byte[] frame = TestFormats.readFrameFor(t);
    return plan(t, actions).transmit(frame, frame.length, TestFormats.formatOf(t));
  }

  /** A clock the test moves by hand. */
  static final class ManualClock implements InstantSource {
    private final AtomicLong millis;

    ManualClock(long startMillis) {
      millis = new AtomicLong(startMillis);
    }

    void advanceMillis(long ms) {
      millis.addAndGet(ms);
    }

    void setMillis(long ms) {
      millis.set(ms);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public long millis() {
      return millis.get();
    }
  }
}
