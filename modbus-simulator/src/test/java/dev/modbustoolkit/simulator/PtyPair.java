package dev.modbustoolkit.simulator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Two connected pseudo-terminals made by socat: what one end writes, the other reads. */
final class PtyPair implements AutoCloseable {
  final Path server;
  final Path client;
  private final Process socat;

  private PtyPair(Path server, Path client, Process socat) {
    this.server = server;
    this.client = client;
    this.socat = socat;
  }

  /** Starts socat with links in {@code dir}; skips the test when socat is not installed. */
  static PtyPair start(Path dir) throws IOException, InterruptedException {
    assumeTrue(onPath("socat"), "socat is not installed");
    Path server = dir.resolve("server-tty");
    Path client = dir.resolve("client-tty");
    Path log = dir.resolve("socat.log");
    Process socat = new ProcessBuilder("socat", "-d", "-d",
            "pty,raw,echo=0,link=" + server, "pty,raw,echo=0,link=" + client)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(server) && Files.exists(client))) {
      if (!socat.isAlive() || System.nanoTime() > deadline) {
        socat.destroy();
        throw new IOException("socat did not create the ptys: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    return new PtyPair(server, client, socat);
  }

  private static boolean onPath(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    socat.destroy();
    if (!socat.waitFor(5, TimeUnit.SECONDS)) {
      socat.destroyForcibly();
    }
  }
}
