package dev.modbustoolkit.simulator;

import dev.modbustoolkit.simulator.profile.DeviceProfile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The device profile the simulator serves ({@code --profile}).
 *
 * @param file the profile file as given on the command line
 * @param content what it holds
 * @param seed the seed of its moving values: {@code --seed}, else the file's, else a random one (printed at start)
 * @param seedSource where the seed came from
 */
public record ProfileOptions(Path file, DeviceProfile content, long seed, FaultOptions.SeedSource seedSource) {

  /** Checks for nulls. */
  public ProfileOptions {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(seedSource, "seedSource");
  }
}
