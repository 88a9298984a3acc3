package dev.modbustoolkit.server.tcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.CloseReason;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.server.tcp.TcpFraming;
import dev.modbustoolkit.server.tcp.ServerEvent;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop whose selector fails (forced here by closing it under the loop) closes the connections it served, and
 * the server goes on serving the others and new ones on the remaining loop.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventLoopFailureIT {
  private final List<ServerEvent> events = new CopyOnWriteArrayList<>();
  private ServerRuntime runtime;

  @AfterEach
  void stop() {
    if (runtime != null) {
      runtime.shutdown(Duration.ofSeconds(2));
    }
  }

  private InetSocketAddress start() throws IOException {
    DataModel model = DataModel.dense();
    model.holdingRegisters().setRange(0, new int[] {0x1234});
    ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, 50, 100,
        ConnectionLimitPolicy.REFUSE, Duration.ZERO, Duration.ZERO, true, true, Duration.ofSeconds(2), "loop-failure",
        false, List.of(events::add), FaultPipeline.empty(), IoMode.EVENT_LOOP, 2, TcpFraming.MBAP);
    runtime = new ServerRuntime(config, ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build());
    return runtime.start();
  }

  /** FC03 for register 0 of unit 1; returns its value. */
  private static int readRegister0(Socket s, int transactionId) throws IOException {
    s.getOutputStream().write(new byte[] {
        (byte) (transactionId >> 8), (byte) transactionId, 0, 0, 0, 6, 1, 0x03, 0, 0, 0, 1});
    byte[] answer = new byte[11];
    new DataInputStream(s.getInputStream()).readFully(answer);
    assertThat(answer[7]).isEqualTo((byte) 0x03);
    return ((answer[9] & 0xFF) << 8) | (answer[10] & 0xFF);
  }

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket s = new Socket();
    s.connect(address, 5_000);
    s.setSoTimeout(5_000);
    return s;
  }

  private static boolean closedByPeer(Socket s) throws IOException {
    try {
      return s.getInputStream().read() < 0;
    } catch (SocketException e) {
      return true;
    }
  }

  @Test
  void aFailedLoopClosesItsConnectionsAndTheOtherLoopServesOnAndTakesNewOnes() throws Exception {
    InetSocketAddress address = start();
    try (Socket first = connect(address); Socket second = connect(address)) {
      assertThat(readRegister0(first, 1)).isEqualTo(0x1234);
      assertThat(readRegister0(second, 1)).isEqualTo(0x1234);
      // Connection ids 1 and 2 go round-robin to loops 1 and 0.
      EventLoop failing = runtime.loops().get(1);
      failing.selector().close();

      assertThat(closedByPeer(first)).as("the failed loop's connection is closed").isTrue();
      assertThat(readRegister0(second, 2)).isEqualTo(0x1234);
      assertThat(failing.failed()).isTrue();
      try (Socket third = connect(address)) {
        assertThat(readRegister0(third, 1)).isEqualTo(0x1234);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (events.stream().noneMatch(e -> e instanceof ServerEvent.ConnectionClosed c && c.connectionId() == 1)
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(events).filteredOn(e -> e instanceof ServerEvent.ConnectionClosed c && c.connectionId() == 1)
        .singleElement()
        .extracting(e -> ((ServerEvent.ConnectionClosed) e).reason())
        .isEqualTo(CloseReason.INTERNAL_ERROR);
    assertThat(runtime.shutdown(Duration.ofSeconds(2))).as("graceful shutdown with a failed loop").isTrue();
  }
}
