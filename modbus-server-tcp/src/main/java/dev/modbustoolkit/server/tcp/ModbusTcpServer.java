// Over 400 lines: the public builder (about 20 settings, each validated and documented where a user reads it)
// lives here, as the class Javadoc says; the machinery is in internal.
package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.server.core.DispatcherMetrics;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import dev.modbustoolkit.server.tcp.internal.ServerConfig;
import dev.modbustoolkit.transport.DecodeLevel;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.server.tcp.internal.ServerRuntime;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.modbustoolkit.transport.FrameCodec;
import java.util.function.Supplier;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Modbus TCP server (Modbus Messaging on TCP/IP Implementation Guide V1.0b) in front of a {@link
 * ModbusDispatcher}.
 *
 * <p>One platform thread accepts. In the default {@link IoMode#EVENT_LOOP} mode a few selector threads serve every
 * connection without blocking and run the handlers inline; with {@link IoMode#THREAD_PER_CONNECTION} each
 * connection has its own virtual thread and blocking sockets (for handlers that block). Either way a client that
 * stops reading holds up only itself, requests pipelined on one connection are answered in order, and the answers
 * to the requests of one socket read go out in one write. One shared watchdog enforces the request and idle
 * timeouts.
 *
 * <p>Faults: every request passes through the server's {@link FaultPipeline} ({@link Builder#faults}, changeable
 * while running through {@link #faults()}). While it is empty a request costs two volatile reads and no
 * allocation. When a fault fires, the server answers that request on its own (earlier answers are flushed first,
 * so the fault's timing is the client's), executes the pipeline's transmission plan segment by segment and applies
 * its connection directive: FIN, RST ({@code SO_LINGER 0}), or hold-open (the connection stops answering and
 * ignores what it receives until the client closes it or the server stops). Connections are numbered 1, 2, 3, ...
 * in accept order and each has its own fault session, so the same seed and the same client traffic give the same
 * faults.
 *
 * <pre>{@code
 * ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();
 * try (ModbusTcpServer server = ModbusTcpServer.builder(dispatcher).port(5020).build()) {
 *   server.start();
 *   server.awaitTermination();
 * }
 * }</pre>
 *
 * <p>{@link #close()} (or {@link #shutdown(Duration)}) is graceful: it stops accepting, lets every connection
 * answer the requests it has already read, closes connections once they are done, and forces the rest closed after
 * the grace period. While running, the server is visible over JMX (see {@link ModbusTcpServerMXBean}).
 *
 * <p>Many connections: the server allocates nothing per request, but the JDK's epoll selector boxes every ready
 * socket descriptor above 127 (16 bytes each time). A JVM serving hundreds or thousands of connections keeps its
 * memory flat with {@code -Djava.lang.Integer.IntegerCache.high=65535} on its command line (descriptors up to 65535
 * then come from the cache; about 1.3 MB of heap), as the project's launchers do.
 *
 * <p>Over 400 lines because the public builder (about 20 settings, each validated and documented where a user
 * reads it) lives here; the machinery is in {@code internal}.
 */
public final class ModbusTcpServer implements AutoCloseable {
  /** The registered Modbus TCP port. */
  public static final int DEFAULT_PORT = 502;

  private final ServerRuntime runtime;
  private final ServerConfig config;

  private ModbusTcpServer(ServerConfig config, ModbusDispatcher dispatcher, DecodeLevel decodeLevel) {
    this.config = config;
    this.runtime = new ServerRuntime(config, dispatcher, new DecodeLog(decodeLevel));
  }

  /**
   * {@return a builder with production defaults; see {@link Builder} for each setting and its default}
   *
   * @param dispatcher the dispatcher that answers the requests
   */
  public static Builder builder(ModbusDispatcher dispatcher) {
    return new Builder(dispatcher);
  }

  /**
   * Binds the listening socket and starts accepting. Returns once bound, so {@link #localAddress()} is usable and
   * clients can connect.
   *
   * @return this server
   * @throws IOException if the address cannot be bound (e.g. in use, or a port below 1024 without privileges)
   * @throws IllegalStateException if the server was started before
   */
  public ModbusTcpServer start() throws IOException {
    runtime.start();
    return this;
  }

  /**
   * {@return the bound address; with port 0 configured, the port the system chose}
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public InetSocketAddress localAddress() {
    InetSocketAddress address = runtime.localAddress();
    if (address == null) {
      throw new IllegalStateException("server not started");
    }
    return address;
  }

  /** {@return whether the server is accepting connections (started and not shut down)} */
  public boolean isRunning() {
    return runtime.isRunning();
  }

  /**
   * {@return the server's traffic log} {@code decodeLog().setLevel(DecodeLevel.parse("pdu,frame"))} turns layers on
   * or off for every connection, from its next request on.
   */
  public DecodeLog decodeLog() {
    return runtime.decodeLog();
  }

  /**
   * {@return how this server's connections are framed by the toolkit's codecs, or null when a codec of the user's
   * own frames them ({@link Builder#codec})}
   */
  public @Nullable TcpFraming framing() {
    return config.codecs() == null ? config.framing() : null;
  }

  /** {@return the name used for JMX and thread names: the configured one, or {@code host:port} once bound} */
  public String name() {
    return runtime.name();
  }

  /** Shuts down gracefully with the configured grace period; see {@link #shutdown(Duration)}. */
  @Override
  public void close() {
    runtime.shutdown(config.shutdownGracePeriod());
  }

  /**
   * Stops accepting, lets open connections answer the requests already read (no further bytes are read from
   * them), closes each one when it is done, and after {@code grace} forces the remaining ones closed. Blocks until
   * every connection has ended. Idempotent: later calls wait for the first shutdown to finish. Calling it on a
   * server that was never started just marks it stopped.
   *
   * @param grace how long work in progress may take before it is cut short
   * @return true if all connections ended within {@code grace}
   */
  public boolean shutdown(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace period must not be negative: " + grace);
    }
    return runtime.shutdown(grace);
  }

  /**
   * Waits until the server has been shut down (by another thread, e.g. a shutdown hook).
   *
   * @throws InterruptedException if the thread is interrupted while it waits
   */
  public void awaitTermination() throws InterruptedException {
    while (!runtime.awaitTermination(1, TimeUnit.DAYS)) {
      // keep waiting
    }
  }

  /**
   * Waits at most {@code timeout} for the server to be shut down.
   *
   * @param timeout the timeout
   * @throws InterruptedException if the thread is interrupted while it waits
   * @return true if it has stopped
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return runtime.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** {@return the dispatcher requests go to} */
  public ModbusDispatcher dispatcher() {
    return runtime.dispatcher();
  }

  /**
   * Adds or replaces a unit at runtime; see {@link ModbusDispatcher#addUnit}.
   *
   * @param unitId the unit id (0..255)
   * @param handler the handler
   */
  public void addUnit(int unitId, ModbusRequestHandler handler) {
    runtime.dispatcher().addUnit(unitId, handler);
  }

  /**
   * Removes a unit at runtime; returns its handler, or null if there was none.
   *
   * @param unitId the unit id (0..255)
   * @return the {@code ModbusRequestHandler}
   */
  public @Nullable ModbusRequestHandler removeUnit(int unitId) {
    return runtime.dispatcher().removeUnit(unitId);
  }

  /** {@return the unit ids currently routed} */
  public Set<Integer> units() {
    return runtime.dispatcher().units();
  }

  /**
   * Transport counters: connections, frames, bytes.
   *
   * @return the metrics
   */
  public TcpServerMetrics metrics() {
    return runtime.counters();
  }

  /**
   * {@return the fault pipeline every connection consults: add, replace or remove faults while the server runs; the
   * next request planned sees the change} Connection-level settings (idle close) apply to connections opened after
   * the change.
   */
  public FaultPipeline faults() {
    return config.faults();
  }

  /**
   * Request counters and latency, from the dispatcher.
   *
   * @return the dispatcher metrics
   */
  public DispatcherMetrics dispatcherMetrics() {
    return runtime.dispatcher().metrics();
  }

  /** {@return a snapshot of the open connections, ordered by id} */
  public List<ConnectionInfo> connections() {
    return runtime.connections();
  }

  /**
   * Closes one client connection (it is reported with {@link CloseReason#EVICTED}).
   *
   * @param connectionId the connection id
   * @return true if a connection with that id was open
   */
  public boolean closeConnection(long connectionId) {
    return runtime.closeConnection(connectionId);
  }

  @Override
  public String toString() {
    return "ModbusTcpServer[" + runtime.name() + (isRunning() ? ", running" : "") + "]";
  }

  /**
   * Settings of a {@link ModbusTcpServer}. Every setter validates at once and throws {@link
   * IllegalArgumentException} (or {@link NullPointerException}) with the offending value.
   */
  public static final class Builder {
    /** Default {@link #maxConnections(int)}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Largest {@link #maxConnections(int)} accepted. */
    public static final int MAX_MAX_CONNECTIONS = 1_000_000;
    /** Default {@link #idleTimeout(Duration)}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    /** Default {@link #requestTimeout(Duration)}. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@link #shutdownGracePeriod(Duration)}. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(30);
    /** Default {@link #backlog(int)}. */
    public static final int DEFAULT_BACKLOG = 1024;

    private static final Duration MAX_SOCKET_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    private final ModbusDispatcher dispatcher;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port = DEFAULT_PORT;
    private int backlog = DEFAULT_BACKLOG;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private ConnectionLimitPolicy limitPolicy = ConnectionLimitPolicy.REFUSE;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private boolean keepAlive = true;
    private boolean tcpNoDelay = true;
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private @Nullable String name;
    private boolean jmxEnabled = true;
    private final List<ServerEventListener> listeners = new ArrayList<>();
    private @Nullable FaultPipeline faults;
    private IoMode ioMode = IoMode.EVENT_LOOP;
    private TcpFraming framing = TcpFraming.MBAP;
    private @Nullable Supplier<? extends FrameCodec> codecs;
    private DecodeLevel decodeLevel = DecodeLevel.NOTHING;
    private int eventLoops = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Builder(ModbusDispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * {@return the local address to listen on, IPv4 or IPv6; the wildcard address ({@code 0.0.0.0} / {@code ::})
     * listens on all interfaces} Default: the loopback address (127.0.0.1), so a server is not exposed by accident.
     *
     * @param address the first address (0-based, as on the wire)
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * {@return the local address as an IP literal ({@code 127.0.0.1}, {@code ::1}, {@code [::1]}, {@code 0.0.0.0}) or a
     * host name, which is resolved now}
     *
     * @param host the host
     * @throws IllegalArgumentException if the host cannot be resolved
     */
    public Builder bindAddress(String host) {
      Objects.requireNonNull(host, "host");
      String h = host.strip();
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      if (h.isEmpty()) {
        throw new IllegalArgumentException("bind address must not be blank");
      }
      try {
        this.bindAddress = InetAddress.getByName(h);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("cannot resolve bind address '" + host + "'", e);
      }
      return this;
    }

    /**
     * {@return the TCP port, 0..65535; 0 lets the system pick a free one (see {@link ModbusTcpServer#localAddress()})}
     * Default 502.
     *
     * @param port the TCP or UDP port (0 picks a free one)
     */
    public Builder port(int port) {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port " + port + " out of range 0..65535");
      }
      this.port = port;
      return this;
    }

    /**
     * {@return address and port at once}
     *
     * @param address the first address (0-based, as on the wire)
     */
    public Builder bind(InetSocketAddress address) {
      Objects.requireNonNull(address, "address");
      if (address.isUnresolved()) {
        throw new IllegalArgumentException("unresolved bind address " + address);
      }
      return bindAddress(address.getAddress()).port(address.getPort());
    }

    /**
     * Connections served at once, 1..1,000,000. Default 10,000.
     *
     * @param maxConnections the max connections
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1 || maxConnections > MAX_MAX_CONNECTIONS) {
        throw new IllegalArgumentException(
            "maxConnections " + maxConnections + " out of range 1.." + MAX_MAX_CONNECTIONS);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * {@return what happens to new clients beyond {@link #maxConnections(int)}} Default {@link
     * ConnectionLimitPolicy#REFUSE}.
     *
     * @param policy the policy
     */
    public Builder connectionLimitPolicy(ConnectionLimitPolicy policy) {
      this.limitPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Close a connection after this long without receiving a byte; {@link Duration#ZERO} disables. At most
     * {@code Integer.MAX_VALUE} ms. Default 300 s.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = requireTimeout("idleTimeout", timeout);
      return this;
    }

    /**
     * {@return how long a handler may take: past it a shared watchdog sends the client exception 0x06
     * SERVER_DEVICE_BUSY, interrupts the handler (which runs on the connection's thread, or its event loop's) and
     * its late result is dropped} The connection reads its next request once the handler has returned, so a handler
     * that ignores interrupts still holds its own connection (and, in {@link IoMode#EVENT_LOOP} mode, the other
     * connections of its loop if the handler declared it does not block). {@link Duration#ZERO} disables the
     * timeout and the watchdog. Default 5 s.
     *
     * @param timeout the timeout
     */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = requireTimeout("requestTimeout", timeout);
      return this;
    }

    /**
     * SO_KEEPALIVE on accepted connections, so dead peers are eventually noticed. Default on.
     *
     * @param keepAlive the keep alive
     * @return this builder
     */
    public Builder keepAlive(boolean keepAlive) {
      this.keepAlive = keepAlive;
      return this;
    }

    /**
     * TCP_NODELAY on accepted connections (no Nagle delay on small answers). Default on.
     *
     * @param tcpNoDelay the tcp no delay
     * @return this builder
     */
    public Builder tcpNoDelay(boolean tcpNoDelay) {
      this.tcpNoDelay = tcpNoDelay;
      return this;
    }

    /**
     * {@return how long {@link ModbusTcpServer#close()} lets connections finish before forcing them closed; >= 0}
     * Default 30 s.
     *
     * @param grace how long work in progress may take before it is cut short
     */
    public Builder shutdownGracePeriod(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGracePeriod must not be negative: " + grace);
      }
      this.shutdownGracePeriod = grace;
      return this;
    }

    /**
     * {@return the listen backlog, 1..65535 (the kernel may cap it, e.g. at net.core.somaxconn)} Default 1024.
     *
     * @param backlog the backlog
     */
    public Builder backlog(int backlog) {
      if (backlog < 1 || backlog > 0xFFFF) {
        throw new IllegalArgumentException("backlog " + backlog + " out of range 1..65535");
      }
      this.backlog = backlog;
      return this;
    }

    /**
     * {@return the name for JMX and thread names} Default: {@code host:port} of the bound address.
     *
     * @param name the name
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
      this.name = name;
      return this;
    }

    /**
     * {@return whether to register the {@link ModbusTcpServerMXBean} while running} Default on.
     *
     * @param enabled the enabled
     */
    public Builder jmxEnabled(boolean enabled) {
      this.jmxEnabled = enabled;
      return this;
    }

    /**
     * Adds a listener for {@link ServerEvent}s.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ServerEventListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * {@return the fault pipeline to inject faults from; it stays changeable while the server runs (see {@link
     * ModbusTcpServer#faults()})} One pipeline per server: its connection-scoped counters are keyed by this
     * server's connection ids. Default: a new {@link FaultPipeline#empty()} for each server built.
     *
     * @param pipeline the pipeline
     */
    public Builder faults(FaultPipeline pipeline) {
      this.faults = Objects.requireNonNull(pipeline, "pipeline");
      return this;
    }

    /**
     * {@return how connections are read and requests run} Default {@link IoMode#EVENT_LOOP}.
     *
     * @param mode the mode
     */
    public Builder ioMode(IoMode mode) {
      this.ioMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * {@return how connections are framed: Modbus TCP ({@link TcpFraming#MBAP}, the default), RTU or ASCII over TCP}
     * Every other setting applies to each framing alike.
     *
     * @param newFraming the new framing
     */
    public Builder framing(TcpFraming newFraming) {
      this.framing = Objects.requireNonNull(newFraming, "framing");
      this.codecs = null;
      return this;
    }

    /**
     * Frames connections with a codec of one's own instead of a {@link TcpFraming}: a vendor's framing, MBAP with a
     * prefix, a recording wrapper. The supplier makes one codec per connection (codecs keep per-connection state);
     * every other setting, both I/O modes and the fault pipeline apply as to the built-in framings. How to write one
     * is in the package documentation of {@code dev.modbustoolkit.transport}.
     *
     * @param newCodecs makes a new codec for each connection
     * @return this builder
     */
    public Builder codec(Supplier<? extends FrameCodec> newCodecs) {
      this.codecs = Objects.requireNonNull(newCodecs, "codecs");
      return this;
    }

    /**
     * What the server logs of its traffic to start with (PDUs decoded, frames and raw bytes as hex, to the logger
     * {@code dev.modbustoolkit.transport.decode} at INFO); changeable while running through {@link
     * ModbusTcpServer#decodeLog()}. Default {@link DecodeLevel#NOTHING}.
     *
     * @param level the layers to log
     * @return this builder
     */
    public Builder decodeLevel(DecodeLevel level) {
      this.decodeLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /**
     * Selector threads in {@link IoMode#EVENT_LOOP} mode, 1..256; connections are spread over them round-robin.
     * Default: the number of processors available to the JVM (one loop keeps one core busy).
     *
     * @param loops the loops
     * @return this builder
     */
    public Builder eventLoops(int loops) {
      if (loops < 1 || loops > 256) {
        throw new IllegalArgumentException("eventLoops " + loops + " out of range 1..256");
      }
      this.eventLoops = loops;
      return this;
    }

    /**
     * Creates the server (not started).
     *
     * @return the new {@code ModbusTcpServer}
     */
    public ModbusTcpServer build() {
      return new ModbusTcpServer(
          new ServerConfig(bindAddress, port, backlog, maxConnections, limitPolicy, idleTimeout, requestTimeout,
              keepAlive, tcpNoDelay, shutdownGracePeriod, name, jmxEnabled, listeners,
              faults != null ? faults : FaultPipeline.empty(), ioMode, eventLoops, framing, codecs),
          dispatcher, decodeLevel);
    }

    private static Duration requireTimeout(String what, Duration timeout) {
      Objects.requireNonNull(timeout, what);
      if (timeout.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative: " + timeout);
      }
      if (timeout.compareTo(MAX_SOCKET_TIMEOUT) > 0) {
        throw new IllegalArgumentException(what + " " + timeout + " longer than the maximum " + MAX_SOCKET_TIMEOUT);
      }
      return timeout;
    }
  }
}
