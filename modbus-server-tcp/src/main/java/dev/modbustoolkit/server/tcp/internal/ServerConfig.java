package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.server.tcp.TcpFraming;
import dev.modbustoolkit.server.tcp.ServerEventListener;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FrameCodecs;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The validated settings of one server (the public builder validates; this record only guards against nulls).
 *
 * @param bindAddress the local address to bind
 * @param port the local port, 0 for any free port
 * @param backlog the listen backlog
 * @param maxConnections connections served at once
 * @param limitPolicy what happens beyond {@code maxConnections}
 * @param idleTimeout close a connection after this long without bytes received; zero disables
 * @param requestTimeout answer SERVER_DEVICE_BUSY after this long in a handler; zero disables the watchdog
 * @param keepAlive SO_KEEPALIVE on accepted sockets
 * @param tcpNoDelay TCP_NODELAY on accepted sockets
 * @param shutdownGracePeriod how long {@code close()} lets connections finish before forcing them closed
 * @param name the server's name for JMX and thread names, or null to derive it from the bound address
 * @param jmxEnabled whether to register the MXBean
 * @param listeners event listeners, in registration order
 * @param faults the fault pipeline every connection consults (empty: no faults)
 * @param ioMode how connections are read and requests run
 * @param eventLoops selector threads in {@link IoMode#EVENT_LOOP} mode
 * @param framing how connections are framed by the toolkit's codecs
 * @param codecs a framing of the user's own, one new codec per connection (null: {@code framing})
 */
public record ServerConfig(
    InetAddress bindAddress,
    int port,
    int backlog,
    int maxConnections,
    ConnectionLimitPolicy limitPolicy,
    Duration idleTimeout,
    Duration requestTimeout,
    boolean keepAlive,
    boolean tcpNoDelay,
    Duration shutdownGracePeriod,
    @Nullable String name,
    boolean jmxEnabled,
    List<ServerEventListener> listeners,
    FaultPipeline faults,
    IoMode ioMode,
    int eventLoops,
    TcpFraming framing,
    @Nullable Supplier<? extends FrameCodec> codecs) {

  /** Null checks and a defensive copy of the listeners. */
  public ServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(limitPolicy, "limitPolicy");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
    listeners = List.copyOf(listeners);
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(ioMode, "ioMode");
    Objects.requireNonNull(framing, "framing");
  }

  /**
   * A configuration framed by one of the toolkit's codecs.
   *
   * @param bindAddress see the record
   * @param port see the record
   * @param backlog see the record
   * @param maxConnections see the record
   * @param limitPolicy see the record
   * @param idleTimeout see the record
   * @param requestTimeout see the record
   * @param keepAlive see the record
   * @param tcpNoDelay see the record
   * @param shutdownGracePeriod see the record
   * @param name see the record
   * @param jmxEnabled see the record
   * @param listeners see the record
   * @param faults see the record
   * @param ioMode see the record
   * @param eventLoops see the record
   * @param framing see the record
   */
  public ServerConfig(InetAddress bindAddress, int port, int backlog, int maxConnections,
      ConnectionLimitPolicy limitPolicy, Duration idleTimeout, Duration requestTimeout, boolean keepAlive,
      boolean tcpNoDelay, Duration shutdownGracePeriod, @Nullable String name, boolean jmxEnabled,
      List<ServerEventListener> listeners, FaultPipeline faults, IoMode ioMode, int eventLoops, TcpFraming framing) {
    this(bindAddress, port, backlog, maxConnections, limitPolicy, idleTimeout, requestTimeout, keepAlive, tcpNoDelay,
        shutdownGracePeriod, name, jmxEnabled, listeners, faults, ioMode, eventLoops, framing, null);
  }

  /** A new framing instance for one connection. */
  FrameCodec newFraming() {
    if (codecs != null) {
      return Objects.requireNonNull(codecs.get(), "the codec supplier returned null");
    }
    return switch (framing) {
      case MBAP -> FrameCodecs.mbap();
      case RTU -> FrameCodecs.rtu();
      case ASCII -> FrameCodecs.ascii();
    };
  }
}
