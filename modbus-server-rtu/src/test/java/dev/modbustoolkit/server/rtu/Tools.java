package dev.modbustoolkit.server.rtu;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs third-party tools for the integration tests. */
final class Tools {
  private Tools() {}

  /** Whether an executable is on the PATH (or an absolute path that exists). */
  static boolean onPath(String name) {
    if (name.startsWith("/")) {
      return Files.isExecutable(Path.of(name));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return true;
      }
    }
    return false;
  }

  /** Whether /usr/bin/python3 can import the given modules. */
  static boolean pythonHas(String... modules) {
    if (!onPath("/usr/bin/python3")) {
      return false;
    }
    try {
      Result r = run(List.of("/usr/bin/python3", "-c", "import " + String.join(", ", modules)), 30);
      return r.exitCode() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  record Result(int exitCode, String output) {}

  /** Runs a command, merging stderr into the output, killing it after {@code timeoutSeconds}. */
  static Result run(List<String> command, int timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(command + " did not finish within " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
