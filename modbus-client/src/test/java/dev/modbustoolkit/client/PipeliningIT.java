package dev.modbustoolkit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import dev.modbustoolkit.server.core.RequestContext;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pipelining on one connection, window 8, with handlers that take 50 ms: the requests really overlap. Asserted as
 * lower bounds on concurrency, never as a wall-clock bound: how many requests the client had outstanding while a
 * handler ran (against our own server, which answers a connection's requests in order, one at a time), and how
 * many handler calls were active at once (against a server that runs each request of a connection on a thread of
 * its own and so answers out of order, which the transaction ids must sort out).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PipeliningIT {
  private static final int WINDOW = 8;
  private static final int REQUESTS = 64;
  private static final long HANDLER_MILLIS = 50;

  /** FC03 answers register a with a + 1, after a pause; records what overlapped. */
  static final class SlowDevice implements ModbusRequestHandler {
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger maxActive = new AtomicInteger();
    final AtomicInteger maxOutstanding = new AtomicInteger();
    volatile ModbusClient client;

    @Override
    public boolean mayBlock() {
      return true;
    }

    @Override
    public ReadHoldingRegistersResponse readHoldingRegisters(
        RequestContext ctx, int unitId, ReadHoldingRegistersRequest request) {
      maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
      ClientMetrics m = client.metrics();
      maxOutstanding.accumulateAndGet((int) (m.sent() - m.answers()), Math::max);
      try {
        Thread.sleep(HANDLER_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        active.decrementAndGet();
      }
      return ReadHoldingRegistersResponse.of(request.address() + 1);
    }
  }

  @Test
  void windowEightKeepsSeveralRequestsOutstandingOnOneConnectionToOurServer() throws Exception {
    SlowDevice device = new SlowDevice();
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();
    try (ModbusTcpServer server =
            ModbusTcpServer.builder(dispatcher).bindAddress("127.0.0.1").port(0).build().start();
        ModbusClient client = ModbusClient.tcp("127.0.0.1", server.localAddress().getPort()).window(WINDOW)
            .timeout(Duration.ofSeconds(30)).build()) {
      device.client = client;
      List<CompletableFuture<ReadHoldingRegistersResponse>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        answers.add(client.readHoldingRegisters(1, i, 1));
      }
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(answers.get(i).get().values()).as("answer %d", i).containsExactly((short) (i + 1));
      }
      assertThat(device.maxOutstanding.get()).as("requests outstanding on the connection while a handler ran")
          .isGreaterThanOrEqualTo(2);
      assertThat(client.metrics().connects()).isEqualTo(1);
      System.out.printf("pipelining, own server: up to %d requests outstanding while a handler ran, "
          + "up to %d handler calls at once (the server answers a connection in order)%n",
          device.maxOutstanding.get(), device.maxActive.get());
    }
  }

  @Test
  void windowEightOverlapsHandlerCallsOnAServerThatAnswersOutOfOrder() throws Exception {
    try (ConcurrentMbapServer server = new ConcurrentMbapServer();
        ModbusClient client = ModbusClient.tcp("127.0.0.1", server.port()).window(WINDOW)
            .timeout(Duration.ofSeconds(30)).build()) {
      List<CompletableFuture<ReadHoldingRegistersResponse>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        answers.add(client.readHoldingRegisters(1, i, 1));
      }
      for (int i = 0; i < REQUESTS; i++) {
        assertThat(answers.get(i).get().values()).as("answer %d", i).containsExactly((short) (i + 1));
      }
      assertThat(server.maxActive.get()).as("handler calls active at once").isGreaterThanOrEqualTo(2);
      assertThat(server.maxActive.get()).as("never more than the window").isLessThanOrEqualTo(WINDOW);
      assertThat(client.metrics().unexpectedAnswers()).isZero();
      assertThat(client.metrics().connects()).isEqualTo(1);
      System.out.printf("pipelining, concurrent server: up to %d handler calls at once, %d answers out of order%n",
          server.maxActive.get(), server.outOfOrder.get());
    }
  }

  /**
   * A minimal Modbus TCP server for one connection that handles each FC03 request on a virtual thread of its own
   * (register a reads a + 1, after a pause that differs per request), so answers overtake each other.
   */
  static final class ConcurrentMbapServer implements AutoCloseable {
    final AtomicInteger active = new AtomicInteger();
    final AtomicInteger maxActive = new AtomicInteger();
    final AtomicInteger outOfOrder = new AtomicInteger();
    private final AtomicInteger lastAnswered = new AtomicInteger(-1);
    private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Thread acceptor = Thread.ofPlatform().daemon().name("concurrent-mbap").start(this::serve);

    ConcurrentMbapServer() throws IOException {}

    int port() {
      return listener.getLocalPort();
    }

    private void serve() {
      try (Socket socket = listener.accept()) {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
          byte[] header = new byte[7];
          in.readFully(header);
          int length = (header[4] & 0xFF) << 8 | header[5] & 0xFF;
          byte[] pdu = new byte[length - 1];
          in.readFully(pdu);
          Thread.ofVirtual().start(() -> answer(out, header, pdu));
        }
      } catch (IOException e) {
        // the client closed the connection, or close() the listener: the test is over
      }
    }

    private void answer(OutputStream out, byte[] header, byte[] pdu) {
      maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
      int address = (pdu[1] & 0xFF) << 8 | pdu[2] & 0xFF;
      try {
        Thread.sleep(HANDLER_MILLIS - 5 * (address % 8)); // later requests of a window finish first
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        active.decrementAndGet();
      }
      int value = address + 1;
      byte[] frame = {header[0], header[1], 0, 0, 0, 5, header[6], 0x03, 2, (byte) (value >> 8), (byte) value};
      writeLock.lock();
      try {
        if (lastAnswered.getAndSet(address) > address) {
          outOfOrder.incrementAndGet();
        }
        out.write(frame);
        out.flush();
      } catch (IOException e) {
        // the connection is gone: the test fails on its own futures
      } finally {
        writeLock.unlock();
      }
    }

    @Override
    public void close() throws IOException, InterruptedException {
      listener.close();
      acceptor.join(5_000);
    }
  }
}
