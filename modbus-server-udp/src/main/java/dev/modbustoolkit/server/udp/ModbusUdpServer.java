package dev.modbustoolkit.server.udp;

import dev.modbustoolkit.fault.ConnectionInfo;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultPlan;
import dev.modbustoolkit.fault.FaultSession;
import dev.modbustoolkit.fault.Transport;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.UnitRoute;
import dev.modbustoolkit.transport.DecodeLevel;
import dev.modbustoolkit.transport.DecodeLog;
import dev.modbustoolkit.transport.Exchange;
import dev.modbustoolkit.transport.FrameCodec;
import dev.modbustoolkit.transport.FrameCodecs;
import dev.modbustoolkit.transport.FramingException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Modbus over UDP server: each datagram carries one MBAP frame (transaction id, protocol id, length, unit id,
 * PDU), each answer goes back to the sender in one datagram. Units 0 and 255 reach the server's own device, as on
 * Modbus TCP. A datagram that is not exactly one frame, or whose protocol id is not 0, is dropped and counted.
 *
 * <p>One thread receives and answers, allocation-free but for the sender's address. Each peer (address and port)
 * has its own fault session, numbered in order of first contact, so connection-scoped triggers count per peer; up
 * to {@link Builder#maxPeers(int)} are remembered. Response faults (delays, exceptions, wrong fields, truncation,
 * splits into several datagrams, raw bytes, no response) apply; connection faults do not, as UDP has no
 * connection. A faulted answer is sent from a virtual thread of its own, so its delays hold up no other request.
 * A request for a {@link dev.modbustoolkit.server.core.ForwardingHandler} is handed over without waiting and its
 * answer sent from the thread that completes it (answers then come in the order they are ready: UDP keeps none, the
 * transaction id matches them), so one slow device behind a gateway holds up nobody else.
 *
 * <p>Why this file is a little over 400 lines: the receive loop, the faulted and forwarded answer paths and the
 * nested builder share the server's state (channel, peer sessions, counters); the framing, the exchange and the
 * fault interpreter are modbus-transport's, the counters and metrics in their own classes.
 *
 * <pre>{@code
 * try (ModbusUdpServer server = ModbusUdpServer.builder(dispatcher).port(5020).build().start()) {
 *   InetSocketAddress bound = server.localAddress();
 * }
 * }</pre>
 */
