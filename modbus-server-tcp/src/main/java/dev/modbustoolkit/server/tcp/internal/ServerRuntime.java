package dev.modbustoolkit.server.tcp.internal;

import dev.modbustoolkit.fault.ConnectDecision;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.tcp.CloseReason;
import dev.modbustoolkit.server.tcp.ConnectionInfo;
import dev.modbustoolkit.server.tcp.IoMode;
import dev.modbustoolkit.server.tcp.ServerEvent;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.jmx.JmxRegistration;
import dev.modbustoolkit.transport.stream.ConnectionRegistry;
import dev.modbustoolkit.transport.stream.StreamListener;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running machinery behind {@code ModbusTcpServer}: lifecycle, the accept thread (modbus-transport's {@link
 * StreamListener}, with this class as its acceptor), connection bookkeeping (its {@link ConnectionRegistry}),
 * shutdown. Public only because the API class lives in another package; this package is not exported. Over 400
 * lines because startup, the graceful shutdown sequence (drain, grace, force, join) and the accept-side callbacks
 * (admission, connect-time faults, events) share the lifecycle lock.
 */
public final class ServerRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);

  /** How long forced-closed connections get to run their cleanup after the grace period. */
  private static final Duration FORCE_CLOSE_WAIT = Duration.ofSeconds(5);

  static {
    // Out of file descriptors (EMFILE) the class loader cannot open a class file, yet a connection must still close
    // then, for closing frees a descriptor (AcceptErrorsIT): the close path runs once here, with a scratch counter,
    // so that every class it needs (the enum, the compiler's switch table over it) is loaded before the first
    // accept, and so are the classes serving a connection on a loop and on a thread of its own.
    ServerCounters scratch = new ServerCounters();
    for (CloseReason reason : CloseReason.values()) {
      countClose(scratch, reason);
    }
    try {
      for (Class<?> type : List.of(Connection.class, LoopIo.class, ThreadIo.class)) {
        MethodHandles.lookup().ensureInitialized(type);
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError("a class of this package", e);
    }
  }

  private enum State {
    NEW,
    RUNNING,
    STOPPING,
    STOPPED
  }

  private final ServerConfig config;
  private final DecodeLog decodeLog;
  private final ModbusDispatcher dispatcher;
  private final ServerCounters counters = new ServerCounters();
  private final ConnectionRegistry<Connection> registry = new ConnectionRegistry<>();
  private final EventPublisher events;
  private final AtomicLong nextConnectionId = new AtomicLong();
  private final ReentrantLock lifecycle = new ReentrantLock();
  private final CountDownLatch terminated = new CountDownLatch(1);

  // Guarded by lifecycle; read without it only after start() published them (volatile).
  private State state = State.NEW;
  private volatile @Nullable ServerSocketChannel serverSocket;
  private volatile @Nullable InetSocketAddress localAddress;
  private volatile String name = "modbus-tcp";
  private volatile boolean graceful = true;
  private @Nullable Thread acceptThread;
  /** Set by start(), before any connection exists: every connection that ends gives its permit back to it. */
  private volatile @Nullable StreamListener listener;
  private @Nullable JmxRegistration jmx;
  private @Nullable RequestWatchdog watchdog;
  /** The selector threads in event-loop mode; empty otherwise. */
  private List<EventLoop> loops = List.of();

  /** Creates a server that is not yet bound. */
  public ServerRuntime(ServerConfig config, ModbusDispatcher dispatcher) {
    this(config, dispatcher, DecodeLog.off());
  }

  /** Creates a server that is not yet bound, logging its traffic as {@code decodeLog} says. */
  public ServerRuntime(ServerConfig config, ModbusDispatcher dispatcher, DecodeLog decodeLog) {
    this.decodeLog = decodeLog;
    this.config = config;
    this.dispatcher = dispatcher;
    this.events = new EventPublisher(config.listeners());
  }

  /**
   * Binds and starts accepting; returns once bound.
   *
   * @throws IOException if binding fails (nothing is left running then)
   * @throws IllegalStateException if already started
   */
  public InetSocketAddress start() throws IOException {
    lifecycle.lock();
    try {
      if (state != State.NEW) {
        throw new IllegalStateException("server already started (state " + state + ")");
      }
      ServerSocketChannel socket = ServerSocketChannel.open();
      InetSocketAddress bound;
      String serverName;
      List<EventLoop> newLoops = new ArrayList<>();
      try {
        socket.socket().setReuseAddress(true);
        socket.bind(new InetSocketAddress(config.bindAddress(), config.port()), config.backlog());
        bound = (InetSocketAddress) socket.getLocalAddress();
        String configuredName = config.name();
        serverName = configuredName != null ? configuredName : hostAndPort(bound);
        if (config.ioMode() == IoMode.EVENT_LOOP) {
          for (int i = 0; i < config.eventLoops(); i++) {
            newLoops.add(new EventLoop("modbus-tcp-loop-" + serverName + "-" + i, this::loopFailed));
          }
        }
      } catch (IOException | RuntimeException e) {
        closeQuietly(socket);
        for (EventLoop l : newLoops) {
          l.discard();
        }
        throw e;
      }
      serverSocket = socket;
      localAddress = bound;
      name = serverName;
      StreamListener accepting = new StreamListener(name, socket, config.maxConnections(), config.limitPolicy(),
          new Acceptor());
      listener = accepting;
      Thread t = Thread.ofPlatform().name("modbus-tcp-accept-" + name).unstarted(accepting);
      acceptThread = t;
      loops = List.copyOf(newLoops);
      for (EventLoop l : loops) {
        l.start();
      }
      state = State.RUNNING;
      if (config.jmxEnabled()) {
        jmx = JmxRegistration.register("ModbusTcpServer", name, new ServerMXBeanImpl(this), "Modbus TCP server");
      }
      if (!config.requestTimeout().isZero() || !config.idleTimeout().isZero()) {
        RequestWatchdog w =
            new RequestWatchdog(registry, config.requestTimeout().toNanos(), config.idleTimeout().toNanos(), name);
        watchdog = w;
        w.start();
      }
      t.start();
      LOG.info("Modbus TCP server {} listening on {}", name, hostAndPort(bound));
      events.publish(new ServerEvent.Started(Instant.now(), bound));
      return bound;
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Stops accepting, lets open connections answer what they have read for up to {@code grace}, then closes the
   * rest. Idempotent; a second caller waits for the first one's shutdown.
   *
   * @return true if every connection ended within the grace period
   */
  public boolean shutdown(Duration grace) {
    Thread t;
    ServerSocketChannel socket;
    lifecycle.lock();
    try {
      switch (state) {
        case NEW -> {
          state = State.STOPPED;
          terminated.countDown();
          return true;
        }
        case STOPPING, STOPPED -> {
          // Fall through to waiting below, outside the lock.
          t = null;
          socket = null;
        }
        case RUNNING -> {
          state = State.STOPPING;
          t = acceptThread;
          socket = serverSocket;
        }
        default -> throw new AssertionError(state);
      }
    } finally {
      lifecycle.unlock();
    }
    if (socket == null) {
      awaitTerminationUninterruptibly();
      return graceful;
    }
    boolean interrupted = false;
    try {
      LOG.info("Modbus TCP server {} shutting down ({} connections, grace {})", name, registry.size(), grace);
      closeQuietly(socket);
      if (t != null) {
        t.interrupt();
        interrupted |= joinUninterruptibly(t);
      }
      for (Connection c : registry.all()) {
        c.drain();
      }
      boolean allEnded;
      try {
        allEnded = registry.awaitEmpty(grace.toNanos(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
        allEnded = registry.size() == 0;
      }
      if (!allEnded) {
        LOG.info("Modbus TCP server {}: forcing {} connections closed after the grace period", name,
            registry.size());
        for (Connection c : registry.all()) {
          c.forceClose();
        }
        // A handler stuck on a loop thread holds up the closes queued behind it: interrupt it as a connection
        // thread would be.
        for (EventLoop l : loops) {
          l.thread().interrupt();
        }
        try {
          registry.awaitEmpty(FORCE_CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      graceful = allEnded;
      for (EventLoop l : loops) {
        l.stop();
      }
      for (EventLoop l : loops) {
        try {
          if (!l.join(FORCE_CLOSE_WAIT)) {
            LOG.warn("Modbus TCP server {}: event loop {} still busy in a handler", name, l.thread().getName());
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      RequestWatchdog w = watchdog;
      if (w != null) {
        w.stop();
      }
      JmxRegistration j = jmx;
      if (j != null) {
        j.unregister();
      }
      lifecycle.lock();
      try {
        state = State.STOPPED;
      } finally {
        lifecycle.unlock();
      }
      LOG.info("Modbus TCP server {} stopped{}", name, allEnded ? "" : " (some connections forced closed)");
      events.publish(new ServerEvent.Stopped(Instant.now(), allEnded));
      terminated.countDown();
      return allEnded;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        return interrupted;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  private void awaitTerminationUninterruptibly() {
    boolean interrupted = false;
    while (true) {
      try {
        terminated.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until the server has stopped. */
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return terminated.await(timeout, unit);
  }

  /** Whether the server is bound and accepting. */
  public boolean isRunning() {
    lifecycle.lock();
    try {
      return state == State.RUNNING;
    } finally {
      lifecycle.unlock();
    }
  }

  /** The bound address, or null before start. */
  public @Nullable InetSocketAddress localAddress() {
    return localAddress;
  }

  /** The server's name (configured, or host:port once bound). */
  public String name() {
    return name;
  }

  /** The configuration. */
  public ServerConfig config() {
    return config;
  }

  /** The dispatcher requests go to. */
  public ModbusDispatcher dispatcher() {
    return dispatcher;
  }

  /** The traffic log every connection of this server writes to. */
  public DecodeLog decodeLog() {
    return decodeLog;
  }

  /** The fault pipeline. */
  public FaultPipeline faults() {
    return config.faults();
  }

  /** The transport counters. */
  public ServerCounters counters() {
    return counters;
  }

  ConnectionRegistry<Connection> registry() {
    return registry;
  }

  /** A snapshot of every open connection, by id. */
  public List<ConnectionInfo> connections() {
    List<ConnectionInfo> list = new ArrayList<>(registry.size());
    for (Connection c : registry.all()) {
      list.add(c.info());
    }
    list.sort(Comparator.comparingLong(ConnectionInfo::connectionId));
    return list;
  }

  /** Closes one connection by id (reported as evicted); false if no such connection is open. */
  public boolean closeConnection(long connectionId) {
    Connection c = registry.get(connectionId);
    return c != null && c.requestClose(CloseReason.EVICTED);
  }

  // ---- called by the accept loop and connections ----

  /**
   * Registers and starts a connection for an accepted socket holding a permit, unless a connection-limit fault
   * turns it away. Runs on the accept thread, so connection ids, fault sessions and connect decisions follow the
   * accept order (what makes connection-scoped faults reproducible).
   *
   * @return true if its thread started: the connection now owns the socket and the permit
   */
  boolean startConnection(SocketChannel socket) {
    SocketAddress remote;
    SocketAddress local;
    try {
      // From the channel: its socket adaptor would be made only to be asked this.
      remote = socket.getRemoteAddress();
      local = socket.getLocalAddress();
    } catch (IOException e) {
      return false;
    }
    if (!(remote instanceof InetSocketAddress remoteAddress) || !(local instanceof InetSocketAddress localAddr)) {
      // Closed by the peer between accept() and here; nothing to serve.
      return false;
    }
    long id = nextConnectionId.incrementAndGet();
    FaultPipeline faults = config.faults();
    FrameCodec framing = config.newFraming();
    var faultInfo = new dev.modbustoolkit.fault.ConnectionInfo(id, framing.transport(), remoteAddress);
    if (!faults.isEmpty() && !admit(socket, faultInfo)) {
      return false;
    }
    FaultSession session = faults.openSession(faultInfo);
    // An idle-close fault needs a timed read, which only a thread of its own has.
    EventLoop loop = session.idleCloseNanos() < 0 ? pickLoop(id) : null;
    if (loop != null) {
      Connection connection = new Connection(id, socket, this, remoteAddress, localAddr, session, loop, framing);
      registry.add(connection);
      loop.execute(connection::startOnLoop);
      return true;
    }
    Connection connection = new Connection(id, socket, this, remoteAddress, localAddr, session, null, framing);
    Thread thread = Thread.ofVirtual().name("modbus-tcp-conn-" + id).unstarted(connection.threaded());
    connection.bindThread(thread);
    registry.add(connection);
    try {
      thread.start();
      return true;
    } catch (RuntimeException | OutOfMemoryError e) {
      registry.remove(connection);
      session.close();
      LOG.warn("Could not start a thread for connection {} from {}", id, remoteAddress, e);
      return false;
    }
  }

  /** The loop for connection {@code id}: round-robin over the loops that have not failed; null for none. */
  private @Nullable EventLoop pickLoop(long id) {
    int n = loops.size();
    for (int i = 0; i < n; i++) {
      EventLoop l = loops.get((int) ((id + i) % n));
      if (!l.failed()) {
        return l;
      }
    }
    return null;
  }

  /** On the failed loop's thread: closes the connections it served (the others are not touched). */
  private void loopFailed(EventLoop loop) {
    for (Connection c : registry.all()) {
      if (c.servedBy(loop)) {
        c.loopFailed();
      }
    }
  }

  /** The event loops (empty in thread-per-connection mode). */
  List<EventLoop> loops() {
    return loops;
  }

  /** Applies the connection-limit faults to a new connection; false when it is not to be served. */
  private boolean admit(SocketChannel channel, dev.modbustoolkit.fault.ConnectionInfo info) {
    ConnectDecision decision = config.faults().onConnect(info, registry.openCount());
    java.net.Socket socket = channel.socket();
    switch (decision) {
      case ACCEPT -> {
        return true;
      }
      case REFUSE -> {
        // As a device whose connection table is full: the client sees a reset.
        counters.faultRefused();
        LOG.debug("Connection {} from {} refused by a connection-limit fault (RST)", info.connectionId(),
            info.remoteAddress());
        try {
          socket.setSoLinger(true, 0);
        } catch (IOException e) {
          LOG.trace("SO_LINGER failed: {}", e.toString());
        }
        closeQuietly(channel);
        return false;
      }
      case CLOSE_NEW -> {
        counters.faultRefused();
        LOG.debug("Connection {} from {} closed by a connection-limit fault (FIN)", info.connectionId(),
            info.remoteAddress());
        try {
          socket.shutdownOutput();
        } catch (IOException e) {
          LOG.trace("shutdownOutput failed: {}", e.toString());
        }
        closeQuietly(channel);
        return false;
      }
      case EVICT_OLDEST -> {
        Connection oldest = registry.oldestOpen();
        if (oldest != null && oldest.closeGracefully(CloseReason.FAULT_INJECTED)) {
          LOG.debug("Connection {} closed by a connection-limit fault to make room for connection {}", oldest.id(),
              info.connectionId());
        }
        return true;
      }
    }
    throw new AssertionError(decision);
  }

  private static void countClose(ServerCounters counters, CloseReason reason) {
    switch (reason) {
      case IDLE_TIMEOUT -> counters.idleTimeout();
      case EVICTED -> counters.evicted();
      case FAULT_INJECTED -> counters.faultClosed();
      case CLIENT_CLOSED, MALFORMED_FRAME, SERVER_SHUTDOWN, IO_ERROR, INTERNAL_ERROR -> {
        // Counted elsewhere or not at all.
      }
    }
  }

  void connectionOpened(Connection c) {
    counters.connectionOpened();
    LOG.debug("Connection {} from {} opened", c.id(), c.remoteAddress());
    if (events.hasListeners()) {
      events.publish(new ServerEvent.ConnectionOpened(Instant.now(), c.id(), c.remoteAddress()));
    }
  }

  void connectionClosed(Connection c, CloseReason reason) {
    try {
      countClose(counters, reason);
      LOG.debug("Connection {} from {} closed: {}", c.id(), c.remoteAddress(), reason);
      if (events.hasListeners()) {
        events.publish(new ServerEvent.ConnectionClosed(Instant.now(), c.id(), c.remoteAddress(), reason, c.info()));
      }
    } finally {
      if (c.wasOpened()) {
        counters.connectionClosed();
      }
      registry.remove(c);
      StreamListener l = listener;
      if (l != null) {
        l.release();
      }
    }
  }

  void rejected(SocketChannel socket) {
    counters.rejected();
    SocketAddress remote = socket.socket().getRemoteSocketAddress();
    LOG.debug("Connection from {} rejected: {} connections open", remote, config.maxConnections());
    closeQuietly(socket);
    if (events.hasListeners() && remote instanceof InetSocketAddress remoteAddress) {
      events.publish(new ServerEvent.ConnectionRejected(Instant.now(), remoteAddress, config.limitPolicy()));
    }
  }

  /** The server side of the listener: every method runs on the accept thread. */
  private final class Acceptor implements StreamListener.Acceptor {
    @Override
    public boolean serve(SocketChannel channel) {
      return startConnection(channel);
    }

    @Override
    public void rejected(SocketChannel channel) {
      ServerRuntime.this.rejected(channel);
    }

    @Override
    public boolean evictOldestIdle() {
      Connection victim = registry.oldestIdle();
      if (victim == null) {
        return false;
      }
      // Closing already (it lost a race with another close): its permit comes back all the same.
      victim.requestClose(CloseReason.EVICTED);
      return true;
    }

    @Override
    public void acceptFailed(IOException error) {
      ServerRuntime.this.acceptFailed(error);
    }
  }

  void acceptFailed(IOException e) {
    counters.acceptError();
    LOG.warn("Modbus TCP server {}: accept failed: {}", name, e.toString());
  }

  void closeQuietly(java.io.Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      LOG.trace("close failed: {}", e.toString());
    }
  }

  static String hostAndPort(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
