package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.Collections;
import java.util.Map;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/*
 * Why this file is over 400 lines: the builder is nested (ModbusDispatcher.Builder is the public API since the first
 * release), and every public entry point (units, routes, byte-level, asynchronous and object-level dispatch) carries
 * the full contract in its Javadoc. The work itself lives in RouteTable, ByteDispatch, ForwardDispatch,
 * ObjectDispatch and Outcomes.
 */

/**
 * The transport-neutral heart of a Modbus server: takes a request PDU for a unit id, routes it to the
 * {@link ModbusRequestHandler} of that unit and returns the response PDU, or nothing when none is due. The TCP and
 * serial servers and a user's gateway all use it unchanged.
 *
 * <p><b>Routing.</b> Units 1..247 map to handlers, one by one or a {@link UnitRange} at a time; a catch-all
 * ({@link Builder#routeAll}) serves every unit id nobody else does, 248..255 included. On TCP, units 0 and 255
 * reach the server's own device ({@link Builder#serverDevice}, by default the catch-all, else the handler of unit
 * 1). On a serial line unit 0 is a broadcast: every
 * distinct handler executes the request (when {@link SerialRequestContext#broadcastAllowed()}), and nothing is
 * answered, not even an exception. Other unknown unit ids follow the {@link UnknownUnitPolicy}.
 *
 * <p><b>Checks.</b> In the order of the spec's state diagrams: function code (01) and quantity / value (03) are
 * checked by the PDU decoder, whose {@link ModbusDecodeException} becomes the exception response its violation
 * names; address (02) and execution (04) are the handler's. A handler that throws, or returns a response for
 * another function code, yields SERVER_DEVICE_FAILURE (04).
 *
 * <p><b>Diagnostics.</b> For a handler that returns {@link DiagnosticCounters}, the dispatcher counts bus and
 * server messages, exceptions and missing responses there, keeps its comm event log and enforces listen-only
 * mode. Transports report CRC errors and overruns through {@link #recordBusCommunicationError()} and
 * {@link #recordBusCharacterOverrun()}.
 *
 * <p><b>Fast path.</b> A handler that implements {@link RawPduHandler} is offered the request bytes first and may
 * answer them without a decoded request or response record; when it declines, the typed path runs. Counters,
 * metrics and listen-only mode are the same on both paths.
 *
 * <p><b>Forwarding.</b> A {@link ForwardingHandler} gets the raw PDU of every request routed to it and answers with
 * a future. A transport that can write an answer later (the TCP event loop) asks {@link UnitRoute#isAsync()} and
 * calls {@link #dispatchAsync}; the others call {@code dispatch}, which waits. Either way a future that does not
 * complete within the forward timeout ({@link Builder#forwardTimeout}) is answered 0x0B.
 *
 * <p><b>Route once.</b> A transport that must know whether a request may block before it runs it (an event loop)
 * resolves the {@link UnitRoute} once with {@link #route(RequestContext, int)}, asks {@link UnitRoute#mayBlock()}
 * and passes the route to {@link #dispatch(UnitRoute, RequestContext, ByteBuffer, ByteBuffer)}; routes are built in
 * advance, so this allocates nothing.
 *
 * <p>Thread-safe: any number of transports and connections may call {@code dispatch} concurrently, and units may be
 * added and removed while running.
 */
public final class ModbusDispatcher {
  /** Returned by {@link #dispatch(RequestContext, int, ByteBuffer, ByteBuffer)} when nothing must be sent. */
  public static final int NO_RESPONSE = -1;

  /** The default {@link Builder#forwardTimeout}, in seconds. */
  public static final long DEFAULT_FORWARD_TIMEOUT_SECONDS = 10;

  private static final Duration DEFAULT_FORWARD_TIMEOUT = Duration.ofSeconds(DEFAULT_FORWARD_TIMEOUT_SECONDS);

  private static final Logger LOG = LoggerFactory.getLogger(ModbusDispatcher.class);

  private static final int MIN_UNIT = 1;
  private static final int MAX_UNIT = 247;