public final class ModbusUdpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModbusUdpServer.class);

  private final ModbusDispatcher dispatcher;
  private final InetSocketAddress bindAddress;
  private final FaultPipeline faults;
  private final int maxPeers;
  private final DecodeLog decodeLog;
  private final UdpCounters counters = new UdpCounters();
  private final AtomicLong peerIds = new AtomicLong();
  private final Object lifecycle = new Object();
  private @Nullable DatagramChannel channel;
  private @Nullable Thread receiver;
  private volatile boolean running;

  private ModbusUdpServer(Builder b) {
    this.dispatcher = b.dispatcher;
    this.bindAddress = b.bindAddress;
    this.faults = b.faults;
    this.maxPeers = b.maxPeers;
    this.decodeLog = new DecodeLog(b.decodeLevel);
  }

  /**
   * {@return a builder serving the units of {@code dispatcher}}
   *
   * @param dispatcher the dispatcher that answers the requests
   */
  public static Builder builder(ModbusDispatcher dispatcher) {
    return new Builder(dispatcher);
  }

  /**
   * Binds and starts receiving; returns once bound.
   *
   * @return the {@code ModbusUdpServer}
   * @throws IOException when the address cannot be bound (the message names it)
   * @throws IllegalStateException when started before
   */
  public ModbusUdpServer start() throws IOException {
    synchronized (lifecycle) {
      if (channel != null) {
        throw new IllegalStateException("already started");
      }
      DatagramChannel c = DatagramChannel.open(
          bindAddress.getAddress() instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6
              : StandardProtocolFamily.INET);
      try {
        c.bind(bindAddress);
      } catch (IOException e) {
        c.close();
        throw new IOException("cannot bind Modbus UDP server to " + bindAddress + ": " + e.getMessage(), e);
      }
      channel = c;
      running = true;
      InetSocketAddress local = (InetSocketAddress) c.getLocalAddress();
      receiver = Thread.ofPlatform().daemon().name("modbus-udp-" + local.getPort()).start(() -> receive(c, local));
      LOG.info("Modbus UDP server on {}, units {}", local, dispatcher.units());
      return this;
    }
  }

  private void receive(DatagramChannel c, InetSocketAddress local) {
    FrameCodec codec = FrameCodecs.mbap();
    ByteBuffer in = ByteBuffer.allocate(codec.maxFrameLength() + 1);
    ByteBuffer out = ByteBuffer.allocate(codec.maxFrameLength());
    Peers peers = new Peers(local, codec);
    while (running) {
      SocketAddress from;
      try {
        in.clear();
        from = c.receive(in);
      } catch (ClosedChannelException e) {
        break;
      } catch (IOException e) {
        // ICMP port unreachable from an earlier answer and the like: the socket serves on.
        LOG.debug("Modbus UDP server {}: receive failed: {}", local, e.toString());
        continue;
      }
      if (!(from instanceof InetSocketAddress peer)) {
        continue;
      }
      in.flip();
      counters.datagram(in.remaining());
      try {
        Exchange exchange = peers.of(peer);
        exchange.logRaw(true, in.array(), 0, in.remaining());
        serve(c, exchange, peers.sessionOf(peer), peer, in, out);
      } catch (IOException e) {
        LOG.debug("Modbus UDP server {}: answer to {} failed: {}", local, peer, e.toString());
      } catch (RuntimeException e) {
        LOG.warn("Modbus UDP server {}: request from {} failed", local, peer, e);
      }
    }
    peers.closeAll();
  }

  private void serve(DatagramChannel c, Exchange exchange, FaultSession session, InetSocketAddress peer,
      ByteBuffer in, ByteBuffer out) throws IOException {
    int length = in.remaining();
    int verdict;
    try {
      verdict = exchange.codec().scan(in);
    } catch (FramingException e) {
      verdict = FrameCodec.NEED_MORE;
    }
    if (verdict != length) {
      counters.droppedDatagram();
      LOG.debug("Modbus UDP server: dropped a datagram of {} bytes from {}: not one MBAP frame", length, peer);
      return;
    }
    FaultPlan plan = exchange.plan(in, 0, length);
    if (!plan.isNone()) {
      answerWithFaults(c, exchange, session, plan, peer, in, length);
      return;
    }
    UnitRoute route = exchange.route(in, 0);
    if (route.isAsync()) {
      forward(c, exchange, peer, in, length, route);
      return;
    }
    out.clear();
    int n = exchange.answer(in, 0, length, out);
    if (n > 0) {
      out.flip();
      // Counted first: a peer that has its answer sees it counted.
      counters.answer(n);
      exchange.logRaw(false, out.array(), 0, n);
      c.send(out, peer);
    }
  }

  /**
   * A request for a forwarding handler: forwarded without waiting; the answer is framed and sent by the thread that
   * completes it, in a buffer of its own (sending on a datagram channel is safe beside the receive).
   */
  private void forward(DatagramChannel c, Exchange exchange, InetSocketAddress peer, ByteBuffer in, int length,
      UnitRoute route) {
    FrameCodec codec = exchange.codec();
    ByteBuffer pdu = codec.pdu(in, 0, length);
    int functionCode = pdu.hasRemaining() ? Byte.toUnsignedInt(pdu.get(pdu.position())) : 0;
    int transactionId = codec.transactionId(in, 0);
    int unitId = route.unitId();
    exchange.forward(in, 0, length, route).thenAccept(answer -> {
      ByteBuffer frame = ByteBuffer.allocate(codec.maxFrameLength());
      int n = exchange.frameAnswer(transactionId, unitId, functionCode, answer, frame);
      if (n == 0) {
        return;
      }
      frame.flip();
      counters.answer(n);
      exchange.logRaw(false, frame.array(), 0, n);
      try {
        c.send(frame, peer);
      } catch (IOException e) {
        LOG.debug("Modbus UDP server: forwarded answer to {} failed: {}", peer, e.toString());
      }
    });
  }

  /**
   * On a virtual thread of its own, with a copy of the request and an exchange of its own (an exchange belongs to
   * one thread; this one only answers, its peer's session having planned the request already).
   */
  private void answerWithFaults(DatagramChannel c, Exchange peerExchange, FaultSession session, FaultPlan plan,
      InetSocketAddress peer, ByteBuffer in, int length) {
    ByteBuffer request = ByteBuffer.allocate(length).put(in.duplicate().limit(length)).flip();
    Exchange exchange = new Exchange(dispatcher, FrameCodecs.mbap(), peerExchange.context(), faults, session,
        counters, decodeLog);
    exchange.codec().scan(request);
    Thread.ofVirtual().name("modbus-udp-fault-" + peer).start(() -> {
      ByteBuffer scratch = ByteBuffer.allocate(exchange.codec().maxFrameLength());
      try {
        exchange.answerWithFaults(plan, request, 0, length, scratch,
            (transactionId, route, pdu, target, pendingEnd) ->
                dispatcher.dispatch(route, exchange.context(), pdu, target),
            new DatagramLink(c, peer, counters));
      } catch (IOException e) {
        LOG.debug("Modbus UDP server: faulted answer to {} failed: {}", peer, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** The exchange (and fault session) of each peer, the least recently heard from forgotten first. */
  private final class Peers {
    private final InetSocketAddress local;
    private final Map<InetSocketAddress, Exchange> byAddress = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<InetSocketAddress, FaultSession> sessions = new LinkedHashMap<>();
    private final FrameCodec codec;

    Peers(InetSocketAddress local, FrameCodec codec) {
      this.local = local;
      this.codec = codec;
    }

    Exchange of(InetSocketAddress peer) {
      Exchange e = byAddress.get(peer);
      if (e != null) {
        return e;
      }
      if (byAddress.size() >= maxPeers) {
        InetSocketAddress eldest = byAddress.keySet().iterator().next();
        byAddress.remove(eldest);
        FaultSession old = sessions.remove(eldest);
        if (old != null) {
          old.close();
        }
      }
      long id = peerIds.incrementAndGet();
      FaultSession session = faults.openSession(new ConnectionInfo(id, Transport.UDP, peer));
      // The receive thread answers every peer in turn, so all of them share its one codec.
      e = new Exchange(dispatcher, codec, new UdpRequestContext(id, local, peer), faults, session, counters,
          decodeLog);
      byAddress.put(peer, e);
      sessions.put(peer, session);
      return e;
    }

    FaultSession sessionOf(InetSocketAddress peer) {
      return Objects.requireNonNull(sessions.get(peer), "session");
    }

    void closeAll() {
      sessions.values().forEach(FaultSession::close);
      sessions.clear();
      byAddress.clear();
    }
  }

  /** Stops receiving; idempotent. Faulted answers still waiting for their delays are not sent. */
  @Override
  public void close() {
    DatagramChannel c;
    Thread t;
    synchronized (lifecycle) {
      running = false;
      c = channel;
      t = receiver;
    }
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      LOG.debug("Closing the Modbus UDP socket failed", e);
    }
    if (t != null) {
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** {@return the bound address (with the real port when 0 was asked for)} */
  public InetSocketAddress localAddress() {
    DatagramChannel c = channel;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    try {
      return (InetSocketAddress) c.getLocalAddress();
    } catch (IOException e) {
      throw new IllegalStateException("closed", e);
    }
  }

  /** {@return true between {@link #start()} and {@link #close()}} */
  public boolean isRunning() {
    return running;
  }

  /** {@return the fault pipeline (change it while running)} */
  public FaultPipeline faults() {
    return faults;
  }

  /** {@return the server's traffic log (PDUs, frames, raw datagrams), switchable while it runs} */
  public DecodeLog decodeLog() {
    return decodeLog;
  }

  /** {@return what the server has received and sent so far} */
  public UdpServerMetrics metrics() {
    return counters;
  }

  @Override
  public String toString() {
    return "ModbusUdpServer[" + bindAddress + "]";
  }

  /** Configures a {@link ModbusUdpServer}. Not thread-safe. */
  public static final class Builder {
    /** Peers remembered (each with its own fault session) by default. */
    public static final int DEFAULT_MAX_PEERS = 1024;

    private final ModbusDispatcher dispatcher;
    private InetSocketAddress bindAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private FaultPipeline faults = FaultPipeline.empty();
    private int maxPeers = DEFAULT_MAX_PEERS;
    private DecodeLevel decodeLevel = DecodeLevel.NOTHING;

    private Builder(ModbusDispatcher dispatcher) {
      this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /**
     * Listens on the loopback address at this port (0 = any free port). Default: loopback, any free port.
     *
     * @param port the UDP port (0 picks a free one)
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 0xFFFF) {
        throw new IllegalArgumentException("port " + port + " out of range 0..65535");
      }
      return bindAddress(new InetSocketAddress(bindAddress.getAddress(), port));
    }

    /**
     * Listens on this address; the wildcard address listens on every interface.
     *
     * @param address the address and port to bind
     * @return this builder
     */
    public Builder bindAddress(InetSocketAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * {@return the fault pipeline; default an empty one}
     *
     * @param pipeline the pipeline
     */
    public Builder faults(FaultPipeline pipeline) {
      this.faults = Objects.requireNonNull(pipeline, "pipeline");
      return this;
    }

    /**
     * Peers remembered at once, 1..65536, each with its own fault session; default {@value #DEFAULT_MAX_PEERS}.
     *
     * @param peers the peers
     * @return this builder
     */
    public Builder maxPeers(int peers) {
      if (peers < 1 || peers > 65_536) {
        throw new IllegalArgumentException("maxPeers " + peers + " out of range 1..65536");
      }
      this.maxPeers = peers;
      return this;
    }

    /**
     * What the server logs of its traffic to start with; default {@link DecodeLevel#NOTHING}.
     *
     * @param level the layers to log
     * @return this builder
     */
    public Builder decodeLevel(DecodeLevel level) {
      this.decodeLevel = Objects.requireNonNull(level, "level");
      return this;
    }

    /** {@return the server, not started} */
    public ModbusUdpServer build() {
      return new ModbusUdpServer(this);
    }
  }
}
