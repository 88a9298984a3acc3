package dev.modbustoolkit.testkit;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one way tests find and run external tools (socat, mbpoll, python3 with pymodbus): looked up on the PATH,
 * never at a hard-coded location. A missing tool skips the test visibly, naming the tool and the Debian package
 * that has it, except under {@code CI=true}, where {@code .ci/run} installs the tools and a missing one is a
 * failure. A tool that is there but cannot be started is always a failure, and no child process can hang a test:
 * {@link #run} reads its output on a thread of its own and destroys it after a timeout.
 */
public final class Tools {
  private Tools() {}

  /** The result of {@link #run}: the exit code and stdout with stderr merged into it. */
  public record Result(int exitCode, String output) {}

  /** The executable {@code name} on the PATH, or the path itself when {@code name} contains a separator. */
  public static Optional<Path> find(String name) {
    return find(name, System.getenv());
  }

  static Optional<Path> find(String name, Map<String, String> env) {
    return findAll(name, env).stream().findFirst();
  }

  /**
   * Every executable {@code name} on the PATH, in PATH order (a pyenv shim first, the system's python3 after it,
   * say), duplicates removed; the path itself when {@code name} contains a separator and is executable.
   */
  public static List<Path> findAll(String name) {
    return findAll(name, System.getenv());
  }

  static List<Path> findAll(String name, Map<String, String> env) {
    if (name.contains(File.separator)) {
      Path p = Path.of(name);
      return Files.isExecutable(p) ? List.of(p) : List.of();
    }
    Set<Path> found = new LinkedHashSet<>();
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        found.add(candidate);
      }
    }
    return List.copyOf(found);
  }

  /**
   * The path of {@code name}; when it is not on the PATH, the test is skipped (aborted through JUnit's
   * assumptions) with a message naming the tool and {@code debianPackage}, or fails under {@code CI=true}.
   */
  public static Path require(String name, String debianPackage) {
    return require(name, debianPackage, System.getenv());
  }

  static Path require(String name, String debianPackage, Map<String, String> env) {
    Optional<Path> found = find(name, env);
    if (found.isPresent()) {
      return found.get();
    }
    return missing(name + " is not on the PATH", debianPackage, env);
  }

  /**
   * Says that something a test needs besides an executable (a library's headers, say) is missing: the test is
   * skipped (aborted through JUnit's assumptions) with {@code what} and {@code debianPackage} in the message, or
   * fails under {@code CI=true}, where {@code .ci/run} installs the package. Never returns normally.
   *
   * @param <T> whatever the caller's expression needs
   * @param what what is missing, e.g. "libmodbus's headers (modbus.h)"
   * @param debianPackage the Debian package that has it
   * @return never
   */
  public static <T> T missing(String what, String debianPackage) {
    return missing(what, debianPackage, System.getenv());
  }

  static <T> T missing(String what, String debianPackage, Map<String, String> env) {
    String message = what + " (Debian package " + debianPackage + ": apt-get install " + debianPackage + ")";
    if ("true".equals(env.get("CI"))) {
      throw new AssertionError(message + "; under CI=true .ci/run installs it, so its absence is a failure");
    }
    return abort(message + ": test skipped");
  }

  /**
   * The first python3 on the PATH that can import every one of {@code modules} (every python3 there is tried: the
   * first may be a pyenv or virtualenv one without the Debian package's modules); when none can, skipped (or failed
   * under {@code CI=true}) as {@link #require} does, naming {@code debianPackage}.
   */
  public static Path requirePython(String debianPackage, String... modules)
      throws IOException, InterruptedException {
    Path first = require("python3", "python3");
    StringBuilder tried = new StringBuilder();
    for (Path python : findAll("python3")) {
      Result r = run(Duration.ofSeconds(60), python.toString(), "-c", "import " + String.join(", ", modules));
      if (r.exitCode() == 0) {
        return python;
      }
      tried.append("\n").append(python).append(": ").append(r.output().strip());
    }
    String message = "no python3 on the PATH can import " + String.join(", ", modules) + " (Debian package "
        + debianPackage + ": apt-get install " + debianPackage + "); tried " + first + tried;
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message + "\nunder CI=true .ci/run installs it, so its absence is a failure");
    }
    return abort(message + "\ntest skipped");
  }

  /**
   * Runs {@code command} (a bare name is found on the PATH by the system), merging stderr into the output, which a separate thread reads so that a chatty child cannot block. The child is destroyed
   * after {@code timeout}, and the call fails then.
   *
   * @throws IOException when the child cannot be started (a failure, never "not installed")
   * @throws AssertionError when it does not exit within {@code timeout}; the message holds its output so far
   */
  public static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
    return run(timeout, List.of(command));
  }

  /** {@link #run(Duration, String...)} with the command as a list. */
  public static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    OutputReader reader = new OutputReader(p.getInputStream());
    Thread thread = Thread.ofPlatform().daemon().name("tools-run-" + command.getFirst()).start(reader);
    try {
      if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        destroy(p);
        thread.join(TimeUnit.SECONDS.toMillis(5));
        throw new AssertionError(command + " did not finish within " + timeout + "; output so far:\n" + reader.text());
      }
      // The child is gone; its output ends once any grandchild holding the pipe is gone too.
      thread.join(timeout.toMillis() + 1);
      if (thread.isAlive()) {
        throw new AssertionError(command + " exited but its output did not end within " + timeout
            + " (a child of it still holds it?); output so far:\n" + reader.text());
      }
      reader.rethrow();
      return new Result(p.exitValue(), reader.text());
    } finally {
      if (p.isAlive()) {
        destroy(p);
      }
    }
  }

  /** Destroys {@code p} and its descendants, forcibly when it does not end within 5 s. */
  static void destroy(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
    if (!p.waitFor(5, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Reads a stream to its end into memory. */
  private static final class OutputReader implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile @Nullable IOException failure;

    OutputReader(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[4096];
      try (in) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (bytes) {
            bytes.write(buffer, 0, n);
          }
        }
      } catch (IOException e) {
        failure = e;
      }
    }

    String text() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
      }
    }

    void rethrow() {
      IOException e = failure;
      if (e != null) {
        throw new UncheckedIOException("reading the child's output", e);
      }
    }
  }
}
