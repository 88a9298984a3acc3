package dev.modbustoolkit.server.udp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The real peer this module's tests run: python3 with pymodbus, found on the PATH. */
final class Tools {
  private Tools() {}

  /**
   * The python3 that has pymodbus. Missing, the test is skipped visibly, except under {@code CI=true}, where
   * {@code .ci/run} installs it and its absence fails the build.
   */
  static String python() throws IOException, InterruptedException {
    String found = null;
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "python3");
      if (Files.isExecutable(candidate) && hasPymodbus(candidate)) {
        found = candidate.toString();
        break;
      }
    }
    if (found == null) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("CI=true but no python3 with pymodbus on the PATH: .ci/run should install it");
      }
      assumeTrue(false, "no python3 with pymodbus on the PATH (Debian: python3-pymodbus)");
    }
    return found;
  }

  private static boolean hasPymodbus(Path python) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(python.toString(), "-c", "import pymodbus").redirectErrorStream(true).start();
    p.getOutputStream().close();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(python + " -c 'import pymodbus' did not finish in 30 s");
    }
    return p.exitValue() == 0;
  }
}
