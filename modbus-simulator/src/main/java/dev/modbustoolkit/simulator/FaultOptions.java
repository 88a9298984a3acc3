package dev.modbustoolkit.simulator;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.config.FaultFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The faults the simulator injects, read from a fault file ({@code --faults}).
 *
 * @param file the fault file as given on the command line
 * @param content what it holds
 * @param seed the pipeline's seed: {@code --seed}, else the file's, else a random one (printed at start, so a run
 *     can be repeated)
 * @param seedSource where the seed came from
 */
public record FaultOptions(Path file, FaultFile content, long seed, SeedSource seedSource) {

  /** Where the seed of the fault pipeline came from. */
  public enum SeedSource {
    /** {@code --seed} on the command line, overriding the file's. */
    OPTION,
    /** The fault file's {@code seed}. */
    FILE,
    /** Neither gave one: drawn at random. */
    RANDOM
  }

  /** Checks for nulls. */
  public FaultOptions {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(seedSource, "seedSource");
  }

  /** {@return a new pipeline holding the file's faults, seeded with {@link #seed()}} */
  public FaultPipeline newPipeline() {
    FaultPipeline pipeline = FaultPipeline.create(seed);
    pipeline.addAll(content.faults());
    return pipeline;
  }
}
