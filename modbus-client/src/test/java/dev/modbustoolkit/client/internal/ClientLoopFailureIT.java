package dev.modbustoolkit.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.client.ConnectionState;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ReconnectPolicy;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shared client loop's selector fails (closed under it): every link it read is dropped at once (nobody would
 * read their answers), their clients reconnect as after any lost link, and the new links are read by a new loop.
 */
class ClientLoopFailureIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void aFailedLoopDropsItsLinksAndTheirClientsGoOnOnANewLoop() throws Exception {
    DataModel model = DataModel.dense();
    model.holdingRegisters().set(7, 0x1234);
    try (ModbusTcpServer server = ModbusTcpServer.builder(
            ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build())
        .bindAddress("127.0.0.1").port(0).build().start()) {
      List<ConnectionState> first = new CopyOnWriteArrayList<>();
      List<ConnectionState> second = new CopyOnWriteArrayList<>();
      try (ModbusClient a = client(server, first); ModbusClient b = client(server, second)) {
        assertThat(read(a)).isEqualTo(0x1234);
        assertThat(read(b)).isEqualTo(0x1234);
        ClientLoop failing = ClientLoop.shared();
        failing.selectorLoop().selector().close();

        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while ((!first.contains(ConnectionState.DISCONNECTED) || !second.contains(ConnectionState.DISCONNECTED))
            && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertThat(failing.selectorLoop().failed()).isTrue();
        assertThat(first).as("client a's link is dropped").contains(ConnectionState.DISCONNECTED);
        assertThat(second).as("client b's link is dropped").contains(ConnectionState.DISCONNECTED);

        assertThat(read(a)).isEqualTo(0x1234);
        assertThat(read(b)).isEqualTo(0x1234);
        ClientLoop replacement = ClientLoop.shared();
        assertThat(replacement).isNotSameAs(failing);
        assertThat(replacement.thread().isAlive()).isTrue();
        assertThat(a.metrics().connects()).isEqualTo(2);
        assertThat(b.metrics().connects()).isEqualTo(2);
      }
    }
  }

  private static ModbusClient client(ModbusTcpServer server, List<ConnectionState> states) {
    return ModbusClient.tcp("127.0.0.1", server.localAddress().getPort()).eventLoop(true).timeout(TIMEOUT)
        .retry(RetryPolicy.NONE)
        .reconnect(new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5), 0))
        .listener((from, to, cause) -> states.add(to)).build();
  }

  private static int read(ModbusClient c) throws Exception {
    return c.readHoldingRegisters(1, 7, 1).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).values()[0] & 0xFFFF;
  }
}
