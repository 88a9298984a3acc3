package dev.modbustoolkit.client;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load run of one Modbus TCP client against a server (the C limit server of the perf yardstick, where
 * register i holds i): FC03 reads of {@code --qty} registers on {@code --conns} connections, {@code --depth}
 * requests in flight on each, for {@code --warmup} then {@code --secs} seconds. Every answer is checked: the
 * address moves with every request, so an answer delivered to the wrong request shows as wrong values. Prints one
 * line of {@code key=value} pairs, like the C {@code loadgen}:
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.modbustoolkit.client.ClientLoad \
 *     --client toolkit --port 15020 --conns 1 --depth 8 --secs 5 --warmup 2
 * }</pre>
 *
 * <p>Clients: {@code toolkit} (ours, asynchronous, {@code window(depth)}), {@code toolkit-loop} (the same on the
 * shared client event loop, {@code eventLoop(true)}), {@code toolkit-blocking} (ours, the
 * blocking facade on one platform thread per connection; depth 1 only), {@code digitalpetri} (asynchronous,
 * pipelines) and {@code j2mod} (blocking {@code ModbusTCPMaster}, one thread per connection; it cannot pipeline,
 * so depth &gt; 1 prints {@code unsupported=...}).
 */
public final class ClientLoad {
  private ClientLoad() {}

  /**
   * Runs one load and prints its line.
   *
   * @param args {@code --client NAME --port P [--host H] [--conns C] [--depth D] [--qty Q] [--secs S] [--warmup W]}
   * @throws Exception when the run cannot start
   */
  public static void main(String[] args) throws Exception {
    String client = "toolkit";
    String host = "127.0.0.1";
    int port = 15020;
    int conns = 1;
    int depth = 1;
    int qty = 10;
    double secs = 5;
    double warmup = 2;
    for (int i = 0; i + 1 < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--client" -> client = v;
        case "--host" -> host = v;
        case "--port" -> port = Integer.parseInt(v);
        case "--conns" -> conns = Integer.parseInt(v);
        case "--depth" -> depth = Integer.parseInt(v);
        case "--qty" -> qty = Integer.parseInt(v);
        case "--secs" -> secs = Double.parseDouble(v);
        case "--warmup" -> warmup = Double.parseDouble(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    String prefix = String.format(Locale.ROOT, "client=%s conns=%d depth=%d qty=%d", client, conns, depth, qty);
    LoadStats stats = new LoadStats(conns);
    LoadDriver driver;
    try {
      driver = LoadDriver.create(client, host, port, conns, depth, qty, stats);
    } catch (UnsupportedOperationException e) {
      System.out.println(prefix + " unsupported=" + e.getMessage().replace(' ', '_'));
      return;
    }
    driver.start();
    Thread.sleep((long) (warmup * 1000));
    stats.begin();
    Thread.sleep((long) (secs * 1000));
    stats.end();
    driver.stop();
    Histogram h = stats.latencies();
    double elapsed = stats.elapsedNanos() / 1e9;
    System.out.printf(Locale.ROOT, "%s secs=%.3f ok=%d rps=%.1f errors=%d warm_errors=%d p50_us=%.1f p99_us=%.1f "
            + "p999_us=%.1f max_us=%.1f%n", prefix, elapsed, stats.ok(), stats.ok() / elapsed, stats.errors(),
        stats.warmErrors(), micros(h, 50), micros(h, 99), micros(h, 99.9), h.getMaxValue() / 1e3);
    String firstError = stats.firstError();
    if (firstError != null) {
      System.out.println("# first error: " + firstError);
    }
    System.exit(0); // client libraries may leave non-daemon threads behind
  }

  private static double micros(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / 1e3;
  }

  /** {@return whether {@code values} are registers {@code address ..} of the limit server (register i = i)} */
  static boolean pattern(int address, int qty, IntAt values, int length) {
    if (length != qty) {
      return false;
    }
    for (int i = 0; i < qty; i++) {
      if (values.at(i) != ((address + i) & 0xFFFF)) {
        return false;
      }
    }
    return true;
  }

  /** Register i of an answer, whatever the client library's representation. */
  @FunctionalInterface
  interface IntAt {
    /** {@return register {@code i}, 0..65535} */
    int at(int i);
  }
}
