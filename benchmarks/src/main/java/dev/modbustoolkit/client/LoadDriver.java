package dev.modbustoolkit.client;

import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.Register;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One client library under load: opens its connections, keeps {@code depth} reads in flight on each until stopped,
 * and tells {@link LoadStats} about every answer. Asynchronous drivers chain the next request from the completion
 * of the previous one (one chain per slot of the window); blocking ones run one platform thread per connection.
 */
abstract class LoadDriver {
  private static final int UNIT = 1;
  /** Addresses 0..999 in a stride, so consecutive requests of a slot read different registers. */
  private static final int ADDRESSES = 1000;

  final int conns;
  final int depth;
  final int qty;
  final LoadStats stats;
  volatile boolean stopping;
  private final CountDownLatch finished;

  LoadDriver(int conns, int chainsPerConn, int depth, int qty, LoadStats stats) {
    this.conns = conns;
    this.depth = depth;
    this.qty = qty;
    this.stats = stats;
    this.finished = new CountDownLatch(conns * chainsPerConn);
  }

  static LoadDriver create(String client, String host, int port, int conns, int depth, int qty, LoadStats stats)
      throws Exception {
    return switch (client) {
      case "toolkit" -> new ToolkitAsync(host, port, conns, depth, qty, stats, false);
      case "toolkit-loop" -> new ToolkitAsync(host, port, conns, depth, qty, stats, true);
      case "toolkit-blocking" -> {
        if (depth != 1) {
          throw new UnsupportedOperationException("the blocking facade has one request per thread");
        }
        yield new ToolkitBlocking(host, port, conns, qty, stats);
      }
      case "digitalpetri" -> new DigitalpetriAsync(host, port, conns, depth, qty, stats);
      case "j2mod" -> {
        if (depth != 1) {
          throw new UnsupportedOperationException("j2mod cannot pipeline (ModbusTCPMaster is synchronized)");
        }
        yield new J2modBlocking(host, port, conns, qty, stats);
      }
      default -> throw new IllegalArgumentException("unknown client " + client);
    };
  }

  /** Starts the load on every connection. */
  abstract void start();

  /** Stops issuing, waits for what is in flight, closes the connections. */
  void stop() throws InterruptedException {
    stopping = true;
    if (!finished.await(5, TimeUnit.SECONDS)) {
      stats.failed("requests still in flight 5 s after the end");
    }
    close();
  }

  abstract void close();

  void chainDone() {
    finished.countDown();
  }

  static int nextAddress(int previous) {
    return (previous + 37) % ADDRESSES;
  }

  static int unit() {
    return UNIT;
  }

  /**
   * Ours, asynchronous, {@code window(depth)}: each slot sends its next read when its previous answer is in; with
   * {@code eventLoop}, every connection is read on the shared client event loop instead of a reader thread each.
   */
  static final class ToolkitAsync extends LoadDriver {
    private final List<ModbusClient> clients = new ArrayList<>();
    private final ScheduledExecutorService backoff = Executors.newSingleThreadScheduledExecutor();

    ToolkitAsync(String host, int port, int conns, int depth, int qty, LoadStats stats, boolean eventLoop) {
      super(conns, depth, depth, qty, stats);
      for (int c = 0; c < conns; c++) {
        ModbusClient client = ModbusClient.tcp(host, port).window(depth).timeout(Duration.ofSeconds(1))
            .retry(RetryPolicy.NONE).eventLoop(eventLoop).build();
        client.connect().join();
        clients.add(client);
      }
    }

    @Override
    void start() {
      for (int c = 0; c < conns; c++) {
        for (int d = 0; d < depth; d++) {
          issue(c, d * 101 % 1000);
        }
      }
    }

    private void issue(int lane, int address) {
      if (stopping) {
        chainDone();
        return;
      }
      long sent = System.nanoTime();
      clients.get(lane).readHoldingRegisters(unit(), address, qty).whenComplete((r, e) -> {
        if (e == null && ClientLoad.pattern(address, qty, r::value, r.quantity())) {
          stats.answered(lane, sent);
          issue(lane, nextAddress(address));
        } else {
          stats.failed(e != null ? e.toString() : "wrong values at " + address);
          backoff.schedule(() -> issue(lane, nextAddress(address)), 1, TimeUnit.MILLISECONDS);
        }
      });
    }

    @Override
    void close() {
      clients.forEach(ModbusClient::close);
      backoff.shutdownNow();
    }
  }

  /** Ours, the blocking facade, one platform thread per connection. */
  static final class ToolkitBlocking extends LoadDriver {
    private final List<ModbusClient> clients = new ArrayList<>();

