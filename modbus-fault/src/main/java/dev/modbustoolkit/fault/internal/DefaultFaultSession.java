package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.ConnectionDirective;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.fault.RequestInfo;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A connection's view of a {@link DefaultFaultPipeline}. Single-threaded by contract. */
final class DefaultFaultSession implements FaultSession {
  private static final long UNREAD = Long.MIN_VALUE;

  private final DefaultFaultPipeline pipeline;
  private final ConnectionInfo connection;
  private final byte @Nullable [] remoteAddressBytes;
  private final long openedAtMillis;
  private final long idleCloseNanos;
  private final ConnectionDirective idleCloseDirective;
  private @Nullable Map<FaultRuntime, ScopeState> connectionStates;
  private long statesVersion;
  private long requestCount;
  private long now = UNREAD;
  private boolean closed;

  DefaultFaultSession(DefaultFaultPipeline pipeline, ConnectionInfo connection) {
    this.pipeline = pipeline;
    this.connection = connection;
    this.remoteAddressBytes = FaultRuntime.addressBytes(connection);
    this.openedAtMillis = pipeline.clockMillis();
    long idle = -1;
    ConnectionDirective directive = ConnectionDirective.KEEP_OPEN;
    for (FaultRuntime f : pipeline.snapshot()) {
      if (f.stage == Stage.SESSION
          && Stage.appliesTo(f.action(), connection.transport())
          && f.action() instanceof ActionSpec.IdleClose ic
          && f.evaluateConnection(connection, openedAtMillis, true) != null) {
        idle = ic.idle().toNanos();
        directive = ic.mode().directive();
        break;
      }
    }
    this.idleCloseNanos = idle;
    this.idleCloseDirective = directive;
  }

  @Override
  public ConnectionInfo connection() {
    return connection;
  }

  @Override
  public FaultPlan plan(RequestInfo request) {
    requestCount++;
    FaultRuntime[] faults = pipeline.snapshot();
    if (faults.length == 0 || closed) {
      return FaultPlan.NONE;
    }
    now = UNREAD;
    List<Activation> fired = null;
    for (FaultRuntime f : faults) {
      if (f.stage != Stage.REQUEST || !Stage.appliesTo(f.action(), connection.transport())) {
        continue;
      }
      Activation a = f.evaluateRequest(this, request);
      if (a != null) {
        if (fired == null) {
          fired = new ArrayList<>(2);
        }
        fired.add(a);
      }
    }
    return fired == null ? FaultPlan.NONE : new ActivePlan(fired);
  }

  @Override
  public long idleCloseNanos() {
    return idleCloseNanos;
  }

  @Override
  public ConnectionDirective idleCloseDirective() {
    return idleCloseDirective;
  }

  @Override
  public void close() {
    closed = true;
    connectionStates = null;
  }

  long requestCount() {
    return requestCount;
  }

  long openedAtMillis() {
    return openedAtMillis;
  }

  byte @Nullable [] remoteAddressBytes() {
    return remoteAddressBytes;
  }

  /** The pipeline clock, read at most once per request. */
  long nowMillis() {
    if (now == UNREAD) {
      now = pipeline.clockMillis();
    }
    return now;
  }

  ScopeState connectionState(FaultRuntime fault) {
    Map<FaultRuntime, ScopeState> states = connectionStates;
    if (states == null) {
      states = new IdentityHashMap<>();
      connectionStates = states;
      statesVersion = pipeline.version();
    } else if (statesVersion != pipeline.version()) {
      // Forget the states of removed or replaced faults so a long-lived connection does not accumulate them
      // (a disabled fault keeps its state, as it keeps its counters).
      List<FaultRuntime> current = List.of(pipeline.all());
      states.keySet().removeIf(f -> !current.contains(f));
      statesVersion = pipeline.version();
    }
    return states.computeIfAbsent(fault, f -> f.newConnectionState(connection.connectionId()));
  }
}
