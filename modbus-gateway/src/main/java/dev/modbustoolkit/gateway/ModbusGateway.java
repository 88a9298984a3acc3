package dev.modbustoolkit.gateway;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.gateway.internal.Forwarder;
import dev.modbustoolkit.server.core.ForwardingHandler;
import dev.modbustoolkit.server.core.ForwardingMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.UnitRange;
import dev.modbustoolkit.server.core.UnknownUnitPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Modbus gateway: requests from any listener of the toolkit (Modbus TCP, RTU or ASCII over TCP, UDP, a serial
 * line) forwarded to downstream {@link ModbusClient} links chosen by unit id. Build it, then put its {@link
 * #handler()} behind any server:
 *
 * <pre>{@code
 * ModbusClient bus = ModbusClient.rtuOverTcp("127.0.0.1", 5021).timeout(Duration.ofMillis(500)).build();
 * ModbusGateway gateway = ModbusGateway.builder().downstream("bus", bus).defaultRoute("bus").build();
 * ModbusTcpServer server = ModbusTcpServer.builder(gateway.dispatcher()).port(5020).build().start();
 * }</pre>
 *
 * <p>Answers as the spec means them: the device's answer or exception unchanged; 0x0A (gateway path unavailable)
 * when no route serves the unit or its link is down; 0x0B (target device failed to respond) when the device did not
 * answer within the downstream client's timeout, or answered garbage ({@link Builder#unroutedUnits} chooses what a
 * unit without a route gets: nothing, for a gateway that shares a serial line with other devices); 0x06 (busy) when the link's queue is full, or
 * a request could not be written to its link within the forward timeout (a request that timed out in the client's
 * queue, behind a silent device, never reached its own device: it is queued again, and not counted against it);
 * nothing for a broadcast, which is forwarded. A device that times out {@code quarantineAfter} times in a row is
 * answered 0x0B at once for {@code quarantineFor}, then probed with one request, so one dead device does not hold
 * the bus for everyone else. Requests from all upstream connections share each link's client queue in arrival order
 * (first come, first served); each upstream connection gets its answers in its own order (the server's part).
 */
public final class ModbusGateway implements AutoCloseable {
  private final Forwarder forwarder;
  private final Map<String, ModbusClient> clients;
  private final Duration forwardTimeout;

  private ModbusGateway(Builder b) {
    Map<String, Forwarder.Downstream> links = new LinkedHashMap<>();
    b.clients.forEach((name, client) -> links.put(name, new Forwarder.Downstream(name, client)));
    GatewayRoute defaultRoute = b.defaultDownstream == null
        ? null : GatewayRoute.of(UnitRange.SERIAL_UNITS, b.defaultDownstream);
    this.forwarder = new Forwarder(b.routes, defaultRoute, links, b.queueLimit, b.quarantineAfter,
        b.quarantineFor.toNanos(), b.cacheTtl.toNanos(), b.passThrough ? ForwardingMode.PASS_THROUGH
            : ForwardingMode.VALIDATE, b.forwardTimeout.toNanos(), b.unrouted);
    this.clients = Map.copyOf(b.clients);
    this.forwardTimeout = b.forwardTimeout;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the forwarding handler, to route units to in a dispatcher of one's own} */
  public ForwardingHandler handler() {
    return forwarder;
  }

  /**
   * {@return a dispatcher that sends every unit to this gateway} Its forward timeout (the bound on a future that never
   * completes) is {@link Builder#forwardTimeout}; the downstream clients' own timeouts answer 0x0B before it.
   */
  public ModbusDispatcher dispatcher() {
    return ModbusDispatcher.builder().routeAll(forwarder).forwardTimeout(forwardTimeout).build();
  }

  /** {@return the counters} */
  public GatewayMetrics metrics() {
    return forwarder.metrics();
  }

  /**
   * {@return whether the device {@code unitId} behind link {@code downstream} is quarantined now}
   *
   * @param downstream the link's name
   * @param unitId the device's unit id on that link
   */
  public boolean isQuarantined(String downstream, int unitId) {
    return forwarder.isQuarantined(downstream, unitId);
  }

  /** {@return the downstream clients by name} */
  public Map<String, ModbusClient> downstreams() {
    return clients;
  }

  /** Closes every downstream client (the servers in front are the caller's). */
  @Override
  public void close() {
    clients.values().forEach(ModbusClient::close);
  }

  /** Builds a {@link ModbusGateway}. */
  public static final class Builder {
    private final Map<String, ModbusClient> clients = new LinkedHashMap<>();
    private final List<GatewayRoute> routes = new ArrayList<>();
    private @Nullable String defaultDownstream;
    private int queueLimit = 64;
    private int quarantineAfter = 3;
    private Duration quarantineFor = Duration.ofSeconds(10);
    private Duration cacheTtl = Duration.ZERO;
    private boolean passThrough;
    private Duration forwardTimeout = Duration.ofSeconds(10);
    private UnknownUnitPolicy unrouted = UnknownUnitPolicy.GATEWAY_PATH_UNAVAILABLE;

    private Builder() {}

    /**
     * Adds a downstream link.
     *
     * @param name its name in routes
     * @param client its client; the gateway closes it
     * @return this builder
     * @throws IllegalArgumentException when the name is taken
     */
    public Builder downstream(String name, ModbusClient client) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(client, "client");
      if (clients.putIfAbsent(name, client) != null) {
        throw new IllegalArgumentException("downstream '" + name + "' is defined twice");
      }
      return this;
    }

    /**
     * Adds a route (the first that contains a unit wins).
     *
     * @param route the route
     * @return this builder
     */
    public Builder route(GatewayRoute route) {
      routes.add(Objects.requireNonNull(route, "route"));
      return this;
    }

    /**
     * Sends units no route names to {@code downstream}, with their ids kept.
     *
     * @param downstream the link's name
     * @return this builder
     */
    public Builder defaultRoute(String downstream) {
      this.defaultDownstream = Objects.requireNonNull(downstream, "downstream");
      return this;
    }

    /**
     * Sets how many requests may be queued or in flight per link before the gateway answers 0x06; default 64.
     *
     * @param limit 1 or more
     * @return this builder
     */
    public Builder queueLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("queue limit " + limit + " is not 1 or more");
      }
      this.queueLimit = limit;
      return this;
    }

    /**
     * Sets when a silent device is quarantined; default 3 timeouts in a row, for 10 s.
     *
     * @param timeoutsInARow timeouts in a row, 0 to never quarantine
     * @param duration how long requests for it are answered 0x0B at once
     * @return this builder
     */
    public Builder quarantine(int timeoutsInARow, Duration duration) {
      if (timeoutsInARow < 0) {
        throw new IllegalArgumentException("timeouts in a row " + timeoutsInARow + " is negative");
      }
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("quarantine duration " + duration + " is negative");
      }
      this.quarantineAfter = timeoutsInARow;
      this.quarantineFor = duration;
      return this;
    }

    /**
     * Turns on the read cache: answers to FC 01-04 kept for {@code ttl}, identical reads in flight merged, a unit's
     * entries dropped by any write to it through the gateway. Off by default.
     *
     * @param ttl the time-to-live, zero for off
     * @return this builder
     */
    public Builder readCache(Duration ttl) {
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("cache ttl " + ttl + " is negative");
      }
      this.cacheTtl = ttl;
      return this;
    }

    /**
     * Forwards requests the toolkit's decoder would reject too, for devices that break the spec; off by default.
     *
     * @param on whether to pass requests through unchecked
     * @return this builder
     */
    public Builder passThrough(boolean on) {
      this.passThrough = on;
      return this;
    }

    /**
     * Sets what a request for a unit that no route (and no default route) covers gets; default exception 0x0A
     * (gateway path unavailable), which tells a TCP master at once. {@link UnknownUnitPolicy#NO_RESPONSE} is for a
     * gateway on a serial line shared with other devices: their units are theirs to answer.
     *
     * @param policy the answer
     * @return this builder
     */
    public Builder unroutedUnits(UnknownUnitPolicy policy) {
      this.unrouted = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets the dispatcher's bound on a forward that never completes ({@link #dispatcher()}); default 10 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder forwardTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("forward timeout " + timeout + " is not positive");
      }
      this.forwardTimeout = timeout;
      return this;
    }

    /**
     * {@return the gateway}
     *
     * @throws IllegalArgumentException when a route names a link that was not added, or there are no links
     */
    public ModbusGateway build() {
      if (clients.isEmpty()) {
        throw new IllegalArgumentException("a gateway needs at least one downstream link");
      }
      for (int i = 0; i < routes.size(); i++) {
        if (!clients.containsKey(routes.get(i).downstream())) {
          throw new IllegalArgumentException("routes[" + i + "] goes to '" + routes.get(i).downstream()
              + "', which is not a downstream link (there are " + clients.keySet() + ")");
        }
      }
      if (defaultDownstream != null && !clients.containsKey(defaultDownstream)) {
        throw new IllegalArgumentException("the default route goes to '" + defaultDownstream
            + "', which is not a downstream link (there are " + clients.keySet() + ")");
      }
      return new ModbusGateway(this);
    }
  }
}
