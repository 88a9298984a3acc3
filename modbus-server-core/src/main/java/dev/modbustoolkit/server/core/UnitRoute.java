package dev.modbustoolkit.server.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a request for one unit id, arriving through one kind of transport, goes: resolved once by
 * {@link ModbusDispatcher#route(RequestContext, int)}, then asked {@link #mayBlock()} and handed to
 * {@link ModbusDispatcher#dispatch(UnitRoute, RequestContext, java.nio.ByteBuffer, java.nio.ByteBuffer)}, so a
 * transport that must know whether a handler blocks before running it routes each request once.
 *
 * <p>A route to a {@link ForwardingHandler} {@linkplain #isAsync() answers asynchronously}: a transport that can
 * write an answer later (an event loop) hands it to {@link ModbusDispatcher#dispatchAsync}; one that serves a request
 * at a time may call {@code dispatch}, which waits for the answer (so such a route {@linkplain #mayBlock() may
 * block}).
 *
 * <p>Routes are built in advance, one per unit id and transport kind, whenever units are added or removed, so
 * resolving one allocates nothing. A route is a snapshot: one taken before a unit was replaced still reaches the
 * old handler, as a request that arrived before the change would.
 */
public abstract sealed class UnitRoute permits UnitRoute.ToHandler, UnitRoute.Forward, UnitRoute.Broadcast,
    UnitRoute.UnknownUnit {
  private final ModbusDispatcher owner;
  private final boolean serial;
  private final int unitId;
  private final boolean mayBlock;

  private UnitRoute(ModbusDispatcher owner, boolean serial, int unitId, boolean mayBlock) {
    this.owner = owner;
    this.serial = serial;
    this.unitId = unitId;
    this.mayBlock = mayBlock;
  }

  /** {@return the unit id as received, 0..255} */
  public final int unitId() {
    return unitId;
  }

  /**
   * {@return whether the request may reach a handler that blocks ({@link ModbusRequestHandler#mayBlock()}): for a
   * serial broadcast, whether any unit's may; false for a unit without a handler (the answer is the dispatcher's
   * own)}
   */
  public final boolean mayBlock() {
    return mayBlock;
  }

  /**
   * {@return whether no handler serves the unit (the dispatcher answers by its {@link UnknownUnitPolicy}): on a bus,
   * such a request is another device's}
   */
  public final boolean isUnknownUnit() {
    return this instanceof UnknownUnit;
  }

  /**
   * {@return whether the route's handler answers asynchronously (a {@link ForwardingHandler}): hand the request to
   * {@link ModbusDispatcher#dispatchAsync} to get its answer without blocking}
   */
  public final boolean isAsync() {
    return this instanceof Forward;
  }

  /** {@return whether this is a serial line's broadcast (unit 0): executed by every unit, never answered} */
  public final boolean isBroadcast() {
    return this instanceof Broadcast;
  }

  final boolean belongsTo(ModbusDispatcher dispatcher, RequestContext context) {
    return owner == dispatcher && serial == context.isSerial();
  }

  /** A unit with a handler (on TCP, units 0 and 255 reach the server device this way). */
  static final class ToHandler extends UnitRoute {
    final ModbusRequestHandler handler;
    /** The handler's fast path, or null when it has none: the instanceof test done once, not per request. */
    final @Nullable RawPduHandler raw;

    ToHandler(ModbusDispatcher owner, boolean serial, int unitId, ModbusRequestHandler handler) {
      super(owner, serial, unitId, handler.mayBlock());
      this.handler = handler;
      this.raw = handler instanceof RawPduHandler r ? r : null;
    }

    @Override
    public String toString() {
      return "UnitRoute[unit " + unitId() + " -> " + handler + "]";
    }
  }

  /**
   * A unit served by a {@link ForwardingHandler}: the raw PDU goes to it, the answer comes as a future. May block
   * only for a caller that waits for the answer ({@code dispatch}); {@code dispatchAsync} does not.
   */
  static final class Forward extends UnitRoute {
    final ForwardingHandler handler;
    final ForwardingMode mode;

    Forward(ModbusDispatcher owner, boolean serial, int unitId, ForwardingHandler handler) {
      super(owner, serial, unitId, true);
      this.handler = handler;
      this.mode = java.util.Objects.requireNonNull(handler.forwardingMode(), "forwardingMode");
    }

    /** Unit 0 reaching a forwarding handler on a network transport: a broadcast downstream. */
    boolean broadcast() {
      return unitId() == 0;
    }

    @Override
    public String toString() {
      return "UnitRoute[unit " + unitId() + " -> forward to " + handler + " (" + mode + ")]";
    }
  }

  /**
   * Unit 0 on a serial line: every distinct handler executes the request, every forwarding handler is handed it
   * (without waiting for its future), nobody answers.
   */
  static final class Broadcast extends UnitRoute {
    final ModbusRequestHandler[] targets;
    final ForwardingHandler[] forwarders;

    Broadcast(ModbusDispatcher owner, List<ModbusRequestHandler> handlers) {
      super(owner, true, 0, handlers.stream().anyMatch(h -> !(h instanceof ForwardingHandler) && h.mayBlock()));
      this.targets = handlers.stream().filter(h -> !(h instanceof ForwardingHandler))
          .toArray(ModbusRequestHandler[]::new);
      this.forwarders = handlers.stream().filter(h -> h instanceof ForwardingHandler)
          .map(h -> (ForwardingHandler) h).toArray(ForwardingHandler[]::new);
    }

    @Override
    public String toString() {
      return "UnitRoute[broadcast to " + targets.length + " handlers and " + forwarders.length + " forwarders]";
    }
  }

  /** A unit id without a handler: the {@link UnknownUnitPolicy} answers. */
  static final class UnknownUnit extends UnitRoute {
    UnknownUnit(ModbusDispatcher owner, boolean serial, int unitId) {
      super(owner, serial, unitId, false);
    }

    @Override
    public String toString() {
      return "UnitRoute[unit " + unitId() + ": no handler]";
    }
  }
}