    ToolkitBlocking(String host, int port, int conns, int qty, LoadStats stats) {
      super(conns, 1, 1, qty, stats);
      for (int c = 0; c < conns; c++) {
        ModbusClient client = ModbusClient.tcp(host, port).timeout(Duration.ofSeconds(1))
            .retry(RetryPolicy.NONE).build();
        client.connect().join();
        clients.add(client);
      }
    }

    @Override
    void start() {
      for (int c = 0; c < conns; c++) {
        int lane = c;
        BlockingModbusClient client = clients.get(c).blocking();
        Thread.ofPlatform().daemon().name("load-" + c).start(() -> {
          int address = lane * 101 % 1000;
          while (!stopping) {
            long sent = System.nanoTime();
            try {
              var r = client.readHoldingRegisters(unit(), address, qty);
              if (ClientLoad.pattern(address, qty, r::value, r.quantity())) {
                stats.answered(lane, sent);
              } else {
                stats.failed("wrong values at " + address);
              }
            } catch (RuntimeException e) {
              stats.failed(e.toString());
            }
            address = nextAddress(address);
          }
          chainDone();
        });
      }
    }

    @Override
    void close() {
      clients.forEach(ModbusClient::close);
    }
  }

  /** digitalpetri 2.1.4 (Netty), asynchronous: it keeps several requests in flight by transaction id. */
  static final class DigitalpetriAsync extends LoadDriver {
    private final List<ModbusTcpClient> clients = new ArrayList<>();
    private final ScheduledExecutorService backoff = Executors.newSingleThreadScheduledExecutor();

    DigitalpetriAsync(String host, int port, int conns, int depth, int qty, LoadStats stats) throws Exception {
      super(conns, depth, depth, qty, stats);
      for (int c = 0; c < conns; c++) {
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(cfg -> {
          cfg.setHostname(host);
          cfg.setPort(port);
        });
        ModbusTcpClient client = ModbusTcpClient.create(transport,
            cfg -> cfg.setRequestTimeout(Duration.ofSeconds(1)));
        client.connect();
        clients.add(client);
      }
    }

    @Override
    void start() {
      for (int c = 0; c < conns; c++) {
        for (int d = 0; d < depth; d++) {
          issue(c, d * 101 % 1000);
        }
      }
    }

    private void issue(int lane, int address) {
      if (stopping) {
        chainDone();
        return;
      }
      long sent = System.nanoTime();
      clients.get(lane).readHoldingRegistersAsync(unit(),
          new com.digitalpetri.modbus.pdu.ReadHoldingRegistersRequest(address, qty)).whenComplete((r, e) -> {
            if (e == null) {
              byte[] b = r.registers();
              if (ClientLoad.pattern(address, qty, i -> (b[2 * i] & 0xFF) << 8 | b[2 * i + 1] & 0xFF, b.length / 2)) {
                stats.answered(lane, sent);
                issue(lane, nextAddress(address));
                return;
              }
            }
            stats.failed(e != null ? e.toString() : "wrong values at " + address);
            backoff.schedule(() -> issue(lane, nextAddress(address)), 1, TimeUnit.MILLISECONDS);
          });
    }

    @Override
    void close() {
      for (ModbusTcpClient client : clients) {
        try {
          client.disconnect();
        } catch (Exception e) {
          // the run is over: nothing to do about a failed disconnect
        }
      }
      backoff.shutdownNow();
    }
  }

  /** j2mod 3.3.0 {@code ModbusTCPMaster}, one platform thread per connection. */
  static final class J2modBlocking extends LoadDriver {
    private final List<ModbusTCPMaster> masters = new ArrayList<>();

    J2modBlocking(String host, int port, int conns, int qty, LoadStats stats) throws Exception {
      super(conns, 1, 1, qty, stats);
      for (int c = 0; c < conns; c++) {
        ModbusTCPMaster master = new ModbusTCPMaster(host, port, 1000, false);
        master.connect();
        masters.add(master);
      }
    }

    @Override
    void start() {
      for (int c = 0; c < conns; c++) {
        int lane = c;
        ModbusTCPMaster master = masters.get(c);
        Thread.ofPlatform().daemon().name("load-" + c).start(() -> {
          int address = lane * 101 % 1000;
          while (!stopping) {
            long sent = System.nanoTime();
            try {
              Register[] r = master.readMultipleRegisters(unit(), address, qty);
              if (ClientLoad.pattern(address, qty, i -> r[i].toUnsignedShort(), r.length)) {
                stats.answered(lane, sent);
              } else {
                stats.failed("wrong values at " + address);
              }
            } catch (Exception e) {
              stats.failed(e.toString());
            }
            address = nextAddress(address);
          }
          chainDone();
        });
      }
    }

    @Override
    void close() {
      masters.forEach(ModbusTCPMaster::disconnect);
    }
  }
}