  private final AtomicReferenceArray<@Nullable ModbusRequestHandler> units = new AtomicReferenceArray<>(256);
  private final @Nullable ModbusRequestHandler serverDevice;
  private final UnknownUnitPolicy unknownUnitPolicy;
  private final DispatcherMetrics metrics;
  private final LongSupplier nanoClock;
  private final ByteDispatch bytes;
  private final ObjectDispatch objects;
  private final ForwardDispatch forwards;
  private final @Nullable ModbusRequestHandler catchAll;
  private final @Nullable DispatchListener listener;
  private final Object topologyLock = new Object();
  // Derived from units and serverDevice on every change.
  private volatile RouteTable routes;

  private ModbusDispatcher(Builder builder) {
    this.serverDevice = builder.serverDevice;
    this.unknownUnitPolicy = builder.unknownUnitPolicy;
    this.metrics = builder.metrics != null ? builder.metrics : new DispatcherMetrics();
    this.nanoClock = builder.nanoClock;
    Outcomes outcomes = new Outcomes(metrics);
    this.bytes = new ByteDispatch(metrics, outcomes, unknownUnitPolicy);
    this.objects = new ObjectDispatch(metrics, outcomes, unknownUnitPolicy);
    this.forwards = new ForwardDispatch(metrics, outcomes, nanoClock, builder.forwardTimeout.toNanos());
    this.catchAll = builder.catchAll;
    this.listener = builder.listener;
    builder.units.forEach(units::set);
    this.routes = newRoutes();
  }

  /** {@return a builder with no units, the default unknown-unit policy (0x0B) and fresh metrics} */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Units and routes

  /**
   * Adds or replaces the handler of a unit while running.
   *
   * @param unitId the unit id (0..255)
   * @param handler the handler
   * @throws IllegalArgumentException when {@code unitId} is outside 1..247
   */
  public void addUnit(int unitId, ModbusRequestHandler handler) {
    checkUnitId(unitId);
    Objects.requireNonNull(handler, "handler");
    synchronized (topologyLock) {
      units.set(unitId, handler);
      routes = newRoutes();
    }
  }

  /**
   * Removes the handler of a unit; returns it, or null when the unit had none.
   *
   * @param unitId the unit id (0..255)
   * @return the {@code ModbusRequestHandler}
   */
  public @Nullable ModbusRequestHandler removeUnit(int unitId) {
    if (unitId < MIN_UNIT || unitId > MAX_UNIT) {
      return null;
    }
    synchronized (topologyLock) {
      ModbusRequestHandler removed = units.getAndSet(unitId, null);
      routes = newRoutes();
      return removed;
    }
  }

  private RouteTable newRoutes() {
    return new RouteTable(this, units, serverDevice, catchAll);
  }

  /**
   * {@return the unit ids (1..247) that have a handler of their own (a unit or a range; not the catch-all), sorted;
   * a snapshot}
   */
  public Set<Integer> units() {
    TreeSet<Integer> ids = new TreeSet<>();
    for (int id = MIN_UNIT; id <= MAX_UNIT; id++) {
      if (units.get(id) != null) {
        ids.add(id);
      }
    }
    return Collections.unmodifiableSet(ids);
  }

  /**
   * {@return the handler serving a unit (1..247): its own, else the catch-all; null when there is none}
   *
   * @param unitId the unit id (0..255)
   */
  public @Nullable ModbusRequestHandler handler(int unitId) {
    if (unitId < MIN_UNIT || unitId > MAX_UNIT) {
      return null;
    }
    ModbusRequestHandler own = units.get(unitId);
    return own != null ? own : catchAll;
  }

  /** {@return the handler of every unit id nobody else serves ({@link Builder#routeAll}), or null} */
  public @Nullable ModbusRequestHandler catchAll() {
    return catchAll;
  }

