package dev.modbustoolkit.fault.internal;

import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.ConnectDecision;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FaultStats;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline: copy-on-write arrays of installed faults, so the request path reads one volatile field and
 * never locks; changes are serialized on a lock.
 *
 * <p>Two arrays: every fault in pipeline order (what the listings, the stats and {@link #replace} see), and the
 * enabled ones in the same order, which is all that sessions read. A disabled fault so costs the request path
 * nothing, and with none enabled the path is the empty pipeline's: one volatile read of an empty array.
 */
public final class DefaultFaultPipeline implements FaultPipeline {
  private static final FaultRuntime[] NO_FAULTS = new FaultRuntime[0];

  private final long seed;
  private final InstantSource clock;
  private final Object lock = new Object();
  private volatile FaultRuntime[] faults = NO_FAULTS;
  // The enabled subset of faults, in the same order: the only array the request path reads.
  private volatile FaultRuntime[] enabled = NO_FAULTS;
  // Guarded by lock: ids of faults that are installed but switched off.
  private final Set<String> disabled = new HashSet<>();
  private volatile long version;

  /** A pipeline without faults. */
  public DefaultFaultPipeline(long seed, InstantSource clock) {
    this.seed = seed;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public long seed() {
    return seed;
  }

  @Override
  public boolean isEmpty() {
    return enabled.length == 0;
  }

  @Override
  public void add(FaultSpec fault) {
    addAll(List.of(fault));
  }

  @Override
  public void addAll(Collection<FaultSpec> specs) {
    List<FaultSpec> copy = List.copyOf(specs);
    synchronized (lock) {
      Set<String> ids = new HashSet<>();
      for (FaultRuntime f : faults) {
        ids.add(f.id());
      }
      for (FaultSpec s : copy) {
        if (!ids.add(s.id())) {
          throw new IllegalArgumentException("a fault with id '" + s.id() + "' already exists");
        }
      }
      long now = clock.millis();
      FaultRuntime[] next = Arrays.copyOf(faults, faults.length + copy.size());
      for (int i = 0; i < copy.size(); i++) {
        next[faults.length + i] = new FaultRuntime(copy.get(i), seed, now);
      }
      publish(next);
    }
  }

  @Override
  public boolean replace(FaultSpec fault) {
    synchronized (lock) {
      FaultRuntime[] current = faults;
      for (int i = 0; i < current.length; i++) {
        if (current[i].id().equals(fault.id())) {
          FaultRuntime[] next = current.clone();
          next[i] = new FaultRuntime(fault, seed, clock.millis());
          publish(next);
          return true;
        }
      }
      return false;
    }
  }

  @Override
  public boolean remove(String id) {
    synchronized (lock) {
      FaultRuntime[] current = faults;
      List<FaultRuntime> next = new ArrayList<>(Arrays.asList(current));
      if (!next.removeIf(f -> f.id().equals(id))) {
        return false;
      }
      disabled.remove(id);
      publish(next.toArray(NO_FAULTS));
      return true;
    }
  }

  @Override
  public void clear() {
    synchronized (lock) {
      disabled.clear();
      publish(NO_FAULTS);
    }
  }

  @Override
  public void replaceAll(Collection<FaultSpec> specs) {
    List<FaultSpec> copy = List.copyOf(specs);
    Set<String> ids = new HashSet<>();
    for (FaultSpec s : copy) {
      if (!ids.add(s.id())) {
        throw new IllegalArgumentException("a fault with id '" + s.id() + "' is given twice");
      }
    }
    synchronized (lock) {
      long now = clock.millis();
      FaultRuntime[] next = new FaultRuntime[copy.size()];
      for (int i = 0; i < next.length; i++) {
        next[i] = new FaultRuntime(copy.get(i), seed, now);
      }
      disabled.clear();
      publish(next);
    }
  }

  @Override
  public boolean setEnabled(String id, boolean on) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      if (find(id).isEmpty()) {
        return false;
      }
      boolean changed = on ? disabled.remove(id) : disabled.add(id);
      if (changed) {
        publish(faults);
      }
      return true;
    }
  }

  @Override
  public boolean isEnabled(String id) {
    for (FaultRuntime f : enabled) {
      if (f.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<FaultSpec> faults() {
    return Arrays.stream(faults).map(f -> f.spec).toList();
  }

  @Override
  public Optional<FaultSpec> fault(String id) {
    return find(id).map(f -> f.spec);
  }

  @Override
  public Optional<FaultStats> stats(String id) {
    return find(id).map(FaultRuntime::stats);
  }

  @Override
  public List<FaultStats> stats() {
    return Arrays.stream(faults).map(FaultRuntime::stats).toList();
  }

  @Override
  public FaultSession openSession(ConnectionInfo connection) {
    return new DefaultFaultSession(this, connection);
  }

  @Override
  public ConnectDecision onConnect(ConnectionInfo connection, int activeConnections) {
    FaultRuntime[] current = enabled;
    if (current.length == 0) {
      return ConnectDecision.ACCEPT;
    }
    long now = Long.MIN_VALUE;
    for (FaultRuntime f : current) {
      if (f.stage == Stage.CONNECT
          && Stage.appliesTo(f.action(), connection.transport())
          && f.action() instanceof ActionSpec.ConnectionLimit limit) {
        if (now == Long.MIN_VALUE) {
          now = clock.millis();
        }
        if (f.evaluateConnection(connection, now, activeConnections >= limit.maxConnections()) != null) {
          return limit.policy();
        }
      }
    }
    return ConnectDecision.ACCEPT;
  }

  @Override
  public String toString() {
    return "FaultPipeline[seed=" + seed + ", faults=" + faults().stream().map(FaultSpec::id).toList() + "]";
  }

  /** The enabled faults, in pipeline order: what requests and new sessions are evaluated against. */
  FaultRuntime[] snapshot() {
    return enabled;
  }

  /** Every installed fault, enabled or not. */
  FaultRuntime[] all() {
    return faults;
  }

  long version() {
    return version;
  }

  long clockMillis() {
    return clock.millis();
  }

  private Optional<FaultRuntime> find(String id) {
    for (FaultRuntime f : faults) {
      if (f.id().equals(id)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Called under lock: installs {@code next} and derives the enabled subset from {@link #disabled}. */
  private void publish(FaultRuntime[] next) {
    FaultRuntime[] on = next;
    if (!disabled.isEmpty()) {
      on = Arrays.stream(next).filter(f -> !disabled.contains(f.id())).toArray(FaultRuntime[]::new);
    }
    version++;
    faults = next;
    enabled = on.length == 0 ? NO_FAULTS : on;
  }
}
