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
 * The pipeline: a copy-on-write array of installed faults, so the request path reads one volatile field and
 * never locks; changes are serialized on a lock.
 */
public final class DefaultFaultPipeline implements FaultPipeline {
  private static final FaultRuntime[] NO_FAULTS = new FaultRuntime[0];

  private final long seed;
  private final InstantSource clock;
  private final Object lock = new Object();
  private volatile FaultRuntime[] faults = NO_FAULTS;
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
    return faults.length == 0;
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
      publish(next.toArray(NO_FAULTS));
      return true;
    }
  }

  @Override
  public void clear() {
    synchronized (lock) {
      publish(NO_FAULTS);
    }
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
    FaultRuntime[] current = faults;
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

  FaultRuntime[] snapshot() {
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

  private void publish(FaultRuntime[] next) {
    version++;
    faults = next;
  }
}