  /**
   * {@return where a request for {@code unitId} (0..255) arriving through {@code context} goes, resolved once: ask it
   * {@link UnitRoute#mayBlock()} and pass it to {@link #dispatch(UnitRoute, RequestContext, ByteBuffer,
   * ByteBuffer)}} Allocates nothing (routes are built when units change).
   *
   * @param context where the request came from
   * @param unitId the unit id (0..255)
   * @throws IllegalArgumentException when {@code unitId} is outside 0..255
   */
  public UnitRoute route(RequestContext context, int unitId) {
    checkWireUnitId(unitId);
    return routes.route(context.isSerial(), unitId);
  }

  /**
   * {@return whether a request for {@code unitId} (0..255) arriving through {@code context} may reach a handler that
   * blocks ({@link ModbusRequestHandler#mayBlock()}); a serial broadcast asks every unit} False for a unit without
   * a handler (the answer is the dispatcher's own). The same as {@code route(context, unitId).mayBlock()}.
   *
   * @param context where the request came from
   * @param unitId the unit id (0..255)
   */
  public boolean mayBlock(RequestContext context, int unitId) {
    return route(context, unitId).mayBlock();
  }

  /** {@return what requests for units without a handler get} */
  public UnknownUnitPolicy unknownUnitPolicy() {
    return unknownUnitPolicy;
  }

  /** {@return this dispatcher's metrics} */
  public DispatcherMetrics metrics() {
    return metrics;
  }

  private static void checkUnitId(int unitId) {
    if (unitId < MIN_UNIT || unitId > MAX_UNIT) {
      throw new IllegalArgumentException(
          "unit id " + unitId + " out of range 1..247 (0 and 255 reach the server device on TCP)");
    }
  }

