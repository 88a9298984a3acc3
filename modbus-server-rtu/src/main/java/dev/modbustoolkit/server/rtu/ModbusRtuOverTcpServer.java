package dev.modbustoolkit.server.rtu;

import dev.modbustoolkit.fault.ConnectDecision;
import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.SerialRequestContext;
import dev.modbustoolkit.server.rtu.internal.EngineSettings;
import dev.modbustoolkit.server.rtu.internal.NanoClock;
import dev.modbustoolkit.server.rtu.internal.SerialEngine;
import dev.modbustoolkit.server.rtu.internal.StatisticsCounters;
import dev.modbustoolkit.server.rtu.internal.TcpSerialConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP server whose connections carry serial frames instead of MBAP: RTU frames with their CRC ("RTU over TCP",
 * as serial-to-Ethernet converters in transparent mode and many SCADA tools speak it), or ASCII frames. Each
 * connection is one point-to-point "line": frames are found by their length and CRC (TCP segment boundaries and
 * timing mean nothing, so the t1.5 rule does not apply), a frame whose length cannot be told ends after
 * {@link Builder#idleTimeout(Duration)} without bytes, unit 0 is a broadcast, and requests for units the
 * dispatcher does not serve get no answer, as on a bus.
 *
 * <pre>{@code
 * try (ModbusRtuOverTcpServer server = ModbusRtuOverTcpServer.builder(dispatcher).port(5020).build().start()) {
 *   int port = server.localAddress().getPort();
 * }
 * }</pre>
 *
 * <p>Each connection is served on its own virtual thread.
 */
public final class ModbusRtuOverTcpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusRtuOverTcpServer.class);

  private final ModbusDispatcher dispatcher;
  private final InetSocketAddress bindAddress;
  private final SerialMode mode;
  private final Duration idleTimeout;
  private final FaultPipeline faults;
  private final int backlog;
  private final StatisticsCounters stats = new StatisticsCounters();
  private final ConcurrentLinkedDeque<TcpSerialConnection> connections = new ConcurrentLinkedDeque<>();
  private final AtomicLong connectionIds = new AtomicLong();
  private final Object lifecycle = new Object();
  private @Nullable ServerSocket serverSocket;
  private @Nullable Thread acceptor;
  private volatile boolean running;

  private ModbusRtuOverTcpServer(Builder b) {
    this.dispatcher = b.dispatcher;
    this.bindAddress = b.bindAddress;
    this.mode = b.mode;
    this.idleTimeout = b.idleTimeout;
    this.faults = b.faults;
    this.backlog = b.backlog;
  }

  /** A builder serving the units of {@code dispatcher}. */
  public static Builder builder(ModbusDispatcher dispatcher) {
    return new Builder(dispatcher);
  }

  /**
   * Binds and starts accepting.
   *
   * @return this server
   * @throws IOException when the address cannot be bound
   * @throws IllegalStateException when started before
   */
  public ModbusRtuOverTcpServer start() throws IOException {
    synchronized (lifecycle) {
      if (serverSocket != null) {
        throw new IllegalStateException("already started");
      }
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      try {
        socket.bind(bindAddress, backlog);
      } catch (IOException e) {
        socket.close();
        throw new IOException("cannot bind " + mode + "-over-TCP server to " + bindAddress + ": " + e.getMessage(), e);
      }
      serverSocket = socket;
      running = true;
      acceptor = Thread.ofPlatform().daemon().name("modbus-" + mode.name().toLowerCase(java.util.Locale.ROOT)
          + "-over-tcp-accept " + socket.getLocalPort()).start(() -> acceptLoop(socket));
      LOG.info("Modbus {}-over-TCP server on {}, units {}", mode, socket.getLocalSocketAddress(), dispatcher.units());
      return this;
    }
  }

  private void acceptLoop(ServerSocket server) {
    while (running) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (SocketException e) {
        if (running) {
          LOG.warn("Accepting on {} failed: the server stops accepting", server.getLocalSocketAddress(), e);
        }
        return;
      } catch (IOException e) {
        LOG.warn("Accept failed on {}", server.getLocalSocketAddress(), e);
        continue;
      }
      accept(socket);
    }
  }

  private void accept(Socket socket) {
    long id = connectionIds.incrementAndGet();
    Transport transport = mode == SerialMode.RTU ? Transport.RTU_OVER_TCP : Transport.ASCII_OVER_TCP;
    InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
    ConnectionInfo info = new ConnectionInfo(id, transport, remote);
    ConnectDecision decision = faults.isEmpty() ? ConnectDecision.ACCEPT : faults.onConnect(info, connections.size());
    try {
      switch (decision) {
        case ACCEPT -> {}
        case REFUSE -> {
          socket.setSoLinger(true, 0);
          socket.close();
          return;
        }
        case CLOSE_NEW -> {
          socket.close();
          return;
        }
        case EVICT_OLDEST -> {
          TcpSerialConnection oldest = connections.pollFirst();
          if (oldest != null) {
            oldest.closeGracefully();
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("Closing refused connection {} failed", remote, e);
      return;
    }
    String name = mode + "-over-TCP " + socket.getLocalSocketAddress() + " <- " + remote;
    SerialRequestContext context = new SerialRequestContext(name, true);
    EngineSettings settings = EngineSettings.overTcp(mode, idleTimeout.toNanos(), id);
    TcpSerialConnection[] self = new TcpSerialConnection[1];
    TcpSerialConnection connection =
        new TcpSerialConnection(
            socket,
            output -> new SerialEngine(dispatcher, context, settings, faults, output, NanoClock.SYSTEM, stats),
            () -> connections.remove(self[0]));
    self[0] = connection;
    connections.add(connection);
    Thread.ofVirtual().name("modbus-serial-over-tcp " + remote).start(connection);
  }

  /** Stops accepting and closes every connection; idempotent. */
  @Override
  public void close() {
    ServerSocket socket;
    Thread thread;
    synchronized (lifecycle) {
      running = false;
      socket = serverSocket;
      thread = acceptor;
    }
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      LOG.debug("Closing the server socket failed", e);
    }
    for (TcpSerialConnection c : connections) {
      c.stop();
    }
    if (thread != null) {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The bound address (with the real port when 0 was asked for). */
  public InetSocketAddress localAddress() {
    ServerSocket socket = serverSocket;
    if (socket == null) {
      throw new IllegalStateException("not started");
    }
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Connections open now. */
  public int activeConnections() {
    return connections.size();
  }

  /** True between {@link #start()} and {@link #close()}. */
  public boolean isRunning() {
    return running;
  }

  /** RTU or ASCII framing. */
  public SerialMode mode() {
    return mode;
  }

  /** The fault pipeline (change it while running). */
  public FaultPipeline faults() {
    return faults;
  }

  /** What the server saw on all connections so far. */
  public SerialStatistics statistics() {
    return stats.snapshot();
  }

  @Override
  public String toString() {
    return "ModbusRtuOverTcpServer[" + mode + " " + bindAddress + "]";
  }

  /** Configures a {@link ModbusRtuOverTcpServer}. Not thread-safe. */
  public static final class Builder {
    /** The default idle time that ends a frame of unknown length: 20 ms. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMillis(20);

    private final ModbusDispatcher dispatcher;
    private InetSocketAddress bindAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private SerialMode mode = SerialMode.RTU;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private FaultPipeline faults = FaultPipeline.empty();
    private int backlog = 50;

    private Builder(ModbusDispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /** Listens on all interfaces at this port (0 = any free port). Default: loopback, any free port. */
    public Builder port(int port) {
      return bindAddress(new InetSocketAddress(port));
    }

    /** Listens on this address. */
    public Builder bindAddress(InetSocketAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** RTU (default) or ASCII frames. */
    public Builder mode(SerialMode newMode) {
      this.mode = Objects.requireNonNull(newMode, "mode");
      return this;
    }

    /** How long without bytes ends a frame whose length its content does not tell; default 20 ms. */
    public Builder idleTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idle timeout " + timeout + " must be positive");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /** The fault pipeline; default an empty one. */
    public Builder faults(FaultPipeline pipeline) {
      this.faults = Objects.requireNonNull(pipeline, "pipeline");
      return this;
    }

    /** The listen backlog; default 50. */
    public Builder backlog(int newBacklog) {
      if (newBacklog < 1) {
        throw new IllegalArgumentException("backlog " + newBacklog + " must be positive");
      }
      this.backlog = newBacklog;
      return this;
    }

    /** The server, not started. */
    public ModbusRtuOverTcpServer build() {
      return new ModbusRtuOverTcpServer(this);
    }
  }
}
