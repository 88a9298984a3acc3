package dev.modbustoolkit.server.tcp;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one of the {@link TcpServerUnderTest} servers as a standalone process, so that an external load generator
 * (the C yardstick {@code ../shared/perf/compare.sh}, driven by {@code benchmarks/perf/compare-references.sh})
 * can measure the reference Java servers the same way it measures this project's simulator: on their own CPU,
 * against the C limit server, with values it validates.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.modbustoolkit.server.tcp.LoadTarget SERVER PORT}
 * where {@code SERVER} names a {@link TcpServerUnderTest} constant (case-insensitive) and {@code PORT} is the
 * loopback port (0 picks a free one). It prints {@code listening on 127.0.0.1:PORT} once the server accepts
 * connections and runs until the process is killed; a shutdown hook closes the server.
 *
 * <p>Every server runs as {@link TcpServerUnderTest} configures it for the JMH benchmark, except j2mod, whose
 * connection pool gets {@value #J2MOD_POOL} threads instead of {@value TcpServerUnderTest#J2MOD_POOL}: j2mod
 * serves one connection per pooled thread and leaves the others unanswered, and {@code compare.sh}'s W5 opens
 * 1000 connections, right after W4's 256 closed (a thread frees itself only when it sees its connection's end).
 */
public final class LoadTarget {
  /** j2mod's connection threads here: W5's 1000 connections plus W4's 256 that may still be closing. */
  static final int J2MOD_POOL = 1300;

  private LoadTarget() {}

  /** Starts the server named by {@code args[0]} on 127.0.0.1 port {@code args[1]} and waits forever. */
  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      usage("expected 2 arguments, got " + args.length);
      return;
    }
    TcpServerUnderTest server;
    int port;
    try {
      server = TcpServerUnderTest.valueOf(args[0].toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      usage("unknown server '" + args[0] + "'");
      return;
    }
    try {
      port = Integer.parseInt(args[1]);
    } catch (NumberFormatException e) {
      usage("PORT '" + args[1] + "' is not a number");
      return;
    }
    if (port < 0 || port > 0xFFFF) {
      usage("PORT " + port + " is not in 0..65535");
      return;
    }
    TcpServerUnderTest.Running running = switch (server) {
      case J2MOD -> TcpServerUnderTest.startJ2mod(port, J2MOD_POOL);
      case MODBUS_TOOLKIT, MODBUS_TOOLKIT_THREADS, DIGITALPETRI -> server.start(port);
    };
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        // The process is ending anyway; say why the close failed and let it end.
        System.err.println("closing " + server + ": " + e);
      }
    }, "load-target-shutdown"));
    System.out.println("listening on 127.0.0.1:" + running.port());
    System.out.flush();
    // The servers' own threads may all be daemons: park the main thread until the process is killed.
    new CountDownLatch(1).await();
  }

  private static void usage(String problem) {
    StringBuilder servers = new StringBuilder();
    for (TcpServerUnderTest s : TcpServerUnderTest.values()) {
      servers.append(servers.isEmpty() ? "" : "|").append(s.name());
    }
    System.err.println("LoadTarget: " + problem);
    System.err.println("usage: LoadTarget " + servers + " PORT   (PORT 0 picks a free one)");
    System.exit(2);
  }
}
