package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.AddressRange;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FaultStats;
import dev.modbustoolkit.fault.RequestInfo;
import dev.modbustoolkit.fault.Scope;
import dev.modbustoolkit.fault.TriggerSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** One fault as installed in a pipeline: its compiled trigger, counters and scope states. */
final class FaultRuntime {
  private static final long NEVER = Long.MIN_VALUE;

  final FaultSpec spec;
  final Stage stage;
  private final TriggerSpec trigger;
  private final long faultSeed;
  private final boolean @Nullable [] units;
  private final boolean @Nullable [] functionCodes;
  private final @Nullable AddressRange addresses;
  private final List<RemoteAddressPattern> remotes;
  private final boolean hasWindow;
  private final long windowStart;
  private final long windowEnd;
  private final @Nullable ScopeState serverState;
  private final @Nullable AtomicReferenceArray<ScopeState> unitStates;

  private final LongAdder checks = new LongAdder();
  private final LongAdder activations = new LongAdder();
  private volatile long lastActivationMillis = NEVER;

  FaultRuntime(FaultSpec spec, long pipelineSeed, long addedAtMillis) {
    this.spec = spec;
    this.stage = Stage.of(spec.action());
    this.trigger = spec.trigger();
    this.faultSeed = Seeds.forFault(pipelineSeed, spec.id());
    this.units = flags(trigger.unitIds());
    this.functionCodes = flags(trigger.functionCodes());
    this.addresses = trigger.addresses();
    this.remotes = trigger.remoteAddresses().stream().map(RemoteAddressPattern::parse).toList();
    long start = Long.MIN_VALUE;
    long end = Long.MAX_VALUE;
    if (trigger.from() != null) {
      start = trigger.from().toEpochMilli();
    }
    if (trigger.until() != null) {
      end = trigger.until().toEpochMilli();
    }
    long activeFrom = addedAtMillis + millis(trigger.startAfter());
    if (trigger.startAfter() != null) {
      start = Math.max(start, activeFrom);
    }
    if (trigger.activeFor() != null) {
      end = Math.min(end, saturatedAdd(activeFrom, millis(trigger.activeFor())));
    }
    this.hasWindow = start != Long.MIN_VALUE || end != Long.MAX_VALUE;
    this.windowStart = start;
    this.windowEnd = end;
    this.serverState =
        spec.scope() == Scope.SERVER ? new ScopeState(Seeds.forScope(faultSeed, Scope.SERVER, 0)) : null;
    this.unitStates = spec.scope() == Scope.UNIT ? new AtomicReferenceArray<>(256) : null;
  }

  String id() {
    return spec.id();
  }

  ActionSpec action() {
    return spec.action();
  }

  /** Evaluates a request: null when the fault does not fire. */
  @Nullable Activation evaluateRequest(DefaultFaultSession session, RequestInfo request) {
    checks.increment();
    if (units != null && !units[request.unitId()]) {
      return null;
    }
    if (functionCodes != null && !functionCodes[request.functionCode()]) {
      return null;
    }
    if (addresses != null
        && !(request.hasAddressRange() && addresses.overlaps(request.startAddress(), request.quantity()))) {
      return null;
    }
    if (!remoteMatches(session.remoteAddressBytes())) {
      return null;
    }
    if (hasWindow && !inWindow(session.nowMillis())) {
      return null;
    }
    if (spec.action() instanceof ActionSpec.CloseConnection close && !closeGate(close, session)) {
      return null;
    }
    ScopeState state =
        switch (spec.scope()) {
          case SERVER -> serverState();
          case UNIT -> unitState(request.unitId());
          case CONNECTION -> session.connectionState(this);
        };
    return fire(state, session.nowMillis());
  }

  /**
   * Evaluates a connection-level fault (connection limit, idle close) for a connection; only scope SERVER and no
   * request filters reach here (FaultSpec validates it).
   */
  @Nullable Activation evaluateConnection(ConnectionInfo connection, long nowMillis, boolean gate) {
    checks.increment();
    if (!remoteMatches(addressBytes(connection))) {
      return null;
    }
    if (hasWindow && !inWindow(nowMillis)) {
      return null;
    }
    if (!gate) {
      return null;
    }
    return fire(serverState(), nowMillis);
  }

  /** The scope state of a connection, created by the session that owns it. */
  ScopeState newConnectionState(long connectionId) {
    return new ScopeState(Seeds.forScope(faultSeed, Scope.CONNECTION, connectionId));
  }

  FaultStats stats() {
    long last = lastActivationMillis;
    return new FaultStats(
        spec.id(), checks.sum(), activations.sum(), last == NEVER ? null : Instant.ofEpochMilli(last));
  }

  private @Nullable Activation fire(ScopeState state, long nowMillis) {
    long n = state.onMatch(trigger);
    if (n == 0) {
      return null;
    }
    activations.increment();
    lastActivationMillis = nowMillis;
    return new Activation(spec.id(), spec.action(), state.activationSeed(n));
  }

  private ScopeState serverState() {
    ScopeState s = serverState;
    if (s == null) {
      throw new IllegalStateException("fault " + spec.id() + " has no server scope");
    }
    return s;
  }

  private ScopeState unitState(int unitId) {
    AtomicReferenceArray<ScopeState> states = unitStates;
    if (states == null) {
      throw new IllegalStateException("fault " + spec.id() + " has no unit scope");
    }
    ScopeState s = states.get(unitId);
    if (s == null) {
      states.compareAndSet(unitId, null, new ScopeState(Seeds.forScope(faultSeed, Scope.UNIT, unitId)));
      s = states.get(unitId);
    }
    return s;
  }

  private boolean closeGate(ActionSpec.CloseConnection close, DefaultFaultSession session) {
    if (session.requestCount() < close.afterRequests()) {
      return false;
    }
    Duration every = close.every();
    return every == null || session.nowMillis() - session.openedAtMillis() >= every.toMillis();
  }

  private boolean inWindow(long now) {
    return now >= windowStart && now < windowEnd;
  }

  private boolean remoteMatches(byte @Nullable [] remote) {
    if (remotes.isEmpty()) {
      return true;
    }
    for (RemoteAddressPattern p : remotes) {
      if (p.matches(remote)) {
        return true;
      }
    }
    return false;
  }

  static byte @Nullable [] addressBytes(ConnectionInfo connection) {
    var remote = connection.remoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return null;
    }
    return remote.getAddress().getAddress();
  }

  private static boolean @Nullable [] flags(java.util.Set<Integer> values) {
    if (values.isEmpty()) {
      return null;
    }
    boolean[] flags = new boolean[256];
    for (int v : values) {
      flags[v] = true;
    }
    return flags;
  }

  private static long millis(@Nullable Duration d) {
    return d == null ? 0 : d.toMillis();
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
