package dev.modbustoolkit.transport.jmx;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FaultStats;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import javax.management.ConstructorParameters;

/**
 * One fault's counters as a server MXBean shows them: a JMX console (jconsole, VisualVM) renders an array of these
 * as a table, one row per fault, columns {@code Id}, {@code Enabled}, {@code Checks}, {@code Activations} and
 * {@code LastActivation}.
 *
 * <p>A class with getters rather than a record because the MXBean open-type mapping of JDK 21 knows JavaBean
 * getters and {@link ConstructorParameters} constructors, not record components.
 */
public final class FaultStatistics {
  private final String id;
  private final boolean enabled;
  private final long checks;
  private final long activations;
  private final String lastActivation;

  /**
   * One row.
   *
   * @param id the fault's id
   * @param enabled whether the fault is enabled
   * @param checks how many times its trigger was evaluated
   * @param activations how many times it fired
   * @param lastActivation when it last fired, ISO-8601 ({@link Instant#toString()}); empty if never
   */
  @ConstructorParameters({"id", "enabled", "checks", "activations", "lastActivation"})
  public FaultStatistics(String id, boolean enabled, long checks, long activations, String lastActivation) {
    this.id = Objects.requireNonNull(id, "id");
    this.enabled = enabled;
    this.checks = checks;
    this.activations = activations;
    this.lastActivation = Objects.requireNonNull(lastActivation, "lastActivation");
  }

  /**
   * The ids of every fault of a pipeline, in pipeline order: a server MXBean's {@code Faults} attribute.
   *
   * @param pipeline the pipeline
   * @return the ids
   */
  public static String[] ids(FaultPipeline pipeline) {
    return pipeline.faults().stream().map(FaultSpec::id).toArray(String[]::new);
  }

  /**
   * The rows of every fault of a pipeline, in pipeline order.
   *
   * @param pipeline the pipeline
   * @return one row per fault
   */
  public static FaultStatistics[] of(FaultPipeline pipeline) {
    List<FaultStats> stats = pipeline.stats();
    FaultStatistics[] rows = new FaultStatistics[stats.size()];
    for (int i = 0; i < rows.length; i++) {
      FaultStats s = stats.get(i);
      Instant last = s.lastActivation();
      rows[i] = new FaultStatistics(s.id(), pipeline.isEnabled(s.id()), s.checks(), s.activations(),
          last == null ? "" : last.toString());
    }
    return rows;
  }

  /** {@return the fault's id} */
  public String getId() {
    return id;
  }

  /** {@return whether the fault is enabled} */
  public boolean isEnabled() {
    return enabled;
  }

  /** {@return how many times its trigger was evaluated (see {@link FaultStats#checks()})} */
  public long getChecks() {
    return checks;
  }

  /** {@return how many times it fired} */
  public long getActivations() {
    return activations;
  }

  /** {@return when it last fired, ISO-8601 ({@link Instant#toString()}); empty if never} */
  public String getLastActivation() {
    return lastActivation;
  }

  @Override
  public String toString() {
    return "FaultStatistics[" + id + " enabled=" + enabled + " checks=" + checks + " activations=" + activations
        + " last=" + lastActivation + "]";
  }
}
