package dev.modbustoolkit.fault.config;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import java.time.InstantSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The contents of a fault file.
 *
 * @param seed the seed the file asks for, null when it names none
 * @param faults the faults, in file order
 */
public record FaultFile(@Nullable Long seed, List<FaultSpec> faults) {

  /** Copies. */
  public FaultFile {
    faults = List.copyOf(faults);
  }

  /**
   * {@return a new pipeline with these faults, seeded with the file's seed or else {@code defaultSeed}}
   *
   * @param defaultSeed the default seed
   */
  public FaultPipeline newPipeline(long defaultSeed) {
    return newPipeline(defaultSeed, InstantSource.system());
  }

  /**
   * {@return the same with a clock}
   *
   * @param defaultSeed the default seed
   * @param clock the clock
   */
  public FaultPipeline newPipeline(long defaultSeed, InstantSource clock) {
    FaultPipeline pipeline = FaultPipeline.create(seed != null ? seed : defaultSeed, clock);
    pipeline.addAll(faults);
    return pipeline;
  }
}
