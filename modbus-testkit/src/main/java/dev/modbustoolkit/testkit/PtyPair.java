package dev.modbustoolkit.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Two connected pseudo-terminals made by socat: what one end writes, the other reads. For serial-line tests without
 * hardware; socat is found with {@link Tools#require} (skipped when missing, failed under {@code CI=true}).
 */
public final class PtyPair implements AutoCloseable {
  private final Path server;
  private final Path client;
  private final Process socat;

  private PtyPair(Path server, Path client, Process socat) {
    this.server = server;
    this.client = client;
    this.socat = socat;
  }

  /**
   * Starts socat with links {@code server-tty} and {@code client-tty} (and its log) in {@code dir}; waits up to
   * 10 s for both links.
   *
   * @throws IOException when socat cannot be started or does not create the ptys in time
   */
  public static PtyPair start(Path dir) throws IOException, InterruptedException {
    Path socatPath = Tools.require("socat", "socat");
    Path server = dir.resolve("server-tty");
    Path client = dir.resolve("client-tty");
    Path log = dir.resolve("socat.log");
    Process socat =
        new ProcessBuilder(
                socatPath.toString(), "-d", "-d",
                "pty,raw,echo=0,link=" + server,
                "pty,raw,echo=0,link=" + client)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(server) && Files.exists(client))) {
      if (!socat.isAlive() || System.nanoTime() > deadline) {
        Tools.destroy(socat);
        throw new IOException("socat did not create the ptys: " + Files.readString(log));
      }
      Thread.sleep(20);
    }
    return new PtyPair(server, client, socat);
  }

  /** The end the server under test opens. */
  public Path server() {
    return server;
  }

  /** The end the client opens. */
  public Path client() {
    return client;
  }

  /** Stops socat (forcibly after 5 s), which removes the ptys. */
  @Override
  public void close() throws InterruptedException {
    Tools.destroy(socat);
  }
}
