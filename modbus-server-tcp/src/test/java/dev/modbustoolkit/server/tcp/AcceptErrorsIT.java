package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.RawClient.frame;
import static dev.modbustoolkit.server.tcp.RawClient.readHolding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A listener that runs out of file descriptors (EMFILE on {@code accept()}) backs off, keeps reporting itself as
 * running, and serves again once descriptors are free. The server runs in a child JVM started under {@code prlimit}
 * with a low descriptor limit, so the test's own JVM is not starved.
 */
@Timeout(120)
class AcceptErrorsIT {
  private static final int FD_LIMIT = 128;

  @Test
  void outOfDescriptorsTheListenerBacksOffAndServesAgainOnceTheyAreFree() throws Exception {
    // Not skipped when missing: util-linux is on every Debian system.
    Path prlimit = Tools.find("prlimit")
        .orElseThrow(() -> new AssertionError("prlimit (util-linux) is needed to limit the server's descriptors"));
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process child = new ProcessBuilder(prlimit.toString(), "--nofile=" + FD_LIMIT + ":" + FD_LIMIT, java, "-cp",
        System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
        FdLimitedServer.class.getName(), TestSupport.IO_MODE.name())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        PrintStream in = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8)) {
      String first = readLine(out, child);
      assertThat(first).startsWith("port=");
      InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(first.substring(5)));
      List<Socket> clients = new ArrayList<>();
      try {
        // More clients than the server has descriptors: its accepts start failing with EMFILE.
        for (int i = 0; i < 2 * FD_LIMIT; i++) {
          Socket s = new Socket();
          try {
            s.connect(address, 2_000);
            clients.add(s);
          } catch (IOException e) {
            s.close();
          }
        }
        String state = awaitState(in, out, child, ".* acceptErrors=[1-9].*");
        assertThat(state).startsWith("running=true");
      } finally {
        for (Socket s : clients) {
          s.close();
        }
      }
      // Descriptors free again: a new client is served.
      awaitState(in, out, child, ".* active=0");
      try (RawClient c = RawClient.connect(address)) {
        RawClient.Frame f = c.call(7, 1, readHolding(0, 1));
        assertThat(f.transactionId()).isEqualTo(7);
        assertThat(f.u16(2)).isEqualTo(4242);
      }
      in.println("state");
      assertThat(readLine(out, child)).startsWith("running=true");
    } finally {
      child.destroy();
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
  }

  /** Asks the child for its state until it matches {@code regex}, for at most 30 s. */
  private static String awaitState(PrintStream in, BufferedReader out, Process child, String regex)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String state = "";
    while (System.nanoTime() < deadline) {
      in.println("state");
      state = readLine(out, child);
      if (state.matches(regex)) {
        return state;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server's state never matched " + regex + "; last: " + state);
  }

  /** One line of the child's output, waiting at most 30 s (the read runs on a thread of its own). */
  private static String readLine(BufferedReader out, Process child) throws Exception {
    var line = new java.util.concurrent.CompletableFuture<String>();
    Thread.ofVirtual().start(() -> {
      try {
        line.complete(out.readLine());
      } catch (IOException e) {
        line.completeExceptionally(e);
      }
    });
    String s = line.get(30, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("the server exited: " + child.waitFor(5, TimeUnit.SECONDS) + " " + child.info());
    }
    return s;
  }
}
