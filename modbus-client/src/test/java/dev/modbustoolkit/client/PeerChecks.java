package dev.modbustoolkit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every interop test checks against a real peer, and counts: each peer serves unit 1 with the same tables,
 * 100 entries each (coil i = i % 3 == 0, discrete input i = i % 2 == 0, holding register i = 1000 + i, input
 * register i = 2000 + i), and address 100 and beyond is outside its map (exception 02). A step is counted only
 * once its assertions passed, and the count is logged, so a run shows how much it really exercised.
 */
final class PeerChecks {
  static final int SIZE = 100;

  private final String peer;
  private final List<String> steps = new ArrayList<>();

  PeerChecks(String peer) {
    this.peer = peer;
  }

  static boolean coil(int i) {
    return i % 3 == 0;
  }

  static boolean discrete(int i) {
    return i % 2 == 0;
  }

  static int holding(int i) {
    return 1000 + i;
  }

  static int input(int i) {
    return 2000 + i;
  }

  static boolean bit(byte[] packed, int i) {
    return (packed[i / 8] >> (i % 8) & 1) != 0;
  }

  static int[] unsigned(short[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] & 0xFFFF;
    }
    return out;
  }

  /** Records a step whose assertions passed. */
  void ran(String step) {
    steps.add(step);
  }

  /** {@return how many steps ran}, logging them. */
  int report() {
    System.out.printf("%s: %d steps ran against the real peer: %s%n", peer, steps.size(), String.join(", ", steps));
    return steps.size();
  }

  /**
   * FC 01, 02, 03, 04, 05, 06, 0F, 10, 16 and 17 with their values (writes read back), and exception 02 for reads
   * outside the map: 12 steps.
   */
  void tables(BlockingModbusClient c) {
    byte[] coils = c.readCoils(1, 0, 20).coilStatus();
    for (int i = 0; i < 20; i++) {
      assertThat(bit(coils, i)).as("coil %d", i).isEqualTo(coil(i));
    }
    ran("FC01");
    byte[] inputs = c.readDiscreteInputs(1, 3, 13).inputStatus();
    for (int i = 0; i < 13; i++) {
      assertThat(bit(inputs, i)).as("discrete input %d", 3 + i).isEqualTo(discrete(3 + i));
    }
    ran("FC02");
    assertThat(unsigned(c.readHoldingRegisters(1, 0, 10).values()))
        .containsExactly(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009);
    assertThat(unsigned(c.readHoldingRegisters(1, 90, 10).values())).startsWith(1090).endsWith(1099);
    ran("FC03");
    assertThat(unsigned(c.readInputRegisters(1, 5, 5).values())).containsExactly(2005, 2006, 2007, 2008, 2009);
    ran("FC04");

    assertThat(c.writeSingleCoil(1, 1, true).value()).isTrue();
    assertThat(bit(c.readCoils(1, 0, 3).coilStatus(), 1)).isTrue();
    ran("FC05");
    assertThat(c.writeSingleRegister(1, 20, 0xBEEF).value()).isEqualTo(0xBEEF);
    assertThat(unsigned(c.readHoldingRegisters(1, 20, 1).values())).containsExactly(0xBEEF);
    ran("FC06");
    boolean[] written = {true, false, true, true, false, false, true, false, true};
    assertThat(c.writeMultipleCoils(1, 30, written).quantity()).isEqualTo(written.length);
    byte[] readBack = c.readCoils(1, 30, written.length).coilStatus();
    for (int i = 0; i < written.length; i++) {
      assertThat(bit(readBack, i)).as("coil %d", 30 + i).isEqualTo(written[i]);
    }
    ran("FC0F");
    assertThat(c.writeMultipleRegisters(1, 40, 1, 2, 0xFFFF).quantity()).isEqualTo(3);
    assertThat(unsigned(c.readHoldingRegisters(1, 40, 4).values())).containsExactly(1, 2, 0xFFFF, holding(43));
    ran("FC10");
    c.maskWriteRegister(1, 50, 0x00F2, 0x0025);
    int masked = (holding(50) & 0x00F2) | (0x0025 & ~0x00F2 & 0xFFFF);
    assertThat(unsigned(c.readHoldingRegisters(1, 50, 1).values())).containsExactly(masked);
    ran("FC16");
    assertThat(unsigned(c.readWriteMultipleRegisters(1, 60, 3, 60, 7, 8).values()))
        .containsExactly(7, 8, holding(62));
    ran("FC17");

    assertException(() -> c.readHoldingRegisters(1, SIZE, 1), 3, 0x02);
    assertException(() -> c.readCoils(1, SIZE - 5, 10), 1, 0x02);
    ran("exception 02 (FC03)");
    ran("exception 02 (FC01)");
  }

  static void assertException(Runnable call, int functionCode, int exceptionCode) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ModbusExceptionResponseException.class, e -> {
      assertThat(e.exceptionCode()).as("exception code").isEqualTo(exceptionCode);
      assertThat(e.functionCode()).isEqualTo(functionCode);
    });
  }

  /**
   * A request nobody answers fails with a timeout, the link survives it (the next request on it succeeds), and the
   * timeout is counted: 1 step.
   */
  void timeout(ModbusClient client, Runnable unanswered) {
    long before = client.metrics().timeouts();
    assertThatThrownBy(unanswered::run).isInstanceOf(ModbusTimeoutException.class);
    assertThat(client.metrics().timeouts()).isEqualTo(before + 1);
    assertThat(unsigned(client.blocking().readHoldingRegisters(1, 7, 1).values())).containsExactly(holding(7));
    ran("timeout");
  }

  /** Something that can be stopped and started again on the same port. */
  interface Restartable {
    void stop() throws Exception;

    void start() throws Exception;
  }

  /**
   * The peer stops: the client sees its link go (a peer that keeps its open connections after it stopped
   * listening, as j2mod's slave does until their next request, is asked once more first), and a request fails with
   * a connection error; the peer starts again on the same port: the next request succeeds, on a new connection:
   * 1 step.
   */
  void reconnect(ModbusClient client, Restartable peer) throws Exception {
    BlockingModbusClient c = client.blocking();
    assertThat(unsigned(c.readHoldingRegisters(1, 0, 1).values())).containsExactly(holding(0));
    long connects = client.metrics().connects();
    peer.stop();
    if (!awaitNotConnected(client, Duration.ofSeconds(2))) {
      String kept;
      try {
        kept = "answered: " + c.readHoldingRegisters(1, 0, 1);
      } catch (ModbusClientException e) {
        kept = "failed: " + e;
      }
      System.out.printf("%s kept its connection after it stopped; the request on it %s%n", this.peer, kept);
      assertThat(awaitNotConnected(client, Duration.ofSeconds(10)))
          .as("the client sees the link go within 10 s after the peer stopped").isTrue();
    }
    assertThatThrownBy(() -> c.readHoldingRegisters(1, 0, 1)).isInstanceOf(ModbusConnectionException.class);
    peer.start();
    assertThat(unsigned(c.readHoldingRegisters(1, 1, 1).values())).containsExactly(holding(1));
    assertThat(client.metrics().connects()).isGreaterThan(connects);
    ran("reconnect after restart");
  }

  /** {@return whether the client saw its link go within {@code timeout}} */
  static boolean awaitNotConnected(ModbusClient client, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (client.state() == ConnectionState.CONNECTED) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** {@return a TCP port on the loopback that was free a moment ago} */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits (up to 20 s) until something accepts connections on the loopback {@code port}. */
  static void awaitListening(int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          fail("nothing listens on 127.0.0.1:" + port + " after 20 s: " + e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** A client for interop tests: no retries (a timeout is one attempt), the given deadline. */
  static TcpClientBuilder tcp(int port, Duration timeout) {
    return ModbusClient.tcp("127.0.0.1", port).timeout(timeout).retry(RetryPolicy.NONE);
  }
}