  private static void checkWireUnitId(int unitId) {
    if (unitId < 0 || unitId > 0xFF) {
      throw new IllegalArgumentException("unit id " + unitId + " out of range 0..255");
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Transport reports

  /** A serial transport saw a frame with a CRC/LRC or framing error: counted by every device on the bus. */
  public void recordBusCommunicationError() {
    for (DiagnosticCounters c : routes.busCounters) {
      c.incrementBusCommunicationErrorCount();
    }
  }

  /** A serial transport lost characters to an overrun: counted by every device on the bus. */
  public void recordBusCharacterOverrun() {
    for (DiagnosticCounters c : routes.busCounters) {
      c.incrementBusCharacterOverrunCount();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Byte-level dispatch

  /**
   * Decodes the request PDU (all of {@code requestPdu.remaining()}), routes it by unit id, runs the handler and
   * encodes the answer into {@code responseOut} at its position. Returns the number of response PDU bytes written
   * (the position advances by as much), or {@link #NO_RESPONSE} when nothing must be sent: unknown unit with the
   * {@link UnknownUnitPolicy#NO_RESPONSE} policy, broadcast, listen-only mode, handler returned null, empty PDU.
   * Malformed PDUs become the exception response their violation maps to. Never throws for bad input; the
   * request buffer's position ends at its limit.
   *
   * @param unitId 0..255, as received
   * @param responseOut must have at least {@link ModbusLimits#MAX_PDU_LENGTH} (253) bytes remaining
   * @param context where the request came from
   * @param requestPdu the request pdu
   * @return the number of response PDU bytes written, or {@link #NO_RESPONSE}
   * @throws IllegalArgumentException when {@code unitId} is outside 0..255 or {@code responseOut} is too small
   */
  public int dispatch(RequestContext context, int unitId, ByteBuffer requestPdu, ByteBuffer responseOut) {
    Objects.requireNonNull(context, "context");
    return dispatch(route(context, unitId), context, requestPdu, responseOut);
  }

  /**
   * As {@link #dispatch(RequestContext, int, ByteBuffer, ByteBuffer)}, to a route already resolved by
   * {@link #route(RequestContext, int)} for a context of the same kind (TCP or serial).
   *
   * @param route the route
   * @param context where the request came from
   * @param requestPdu the request pdu
   * @param responseOut the response out
   * @return the number of response PDU bytes written, or {@link #NO_RESPONSE}
   * @throws IllegalArgumentException when the route is another dispatcher's or was resolved for the other kind of
   *     transport, or {@code responseOut} is too small
   */
  public int dispatch(UnitRoute route, RequestContext context, ByteBuffer requestPdu, ByteBuffer responseOut) {
    Objects.requireNonNull(context, "context");
    if (!route.belongsTo(this, context)) {
      throw new IllegalArgumentException(route + " was not resolved by this dispatcher for " + context);
    }
    if (responseOut.remaining() < ModbusLimits.MAX_PDU_LENGTH) {
      throw new IllegalArgumentException("responseOut has " + responseOut.remaining() + " bytes remaining, needs "
          + ModbusLimits.MAX_PDU_LENGTH);
    }
    DispatchListener l = listener;
    int functionCode = l == null || !requestPdu.hasRemaining() ? DispatchListener.NO_FUNCTION_CODE
        : requestPdu.get(requestPdu.position()) & 0xFF;
    int responseStart = responseOut.position();
    long start = nanoClock.getAsLong();
    int written;
    if (route instanceof UnitRoute.Forward forward) {
      // Waits for the handler's future (bounded by the forward timeout), which records its own latency.
      written = forwards.await(routes, forward, context, requestPdu, responseOut);
    } else {
      try {
        written = bytes.dispatch(routes, route, context, requestPdu, responseOut);
      } finally {
        metrics.recordLatency(nanoClock.getAsLong() - start);
      }
    }
    if (l != null) {
      tell(l, context, route.unitId(), functionCode, responseOut, responseStart, written,
          nanoClock.getAsLong() - start);
    }
    return written;
  }

  /**
   * Tells the {@linkplain Builder#listener(DispatchListener) listener}, if any, of a request a fault answered
   * without dispatching it ({@link DispatchListener#onFaultAnswered}). For transports: the toolkit's call it from
   * their one interpreter of fault plans; a listener's exception is logged, as for dispatches.
   *
   * @param context where the request came from
   * @param unitId the unit id as received, 0..255
   * @param functionCode the request's function code byte 0..255
   * @param exceptionCode the exception code the fault answered with, 0 for no answer
   * @param faultIds the faults that fired
   */
  public void faultAnswered(RequestContext context, int unitId, int functionCode, int exceptionCode,
      List<String> faultIds) {
    DispatchListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.onFaultAnswered(context, unitId, functionCode, exceptionCode, faultIds);
    } catch (RuntimeException e) {
      LOG.warn("dispatch listener {} failed", l, e);
    }
  }

  /**
   * Tells the {@linkplain Builder#listener(DispatchListener) listener}, if any, that faults changed the answer of a
   * request it was told of by {@link DispatchListener#onDispatch} ({@link DispatchListener#onAnswerFaulted}). For
   * transports, from their interpreter of fault plans, after the answer went to the link.
   *
   * @param context where the request came from
   * @param unitId the unit id as received, 0..255
   * @param functionCode the request's function code byte 0..255
   * @param faultIds the faults that fired
   * @param delivered false when the faults dropped the answer
   */
  public void answerFaulted(RequestContext context, int unitId, int functionCode, List<String> faultIds,
      boolean delivered) {
    DispatchListener l = listener;
    if (l == null) {
      return;
    }
    try {
      l.onAnswerFaulted(context, unitId, functionCode, faultIds, delivered);
    } catch (RuntimeException e) {
      LOG.warn("dispatch listener {} failed", l, e);
    }
  }

  private static void tell(DispatchListener l, RequestContext context, int unitId, int functionCode,
      ByteBuffer responseOut, int responseStart, int written, long nanos) {
    // An exception response is two bytes: the function code with bit 0x80 set, and the code.
    int exceptionCode = written == 2 && (responseOut.get(responseStart) & 0x80) != 0
        ? responseOut.get(responseStart + 1) & 0xFF : 0;
    try {
      l.onDispatch(context, unitId, functionCode, exceptionCode, written, nanos);
    } catch (RuntimeException e) {
      LOG.warn("dispatch listener {} failed", l, e);
    }
  }

  /**
   * Hands a request on an {@linkplain UnitRoute#isAsync() asynchronous} route to its {@link ForwardingHandler}
   * without waiting: the request PDU (all of {@code requestPdu.remaining()}, copied; the position ends at the limit)
   * is checked as the handler's {@link ForwardingMode} says and forwarded. The future always completes normally, at
   * the latest after the forward timeout, with the answer to send, already counted in the metrics: a {@link
   * ForwardAnswer.Response} (write its PDU), a {@link ForwardAnswer.Exceptional} (write the exception response for
   * the request's function code, e.g. with {@link dev.modbustoolkit.pdu.ExceptionResponse#writeException(int, int,
   * ByteBuffer)}) or {@link ForwardAnswer#none()} (send nothing). It may complete on any thread, or before this
   * method returns.
   *
   * @param route an asynchronous route resolved by {@link #route(RequestContext, int)}
   * @param context where the request came from
   * @param requestPdu the request PDU
   * @return the answer's future
   * @throws IllegalArgumentException when the route is another dispatcher's, was resolved for the other kind of
   *     transport, or is not {@linkplain UnitRoute#isAsync() asynchronous}
   */
  public CompletableFuture<ForwardAnswer> dispatchAsync(UnitRoute route, RequestContext context,
      ByteBuffer requestPdu) {
    Objects.requireNonNull(context, "context");
    if (!route.belongsTo(this, context)) {
      throw new IllegalArgumentException(route + " was not resolved by this dispatcher for " + context);
    }
    if (!(route instanceof UnitRoute.Forward forward)) {
      throw new IllegalArgumentException(route + " does not answer asynchronously: use dispatch");
    }
    return forwards.start(routes, forward, context, requestPdu);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Object-level dispatch

  /**
   * Routes a decoded request, for gateways and tests: the same routing, checks, diagnostics and metrics as the
   * byte-level {@code dispatch}, without the codec. Empty when no response is due.
   *
   * @param unitId 0..255, as received
   * @param context where the request came from
   * @param request the request
   * @return the {@code Optional}
   * @throws IllegalArgumentException when {@code unitId} is outside 0..255
   */
  public Optional<ModbusResponse> dispatch(RequestContext context, int unitId, ModbusRequest request) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(request, "request");
    UnitRoute route = route(context, unitId);
    if (route instanceof UnitRoute.Forward forward) {
      return forwards.decoded(routes, forward, context, request);
    }
    long start = nanoClock.getAsLong();
    try {
      return Optional.ofNullable(objects.dispatch(routes, route, context, request));
    } finally {
      metrics.recordLatency(nanoClock.getAsLong() - start);
    }
  }

  @Override
  public String toString() {
    return "ModbusDispatcher[units=" + units() + ", unknownUnitPolicy=" + unknownUnitPolicy + "]";
  }

  /** Builds a {@link ModbusDispatcher}. Not thread-safe. */
  public static final class Builder {
    private final Map<Integer, ModbusRequestHandler> units = new TreeMap<>();
    private @Nullable ModbusRequestHandler serverDevice;
    private UnknownUnitPolicy unknownUnitPolicy = UnknownUnitPolicy.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND;
    private @Nullable DispatcherMetrics metrics;
    private LongSupplier nanoClock = System::nanoTime;
    private @Nullable ModbusRequestHandler catchAll;
    private Duration forwardTimeout = DEFAULT_FORWARD_TIMEOUT;
    private @Nullable DispatchListener listener;

    private Builder() {}

    /**
     * Sets the listener told about every request dispatched at byte level ({@link #dispatch(UnitRoute,
     * RequestContext, ByteBuffer, ByteBuffer)}, which every transport uses); the object-level and asynchronous
     * entry points do not report to it. None by default, and then dispatching costs nothing extra.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(DispatchListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Serves every unit id of {@code range} with one handler (replacing earlier ones for those ids): the same as
     * {@link #unit} for each id, in one call.
     *
     * @param range unit ids within 1..247
     * @param handler the handler, e.g. a {@link ForwardingHandler}
     * @return this builder
     * @throws IllegalArgumentException when {@code range} reaches outside 1..247
     */
    public Builder route(UnitRange range, ModbusRequestHandler handler) {
      Objects.requireNonNull(range, "range");
      Objects.requireNonNull(handler, "handler");
      if (range.first() < MIN_UNIT || range.last() > MAX_UNIT) {
        throw new IllegalArgumentException(range + " reaches outside 1..247 (0 and 255 reach the server device on "
            + "TCP, routeAll serves every unit id)");
      }
      for (int id = range.first(); id <= range.last(); id++) {
        units.put(id, handler);
      }
      return this;
    }

    /**
     * Serves every unit id (0..255) that no {@link #unit} or {@link #route} serves with one handler, the catch-all: on
     * TCP also units 0 and 255 unless a {@link #serverDevice} is set, and 248..255; on a serial line the catch-all
     * joins the broadcast (unit 0). A {@link ForwardingHandler} catch-all is a gateway's "forward everything"; the
     * {@link UnknownUnitPolicy} then no longer applies.
     *
     * @param handler the handler
     * @return this builder
     */
    public Builder routeAll(ModbusRequestHandler handler) {
      this.catchAll = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * {@link #routeAll(ModbusRequestHandler)} for a forwarding handler, so that a lambda can be one: {@code
     * routeAll(request -> client.send(request))}.
     *
     * @param handler the forwarding handler
     * @return this builder
     */
    public Builder routeAll(ForwardingHandler handler) {
      return routeAll((ModbusRequestHandler) handler);
    }

    /**
     * {@link #route(UnitRange, ModbusRequestHandler)} for a forwarding handler, so that a lambda can be one.
     *
     * @param range unit ids within 1..247
     * @param handler the forwarding handler
     * @return this builder
     * @throws IllegalArgumentException when {@code range} reaches outside 1..247
     */
    public Builder route(UnitRange range, ForwardingHandler handler) {
      return route(range, (ModbusRequestHandler) handler);
    }

    /**
     * How long the dispatcher waits for a {@link ForwardingHandler}'s future before it answers
     * GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND (0x0B) in its place (a later completion is dropped); default {@value
     * #DEFAULT_FORWARD_TIMEOUT_SECONDS} s. A bound for handlers that forget to answer: a gateway's own timeout per
     * downstream request should be shorter, so that it answers 0x0B itself.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder forwardTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("forwardTimeout must be positive: " + timeout);
      }
      this.forwardTimeout = timeout;
      return this;
    }

    /**
     * Serves a unit id with a handler (replacing an earlier one for the same id).
     *
     * @param unitId the unit id (0..255)
     * @param handler the handler
     * @return this builder
     * @throws IllegalArgumentException when {@code unitId} is outside 1..247
     */
    public Builder unit(int unitId, ModbusRequestHandler handler) {
      checkUnitId(unitId);
      units.put(unitId, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /**
     * {@return the device units 0 and 255 reach on TCP; without one they reach the handler of unit 1, if any}
     *
     * @param handler the handler
     */
    public Builder serverDevice(ModbusRequestHandler handler) {
      this.serverDevice = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * {@return what requests for unknown units get; default exception 0x0B (gateway target device failed to respond)}
     *
     * @param policy the policy
     */
    public Builder unknownUnitPolicy(UnknownUnitPolicy policy) {
      this.unknownUnitPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * {@return the metrics to record into; default a new {@link DispatcherMetrics}}
     *
     * @param metrics the metrics
     */
    public Builder metrics(DispatcherMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** The clock of the latency metrics, in nanoseconds; tests replace {@link System#nanoTime()}. */
    Builder nanoClock(LongSupplier nanoClock) {
      this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
      return this;
    }

    /** {@return the dispatcher} */
    public ModbusDispatcher build() {
      return new ModbusDispatcher(this);
    }
  }
}
