package dev.modbustoolkit.server.tcp;

import static dev.modbustoolkit.server.tcp.RawClient.frame;
import static dev.modbustoolkit.server.tcp.RawClient.readHolding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.server.tcp.RawClient.Frame;
import dev.modbustoolkit.server.tcp.TestSupport.EventLog;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load and abuse over loopback, each bounded in count and time: thousands of connections, slow clients,
 * connection churn, random bytes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModbusTcpServerRobustnessIT {
  private final TestSupport support = new TestSupport();

  @AfterEach
  void stopServers() {
    support.close();
  }

  @Test
  void servesTwoThousandConcurrentConnections() throws Exception {
    int n = 2_000;
    // Client and server end of every connection live in this JVM: 2 descriptors each, plus the JVM's own.
    long needed = 2L * n + 500;
    assertThat(maxOpenFiles())
        .as("open-file limit of the test JVM (raise `ulimit -n`; HotSpot lifts the soft limit to the hard one)")
        .isGreaterThanOrEqualTo(needed);
    ModbusTcpServer server = support.start(new TestDevice(9), b -> b.backlog(4096));
    List<RawClient> clients = new ArrayList<>(n);
    try {
      for (int i = 0; i < n; i++) {
        clients.add(RawClient.connect(server.localAddress()));
      }
      // Every connection sends its request before any answer is read: all are open and served at once.
      for (int i = 0; i < n; i++) {
        clients.get(i).send(frame(i, 1, readHolding(i, 1)));
      }
      for (int i = 0; i < n; i++) {
        Frame f = clients.get(i).readFrame();
        assertThat(f.transactionId()).isEqualTo(i);
        assertThat(f.u16(2)).isEqualTo(TestDevice.expected(9, i));
      }
      assertThat(server.metrics().activeConnections()).isEqualTo(n);
      assertThat(server.connections()).hasSize(n);
    } finally {
      for (RawClient c : clients) {
        c.close();
      }
    }
    TestSupport.until(() -> server.metrics().activeConnections() == 0, Duration.ofSeconds(30), "all closed");
    assertThat(server.metrics().acceptedConnections()).isEqualTo(n);
  }

  @Test
  void aClientSendingOneBytePerSecondDoesNotDelayOthers() throws Exception {
    ModbusTcpServer server = support.start(new TestDevice(2), b -> {});
    byte[] request = frame(77, 1, readHolding(5, 1));
    try (RawClient slow = RawClient.connect(server.localAddress());
        RawClient normal = RawClient.connect(server.localAddress())) {
      long worstNanos = 0;
      for (int s = 0; s < 3; s++) {
        slow.send(new byte[] {request[s]});
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        int i = 0;
        while (System.nanoTime() < until) {
          long t0 = System.nanoTime();
          // Transaction ids are 16 bits: a fast machine sends more than 65,536 requests in the second.
          Frame f = normal.call(i & 0xFFFF, 1, readHolding(i % 100, 1));
          worstNanos = Math.max(worstNanos, System.nanoTime() - t0);
          assertThat(f.transactionId()).isEqualTo(i & 0xFFFF);
          i++;
        }
      }
      // Held up by the slow client, an answer would wait for its next byte, a second away: stay well below that
      // (a generous margin: CI machines have two loaded cores).
      assertThat(Duration.ofNanos(worstNanos)).as("slowest answer to the normal client").isLessThan(
          Duration.ofMillis(900));
      // The slow client's request completes and is answered once its last bytes arrive.
      slow.send(java.util.Arrays.copyOfRange(request, 3, request.length));
      assertThat(slow.readFrame().transactionId()).isEqualTo(77);
    }
  }

  @Test
  void tenThousandConnectDisconnectCyclesLeaveNoThreadOrDescriptorBehind() throws Exception {
    ModbusTcpServer server = support.start(new TestDevice(1), b -> {});
    InetSocketAddress address = server.localAddress();
    // Warm up so lazily created JDK resources (poller threads, selector descriptors) exist before counting.
    cycles(address, 200);
    TestSupport.until(() -> server.metrics().activeConnections() == 0, Duration.ofSeconds(10), "warm-up done");
    long fdsBefore = openDescriptors();
    int platformThreadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

    cycles(address, 10_000);

    TestSupport.until(() -> server.metrics().activeConnections() == 0, Duration.ofSeconds(30), "all closed");
    TestSupport.until(() -> openDescriptors() <= fdsBefore + 5, Duration.ofSeconds(10),
        "descriptors back to " + fdsBefore + " (now " + openDescriptors() + ")");
    assertThat(ManagementFactory.getThreadMXBean().getThreadCount()).isLessThanOrEqualTo(platformThreadsBefore + 2);
    TestSupport.until(() -> serverVirtualThreads() == 0, Duration.ofSeconds(10), "connection threads ended");
    assertThat(server.metrics().acceptedConnections()).isEqualTo(10_200);
    assertThat(server.connections()).isEmpty();
  }

  /** Connect, one request (every other cycle), close: half with FIN, half with RST (SO_LINGER 0). */
  private static void cycles(InetSocketAddress address, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      try (Socket s = new Socket()) {
        s.connect(address, 5_000);
        s.setSoTimeout(5_000);
        if (i % 2 == 0) {
          s.getOutputStream().write(frame(i & 0xFFFF, 1, readHolding(0, 1)));
          byte[] answer = s.getInputStream().readNBytes(11);
          assertThat(answer).hasSize(11);
        } else {
          s.setSoLinger(true, 0);
        }
      }
    }
  }

  @Test
  void aFloodOfRandomBytesIsSurvived() throws Exception {
    EventLog log = new EventLog();
    ModbusTcpServer server = support.start(new TestDevice(4), b -> b.listener(log));
    Random random = new Random(20_240_501L);
    int clients = 40;
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      byte[] junk = new byte[32 * 1024];
      random.nextBytes(junk);
      if (i % 4 == 0) {
        // Valid headers with protocol id 0 and random PDUs, so the dispatcher gets garbage too, not just framing.
        for (int at = 0; at + 20 <= junk.length; at += 20) {
          junk[at + 2] = 0;
          junk[at + 3] = 0;
          junk[at + 4] = 0;
          junk[at + 5] = 14;
        }
      }
      payloads.add(junk);
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<CompletableFuture<Void>> sends = new ArrayList<>();
      for (byte[] junk : payloads) {
        sends.add(CompletableFuture.runAsync(() -> floodOnce(server.localAddress(), junk), pool));
      }
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }
    TestSupport.until(() -> server.metrics().activeConnections() == 0, Duration.ofSeconds(30), "flooders gone");
    assertThat(server.isRunning()).isTrue();
    assertThat(server.metrics().malformedFrames()).isPositive();
    assertThat(server.dispatcherMetrics().totalRequests()).isPositive();
    assertThat(log.of(ServerEvent.ConnectionClosed.class))
        .extracting(ServerEvent.ConnectionClosed::reason)
        .doesNotContain(CloseReason.INTERNAL_ERROR);
    try (RawClient c = RawClient.connect(server.localAddress())) {
      Frame f = c.call(1, 1, readHolding(10, 1));
      assertThat(f.u16(2)).isEqualTo(TestDevice.expected(4, 10));
    }
  }

  private static void floodOnce(InetSocketAddress address, byte[] junk) {
    try (Socket s = new Socket()) {
      s.connect(address, 5_000);
      s.setSoTimeout(5_000);
      // Drain answers on the side so the server never blocks writing to us.
      Thread drainer = Thread.ofVirtual().start(() -> {
        try {
          s.getInputStream().transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
          // closed: expected
        }
      });
      try {
        OutputStream out = s.getOutputStream();
        for (int at = 0; at < junk.length; at += 1024) {
          out.write(junk, at, Math.min(1024, junk.length - at));
        }
      } catch (IOException e) {
        // The server closed the connection on a bad header: expected.
      }
      s.shutdownOutput();
      drainer.join(10_000);
    } catch (IOException e) {
      // Reset while closing: expected for a connection the server dropped.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long openDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long maxOpenFiles() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        Matcher m = Pattern.compile("Max open files\\s+(\\d+|unlimited)").matcher(line);
        if (m.find()) {
          return m.group(1).equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(m.group(1));
        }
      }
    }
    return Long.MAX_VALUE;
  }

  /** Virtual threads of the server (connections and handler workers) still alive, from a JSON thread dump. */
  private static long serverVirtualThreads() {
    try {
      Path dump = Files.createTempFile("threads", ".json");
      Files.delete(dump);
      try {
        // Through plain JMX rather than com.sun.management, which the test module does not read.
        ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=HotSpotDiagnostic"), "dumpThreads",
            new Object[] {dump.toString(), "JSON"}, new String[] {String.class.getName(), String.class.getName()});
        String json = Files.readString(dump);
        Matcher m = Pattern.compile("\"name\": \"modbus-tcp-(conn|handler)-").matcher(json);
        long count = 0;
        while (m.find()) {
          count++;
        }
        return count;
      } finally {
        Files.deleteIfExists(dump);
      }
    } catch (IOException | JMException e) {
      throw new IllegalStateException(e);
    }
  }
}
