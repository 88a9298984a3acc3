package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.server.core.ModbusDispatcher;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Server fixtures shared by the integration tests: loopback only, port 0, bounded waits. */
final class TestSupport implements AutoCloseable {
  private final List<ModbusTcpServer> servers = new ArrayList<>();

  /** Records every event, for assertions. */
  static final class EventLog implements ServerEventListener {
    final List<ServerEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ServerEvent event) {
      events.add(event);
    }

    <T extends ServerEvent> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends ServerEvent> T await(Class<T> type, Predicate<T> match) {
      until(() -> of(type).stream().anyMatch(match), Duration.ofSeconds(10), "event " + type.getSimpleName());
      return of(type).stream().filter(match).findFirst().orElseThrow();
    }
  }

  /** The I/O mode the tests run in: the default, or what the build's second IT run sets. */
  static final IoMode IO_MODE = IoMode.valueOf(System.getProperty("modbus.test.ioMode", IoMode.EVENT_LOOP.name()));

  /**
   * Starts a loopback server on a free port with JMX off, in {@link #IO_MODE} (two event loops, so that tests see
   * connections share a loop), customised by {@code config}.
   */
  ModbusTcpServer start(ModbusDispatcher dispatcher, Consumer<ModbusTcpServer.Builder> config) throws IOException {
    ModbusTcpServer.Builder b =
        ModbusTcpServer.builder(dispatcher).bindAddress("127.0.0.1").port(0).jmxEnabled(false).ioMode(IO_MODE)
            .eventLoops(2);
    config.accept(b);
    ModbusTcpServer server = b.build();
    servers.add(server);
    server.start();
    return server;
  }

  ModbusTcpServer start(TestDevice unit1, Consumer<ModbusTcpServer.Builder> config) throws IOException {
    return start(ModbusDispatcher.builder().unit(1, unit1).build(), config);
  }

  static void until(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  @Override
  public void close() {
    for (ModbusTcpServer s : servers) {
      s.shutdown(Duration.ofSeconds(2));
    }
  }
}
