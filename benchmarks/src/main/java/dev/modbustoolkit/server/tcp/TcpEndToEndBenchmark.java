package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.bench.BenchmarkBase;
import dev.modbustoolkit.bench.RawModbusTcpClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Requests per second of a whole Modbus TCP server over loopback: the server runs in the benchmark JVM on a free
 * port, a raw-socket client ({@link RawModbusTcpClient}) keeps one request in flight on each of
 * {@code connections} connections and every benchmark operation is one request answered (and checked). The same
 * client measures modbus-toolkit's {@link ModbusTcpServer} (production defaults, JMX off) and, for reference,
 * the servers of digitalpetri modbus 2.1.4 and j2mod 3.3.0, each serving unit 1 from registers 0..9999 = i.
 *
 * <p>Client and server share the machine: on a 2-core machine the client takes about one core, so these figures
 * rank servers against each other; {@code ../shared/perf/compare.sh} measures against the C limit server with a
 * C load generator on its own CPU.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TcpEndToEndBenchmark extends BenchmarkBase {

  /** The request every operation sends. */
  public enum Workload {
    FC03_10(new byte[] {0x03, 0, 0, 0, 10}, 2 + 2 * 10),
    FC03_125(new byte[] {0x03, 0, 0, 0, 125}, 2 + 2 * 125),
    FC16_100(writeMultiple(100), 5);

    final byte[] pdu;
    final int responseLength;

    Workload(byte[] pdu, int responseLength) {
      this.pdu = pdu;
      this.responseLength = responseLength;
    }

    private static byte[] writeMultiple(int quantity) {
      byte[] pdu = new byte[6 + 2 * quantity];
      pdu[0] = 0x10;
      pdu[4] = (byte) quantity;
      pdu[5] = (byte) (2 * quantity);
      for (int i = 0; i < quantity; i++) {
        pdu[6 + 2 * i] = (byte) (i >> 8);
        pdu[7 + 2 * i] = (byte) i;
      }
      return pdu;
    }
  }

  @Param
  public TcpServerUnderTest server;

  @Param({"1", "4", "16", "64"})
  public int connections;

  @Param
  public Workload workload;

  private TcpServerUnderTest.Running running;
  private RawModbusTcpClient client;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    running = server.start(0);
    try {
      client = new RawModbusTcpClient(new InetSocketAddress("127.0.0.1", running.port()), connections, workload.pdu,
          workload.responseLength);
    } catch (IOException | RuntimeException e) {
      running.close();
      throw e;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    client.close();
    running.close();
  }

  /** One request answered; the server always has {@code connections} requests to serve. */
  @Benchmark
  public int request() throws IOException {
    return client.next();
  }
}
