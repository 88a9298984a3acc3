package dev.modbustoolkit.gateway.internal;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusConnectionException;
import dev.modbustoolkit.client.ModbusProtocolException;
import dev.modbustoolkit.client.ModbusTimeoutException;
import dev.modbustoolkit.gateway.GatewayMetrics;
import dev.modbustoolkit.gateway.GatewayRoute;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.server.core.ForwardedRequest;
import dev.modbustoolkit.server.core.ForwardingException;
import dev.modbustoolkit.server.core.ForwardingHandler;
import dev.modbustoolkit.server.core.ForwardingMode;
import dev.modbustoolkit.server.core.UnknownUnitPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's forwarding handler: routes each upstream request by unit id to a downstream client, and turns
 * what happens there into the answer the spec means (Application Protocol V1.1b3 §7): the device's own answer or
 * exception unchanged, 0x0A when no route serves the unit or its link is down, 0x0B when the device did not answer,
 * 0x06 when the downstream queue is full (or a request could not be written within the forward timeout). Never blocks: every request is a future of the client's.
 */
public final class Forwarder implements ForwardingHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

  /** One downstream link. */
  public static final class Downstream {
    final String name;
    final ModbusClient client;
    final AtomicInteger pending = new AtomicInteger();
    final Map<Integer, UnitHealth> health = new ConcurrentHashMap<>();

    /**
     * A downstream link.
     *
     * @param name its name in routes
     * @param client its client
     */
    public Downstream(String name, ModbusClient client) {
      this.name = name;
      this.client = client;
    }
  }

  private final List<GatewayRoute> routes;
  private final @Nullable GatewayRoute defaultRoute;
  private final Map<String, Downstream> downstreams;
  private final int queueLimit;
  private final int quarantineAfter;
  private final long quarantineNanos;
  private final @Nullable ReadCache cache;
  private final ForwardingMode mode;
  private final long forwardTimeoutNanos;
  private final ForwardAnswer unroutedAnswer;
  private final LongAdder forwarded = new LongAdder();
  private final LongAdder answered = new LongAdder();
  private final LongAdder noRoute = new LongAdder();
  private final LongAdder linkDown = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder quarantined = new LongAdder();
  private final LongAdder busy = new LongAdder();
  private final LongAdder broadcasts = new LongAdder();
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder mergedReads = new LongAdder();

  /**
   * A forwarder.
   *
   * @param routes the routes, first match wins
   * @param defaultRoute the route of units no route names (its unit range is ignored: ids are kept), or null
   * @param downstreams the links by name
   * @param queueLimit requests in flight or queued per link before 0x06
   * @param quarantineAfter timeouts in a row that quarantine a device, 0 for never
   * @param quarantineNanos how long a quarantine lasts
   * @param cacheTtlNanos the read cache's time-to-live, 0 for no cache
   * @param mode validate requests first, or pass them through
   * @param forwardTimeoutNanos the dispatcher's bound on a forward: a request that timed out still queued in its
   *     link's client is sent again only while another attempt as long still ends within it
   * @param unrouted what a unit no route covers gets
   */
  public Forwarder(List<GatewayRoute> routes, @Nullable GatewayRoute defaultRoute, Map<String, Downstream> downstreams,
      int queueLimit, int quarantineAfter, long quarantineNanos, long cacheTtlNanos, ForwardingMode mode,
      long forwardTimeoutNanos, UnknownUnitPolicy unrouted) {
    this.routes = List.copyOf(routes);
    this.defaultRoute = defaultRoute;
    this.downstreams = Map.copyOf(downstreams);
    this.queueLimit = queueLimit;
    this.quarantineAfter = quarantineAfter;
    this.quarantineNanos = quarantineNanos;
    this.cache = cacheTtlNanos > 0 ? new ReadCache(cacheTtlNanos) : null;
    this.mode = mode;
    this.forwardTimeoutNanos = forwardTimeoutNanos;
    this.unroutedAnswer = switch (unrouted) {
      case NO_RESPONSE -> ForwardAnswer.none();
      case GATEWAY_PATH_UNAVAILABLE -> ForwardAnswer.exception(ExceptionCode.GATEWAY_PATH_UNAVAILABLE);
      case GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND ->
          ForwardAnswer.exception(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
    };
  }

  @Override
  public ForwardingMode forwardingMode() {
    return mode;
  }

  @Override
  public CompletionStage<ForwardAnswer> forward(ForwardedRequest request) {
    int unit = request.unitId();
    GatewayRoute route = routeOf(unit);
    byte[] pdu = request.pdu();
    if (route == null) {
      noRoute.increment();
      return CompletableFuture.completedFuture(unroutedAnswer);
    }
    Downstream link = downstreams.get(route.downstream());
    int target = route == defaultRoute ? unit : route.target(unit);
    // Unit 0 from a TCP master is a broadcast on the bus behind a gateway (Messaging on TCP/IP V1.0b §4.4.2.1).
    if (request.broadcast() || target == 0) {
      broadcasts.increment();
      if (cache != null) {
        cache.invalidate(link.name, 0);
      }
      CompletableFuture<Void> sent;
      try {
        sent = link.client.broadcastRaw(pdu);
      } catch (IllegalArgumentException e) {
        LOG.debug("broadcast to {} not sent: {}", link.name, e.getMessage()); // a read: the spec broadcasts writes
        return CompletableFuture.completedFuture(ForwardAnswer.none());
      }
      return sent.handle((ok, error) -> {
        if (error != null) {
          LOG.debug("broadcast to {} not sent: {}", link.name, error.toString());
        }
        return ForwardAnswer.none();
      });
    }
    UnitHealth health = link.health.computeIfAbsent(target, t -> new UnitHealth(quarantineAfter, quarantineNanos));
    long now = System.nanoTime();
    if (!health.admit(now)) {
      quarantined.increment();
      return CompletableFuture.completedFuture(
          ForwardAnswer.exception(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND));
    }
    if (cache != null && ReadCache.cacheable(pdu)) {
      byte[] hit = cache.get(link.name, target, pdu, now);
      if (hit != null) {
        cacheHits.increment();
        health.inconclusive();
        return CompletableFuture.completedFuture(ForwardAnswer.response(hit));
      }
    }
    if (link.pending.incrementAndGet() > queueLimit) {
      link.pending.decrementAndGet();
      health.inconclusive();
      busy.increment();
      return CompletableFuture.completedFuture(ForwardAnswer.exception(ExceptionCode.SERVER_DEVICE_BUSY));
    }
    CompletableFuture<byte[]> answer;
    if (cache != null && ReadCache.cacheable(pdu)) {
      ReadCache.Joined joined = cache.join(link.name, target, pdu, () -> send(link, target, pdu));
      if (joined.merged()) {
        mergedReads.increment();
      }
      answer = joined.future();
    } else {
      if (cache != null && ReadCache.isWrite(pdu)) {
        cache.invalidate(link.name, target);
      }
      answer = send(link, target, pdu);
    }
    return answer.handle((bytes, error) -> {
      link.pending.decrementAndGet();
      if (cache != null && ReadCache.isWrite(pdu)) {
        cache.invalidate(link.name, target);
      }
      if (error == null) {
        health.answered();
        answered.increment();
        return ForwardAnswer.response(bytes);
      }
      throw failure(link, target, health, error);
    });
  }

  private CompletableFuture<byte[]> send(Downstream link, int target, byte[] pdu) {
    forwarded.increment();
    return attempt(link, target, pdu, System.nanoTime());
  }

  /**
   * One attempt on the link. The client's deadline counts from the call, so on a bus one request at a time a
   * request queued behind a device that does not answer can time out before it was ever written: the device was
   * never asked (not its timeout, and safe to send again, even a write), so it is sent again while a further attempt
   * as long as this one still ends within the forward timeout, after which the dispatcher gives up on it anyway.
   */
  private CompletableFuture<byte[]> attempt(Downstream link, int target, byte[] pdu, long firstNanos) {
    long startNanos = System.nanoTime();
    CompletableFuture<byte[]> answer;
    try {
      answer = link.client.sendRaw(target, pdu);
    } catch (IllegalArgumentException e) {
      // A unit id the link cannot address (248..255 on a bus): there is no path to it.
      return CompletableFuture.failedFuture(new ModbusConnectionException(e.getMessage(), e));
    }
    return answer.exceptionallyCompose(error -> {
      long now = System.nanoTime();
      if (unwrap(error) instanceof ModbusTimeoutException t && !t.wasSent()
          && (now - firstNanos) + (now - startNanos) <= forwardTimeoutNanos) {
        LOG.debug("unit {} on {}: still queued after the client's timeout, queued again", target, link.name);
        return attempt(link, target, pdu, firstNanos);
      }
      return CompletableFuture.failedFuture(error);
    });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private ForwardingException failure(Downstream link, int target, UnitHealth health, Throwable error) {
    Throwable cause = unwrap(error);
    return switch (cause) {
      case ModbusTimeoutException t when !t.wasSent() -> {
        // never written: the link was busy past the forward timeout, which says nothing about the device
        busy.increment();
        health.inconclusive();
        yield new ForwardingException(ExceptionCode.SERVER_DEVICE_BUSY,
            "unit " + target + " on " + link.name + ": " + t.getMessage(), t);
      }
      case ModbusTimeoutException t -> {
        timeouts.increment();
        health.timedOut(System.nanoTime());
        yield new ForwardingException(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND,
            "unit " + target + " on " + link.name + ": " + t.getMessage(), t);
      }
      case ModbusProtocolException p -> {
        timeouts.increment();
        health.timedOut(System.nanoTime());
        yield new ForwardingException(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND,
            "unit " + target + " on " + link.name + " answered garbage: " + p.getMessage(), p);
      }
      case ModbusConnectionException c -> {
        linkDown.increment();
        health.inconclusive();
        yield new ForwardingException(ExceptionCode.GATEWAY_PATH_UNAVAILABLE,
            link.name + " is down: " + c.getMessage(), c);
      }
      default -> {
        health.inconclusive();
        yield new ForwardingException(ExceptionCode.SERVER_DEVICE_FAILURE,
            "forwarding to unit " + target + " on " + link.name + " failed: " + cause, cause);
      }
    };
  }

  private @Nullable GatewayRoute routeOf(int unit) {
    for (GatewayRoute r : routes) {
      if (r.units().contains(unit)) {
        return r;
      }
    }
    return defaultRoute;
  }

  /** {@return the counters} */
  public GatewayMetrics metrics() {
    return new GatewayMetrics(forwarded.sum(), answered.sum(), noRoute.sum(), linkDown.sum(), timeouts.sum(),
        quarantined.sum(), busy.sum(), broadcasts.sum(), cacheHits.sum(), mergedReads.sum());
  }

  /** {@return whether unit {@code target} of link {@code downstream} is quarantined now} */
  public boolean isQuarantined(String downstream, int target) {
    Downstream link = downstreams.get(downstream);
    UnitHealth h = link == null ? null : link.health.get(target);
    return h != null && h.isQuarantined();
  }
}
