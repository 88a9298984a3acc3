package dev.modbustoolkit.fault;

import dev.modbustoolkit.fault.internal.DefaultFaultPipeline;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The faults of one server, changeable while it runs, thread-safe. Seeded: the same seed, the same faults and the
 * same traffic give the same faults (each fault and scope key has its own random stream derived from seed, fault
 * id and scope key, so other connections' traffic does not shift a connection-scoped fault's sequence; server-
 * and unit-scoped streams are shared and follow the order in which requests reach them).
 *
 * <p>Faults are kept in insertion order ("pipeline order"); {@link #replace} keeps the position. A fault can be
 * switched off and on again ({@link #setEnabled}): a disabled fault keeps its position, its counters and its random
 * streams, and is never evaluated while off.
 */
public interface FaultPipeline {

  /**
   * {@return a pipeline with no faults, with the system clock}
   *
   * @param seed the seed of the random choices
   */
  static FaultPipeline create(long seed) {
    return new DefaultFaultPipeline(seed, InstantSource.system());
  }

  /**
   * {@return a pipeline with no faults and the given clock (time windows, connection age, last activation)}
   *
   * @param seed the seed of the random choices
   * @param clock the clock
   */
  static FaultPipeline create(long seed, InstantSource clock) {
    return new DefaultFaultPipeline(seed, clock);
  }

  /**
   * {@return a new pipeline with no faults and seed 0: a server's default} While it stays empty a request costs one
   * volatile read and returns {@link FaultPlan#NONE}.
   */
  static FaultPipeline empty() {
    return create(0);
  }

  /** {@return the seed} */
  long seed();

  /**
   * {@return true when no fault is enabled: the pipeline holds none, or every one it holds is disabled (a volatile
   * read)} Transports skip the fault path entirely then.
   */
  boolean isEmpty();

  /**
   * Adds a fault at the end.
   *
   * @param fault the fault
   * @throws IllegalArgumentException if a fault with that id exists
   */
  void add(FaultSpec fault);

  /**
   * Adds all, atomically: none is added if one id is taken or repeated.
   *
   * @param faults the fault pipeline
   */
  void addAll(Collection<FaultSpec> faults);

  /**
   * Replaces the fault with the same id, keeping its position; its counters and random streams start afresh.
   *
   * @param fault the fault
   * @return false (and nothing changes) when there is no such fault
   */
  boolean replace(FaultSpec fault);

  /**
   * Removes a fault; false when there is no such fault.
   *
   * @param id the fault's id
   * @return true if the fault was there and is removed
   */
  boolean remove(String id);

  /** Removes every fault. */
  void clear();

  /**
   * Replaces every fault at once: sessions see the old set or the new one, never a mix or an empty pipeline in
   * between (what a reload of a fault file needs). Every new fault is enabled, with fresh counters.
   *
   * @param faults the new faults, in pipeline order
   * @throws IllegalArgumentException if an id is repeated (nothing changes)
   */
  void replaceAll(Collection<FaultSpec> faults);

  /**
   * Switches a fault on or off, keeping its position, counters and random streams. A disabled fault is never
   * evaluated: it neither checks nor fires. A new or replaced fault keeps the switch of the id it replaces (new
   * ones are enabled).
   *
   * @param id the fault's id
   * @param enabled true to switch it on
   * @return false (and nothing changes) when there is no such fault
   */
  boolean setEnabled(String id, boolean enabled);

  /**
   * {@return true when the fault is installed and enabled; false when it is disabled or there is no such fault}
   *
   * @param id the fault's id
   */
  boolean isEnabled(String id);

  /** {@return the faults, in pipeline order, enabled or not} */
  List<FaultSpec> faults();

  /**
   * {@return the fault with this id}
   *
   * @param id the fault's id
   */
  Optional<FaultSpec> fault(String id);

  /**
   * {@return counters of one fault}
   *
   * @param id the fault's id
   */
  Optional<FaultStats> stats(String id);

  /** {@return counters of every fault, in pipeline order} */
  List<FaultStats> stats();

  /**
   * Opens the session of a new connection / port.
   *
   * @param connection the connection
   * @return the {@code FaultSession}
   */
  FaultSession openSession(ConnectionInfo connection);

  /**
   * Decides about a just-accepted connection from the connection-limit faults (the first that fires, in pipeline
   * order, wins).
   *
   * @param activeConnections connections open now, not counting the new one
   * @param connection the connection
   * @return the on connect
   */
  ConnectDecision onConnect(ConnectionInfo connection, int activeConnections);
}
