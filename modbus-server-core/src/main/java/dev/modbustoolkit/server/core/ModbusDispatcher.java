package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceResponse;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.ModbusDecodeException;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import dev.modbustoolkit.pdu.ReadDiscreteInputsRequest;
import dev.modbustoolkit.pdu.ReadExceptionStatusRequest;
import dev.modbustoolkit.pdu.ReadFifoQueueRequest;
import dev.modbustoolkit.pdu.ReadFileRecordRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.ReportServerIdRequest;
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.pdu.WriteMultipleCoilsRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteSingleCoilRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-neutral heart of a Modbus server: takes a request PDU for a unit id, routes it to the
 * {@link ModbusRequestHandler} of that unit and returns the response PDU, or nothing when none is due. The TCP and
 * serial servers and a user's gateway all use it unchanged.
 *
 * <p><b>Routing.</b> Units 1..247 map to handlers. On TCP, units 0 and 255 reach the server's own device
 * ({@link Builder#serverDevice}, by default the handler of unit 1). On a serial line unit 0 is a broadcast: every
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
 * <p>Thread-safe: any number of transports and connections may call {@code dispatch} concurrently, and units may be
 * added and removed while running.
 */
public final class ModbusDispatcher {
  /** Returned by {@link #dispatch(RequestContext, int, ByteBuffer, ByteBuffer)} when nothing must be sent. */
  public static final int NO_RESPONSE = -1;

  private static final Logger LOG = LoggerFactory.getLogger(ModbusDispatcher.class);

  /** Outcome code of a normal response, for metrics and diagnostics (exception codes are 1..255). */
  private static final int NORMAL = 0;

  private static final int MIN_UNIT = 1;
  private static final int MAX_UNIT = 247;

  private final AtomicReferenceArray<@Nullable ModbusRequestHandler> units = new AtomicReferenceArray<>(256);
  private final @Nullable ModbusRequestHandler serverDevice;
  private final UnknownUnitPolicy unknownUnitPolicy;
  private final DispatcherMetrics metrics;
  private final Object topologyLock = new Object();
  // Derived from units and serverDevice on every change: what a broadcast reaches and whose counters see the bus.
  private volatile ModbusRequestHandler[] broadcastTargets = new ModbusRequestHandler[0];
  private volatile DiagnosticCounters[] busCounters = new DiagnosticCounters[0];

  private ModbusDispatcher(Builder builder) {
    this.serverDevice = builder.serverDevice;
    this.unknownUnitPolicy = builder.unknownUnitPolicy;
    this.metrics = builder.metrics != null ? builder.metrics : new DispatcherMetrics();
    builder.units.forEach(units::set);
    refreshTopology();
  }

  /** A builder with no units, the default unknown-unit policy (0x0B) and fresh metrics. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Units

  /**
   * Adds or replaces the handler of a unit while running.
   *
   * @throws IllegalArgumentException when {@code unitId} is outside 1..247
   */
  public void addUnit(int unitId, ModbusRequestHandler handler) {
    checkUnitId(unitId);
    Objects.requireNonNull(handler, "handler");
    synchronized (topologyLock) {
      units.set(unitId, handler);
      refreshTopology();
    }
  }

  /** Removes the handler of a unit; returns it, or null when the unit had none. */
  public @Nullable ModbusRequestHandler removeUnit(int unitId) {
    if (unitId < MIN_UNIT || unitId > MAX_UNIT) {
      return null;
    }
    synchronized (topologyLock) {
      ModbusRequestHandler removed = units.getAndSet(unitId, null);
      refreshTopology();
      return removed;
    }
  }

  /** The unit ids (1..247) that have a handler, sorted; a snapshot. */
  public Set<Integer> units() {
    TreeSet<Integer> ids = new TreeSet<>();
    for (int id = MIN_UNIT; id <= MAX_UNIT; id++) {
      if (units.get(id) != null) {
        ids.add(id);
      }
    }
    return Collections.unmodifiableSet(ids);
  }

  /** The handler of a unit (1..247), or null. */
  public @Nullable ModbusRequestHandler handler(int unitId) {
    return unitId < MIN_UNIT || unitId > MAX_UNIT ? null : units.get(unitId);
  }

  /**
   * Whether a request for {@code unitId} (0..255) arriving through {@code context} may reach a handler that blocks
   * ({@link ModbusRequestHandler#mayBlock()}); a serial broadcast asks every unit. False for a unit without a
   * handler (the answer is the dispatcher's own).
   */
  public boolean mayBlock(RequestContext context, int unitId) {
    checkWireUnitId(unitId);
    if (context.isSerial() && unitId == 0) {
      for (ModbusRequestHandler h : broadcastTargets) {
        if (h.mayBlock()) {
          return true;
        }
      }
      return false;
    }
    ModbusRequestHandler h = handlerFor(context, unitId);
    return h != null && h.mayBlock();
  }

  /** What requests for units without a handler get. */
  public UnknownUnitPolicy unknownUnitPolicy() {
    return unknownUnitPolicy;
  }

  /** This dispatcher's metrics. */
  public DispatcherMetrics metrics() {
    return metrics;
  }

  private static void checkUnitId(int unitId) {
    if (unitId < MIN_UNIT || unitId > MAX_UNIT) {
      throw new IllegalArgumentException(
          "unit id " + unitId + " out of range 1..247 (0 and 255 reach the server device on TCP)");
    }
  }

  private void refreshTopology() {
    Map<ModbusRequestHandler, Boolean> handlers = new IdentityHashMap<>();
    List<ModbusRequestHandler> targets = new ArrayList<>();
    for (int id = MIN_UNIT; id <= MAX_UNIT; id++) {
      ModbusRequestHandler h = units.get(id);
      if (h != null && handlers.put(h, Boolean.TRUE) == null) {
        targets.add(h);
      }
    }
    Map<DiagnosticCounters, Boolean> counters = new IdentityHashMap<>();
    List<DiagnosticCounters> bus = new ArrayList<>();
    List<ModbusRequestHandler> all = new ArrayList<>(targets);
    if (serverDevice != null) {
      all.add(serverDevice);
    }
    for (ModbusRequestHandler h : all) {
      DiagnosticCounters c = h.diagnosticCounters();
      if (c != null && counters.put(c, Boolean.TRUE) == null) {
        bus.add(c);
      }
    }
    broadcastTargets = targets.toArray(new ModbusRequestHandler[0]);
    busCounters = bus.toArray(new DiagnosticCounters[0]);
  }

  private @Nullable ModbusRequestHandler handlerFor(RequestContext context, int unitId) {
    if (!context.isSerial() && (unitId == 0 || unitId == 0xFF)) {
      return serverDevice != null ? serverDevice : units.get(1);
    }
    return units.get(unitId);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Transport reports

  /** A serial transport saw a frame with a CRC/LRC or framing error: counted by every device on the bus. */
  public void recordBusCommunicationError() {
    for (DiagnosticCounters c : busCounters) {
      c.incrementBusCommunicationErrorCount();
    }
  }

  /** A serial transport lost characters to an overrun: counted by every device on the bus. */
  public void recordBusCharacterOverrun() {
    for (DiagnosticCounters c : busCounters) {
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
   * @throws IllegalArgumentException when {@code unitId} is outside 0..255 or {@code responseOut} is too small
   */
  public int dispatch(RequestContext context, int unitId, ByteBuffer requestPdu, ByteBuffer responseOut) {
    Objects.requireNonNull(context, "context");
    checkWireUnitId(unitId);
    if (responseOut.remaining() < ModbusLimits.MAX_PDU_LENGTH) {
      throw new IllegalArgumentException("responseOut has " + responseOut.remaining() + " bytes remaining, needs "
          + ModbusLimits.MAX_PDU_LENGTH);
    }
    long start = System.nanoTime();
    try {
      return dispatchBytes(context, unitId, requestPdu, responseOut);
    } finally {
      metrics.recordLatency(System.nanoTime() - start);
    }
  }

  private int dispatchBytes(RequestContext context, int unitId, ByteBuffer pdu, ByteBuffer out) {
    countBusMessage();
    if (!pdu.hasRemaining()) {
      metrics.recordEmptyRequest();
      metrics.recordMalformed();
      return notSent(NoResponseReason.MALFORMED);
    }
    int functionCode = Byte.toUnsignedInt(pdu.get(pdu.position()));
    metrics.recordRequest(functionCode);
    if (context.isSerial() && unitId == 0) {
      @Nullable ModbusRequest request = decodeOrNull(pdu);
      broadcast(context, request, functionCode);
      return notSent(NoResponseReason.BROADCAST);
    }
    ModbusRequestHandler handler = handlerFor(context, unitId);
    if (handler == null) {
      pdu.position(pdu.limit());
      return unknownUnit(functionCode, out);
    }
    DiagnosticCounters counters = handler.diagnosticCounters();
    long token = counters == null ? 0 : counters.messageReceived(false);
    if (handler instanceof RegisterDevice device && (counters == null || !counters.isListenOnly())) {
      // Well-formed register reads and writes skip the decoder (and its allocations) altogether.
      int written = serveBytes(device, pdu, out);
      if (written != RegisterDevice.NOT_DIRECT) {
        pdu.position(pdu.limit());
        if (written >= 0) {
          return sent(counters, token, functionCode, NORMAL, written);
        }
        return sendException(counters, token, functionCode, -written, out);
      }
    }
    ModbusRequest request;
    try {
      request = ModbusPduCodec.decodeRequest(pdu);
    } catch (ModbusDecodeException e) {
      metrics.recordMalformed();
      pdu.position(pdu.limit());
      if (counters != null && counters.isListenOnly()) {
        return noResponse(counters, token, false, functionCode, NoResponseReason.LISTEN_ONLY);
      }
      return decodeFailure(counters, token, functionCode, e.exceptionCode().code(), out);
    }
    if (counters != null && counters.isListenOnly() && !isRestart(request)) {
      return noResponse(counters, token, false, functionCode, NoResponseReason.LISTEN_ONLY);
    }
    if (handler instanceof RegisterDevice device) {
      int written = serveDirect(device, request, out);
      if (written != RegisterDevice.NOT_DIRECT) {
        if (written >= 0) {
          return sent(counters, token, functionCode, NORMAL, written);
        }
        return sendException(counters, token, functionCode, -written, out);
      }
    }
    ModbusResponse response = invoke(handler, context, unitId, request);
    if (response == null) {
      return noResponse(counters, token, true, functionCode, NoResponseReason.HANDLER_DECLINED);
    }
    return encode(counters, token, request, response, out);
  }

  private int serveDirect(RegisterDevice device, ModbusRequest request, ByteBuffer out) {
    int position = out.position();
    try {
      return device.serveDirect(request, out);
    } catch (RuntimeException e) {
      out.position(position);
      LOG.warn("RegisterDevice failed on {}: answering SERVER_DEVICE_FAILURE", request, e);
      return -ExceptionCode.SERVER_DEVICE_FAILURE.code();
    }
  }

  private int serveBytes(RegisterDevice device, ByteBuffer pdu, ByteBuffer out) {
    int position = out.position();
    int functionCode = Byte.toUnsignedInt(pdu.get(pdu.position()));
    try {
      return device.serveBytes(pdu, out);
    } catch (RuntimeException e) {
      out.position(position);
      LOG.warn("RegisterDevice failed on a request with function code {}: answering SERVER_DEVICE_FAILURE",
          functionCode, e);
      return -ExceptionCode.SERVER_DEVICE_FAILURE.code();
    }
  }

  private @Nullable ModbusRequest decodeOrNull(ByteBuffer pdu) {
    try {
      return ModbusPduCodec.decodeRequest(pdu);
    } catch (ModbusDecodeException e) {
      metrics.recordMalformed();
      pdu.position(pdu.limit());
      return null;
    }
  }

  private int decodeFailure(
      @Nullable DiagnosticCounters counters, long token, int functionCode, int exceptionCode, ByteBuffer out) {
    if ((functionCode & 0x7F) == 0) {
      // Function code 0x00 or 0x80: an exception response cannot name it.
      return noResponse(counters, token, false, functionCode, NoResponseReason.MALFORMED);
    }
    return sendException(counters, token, functionCode, exceptionCode, out);
  }

  private int unknownUnit(int functionCode, ByteBuffer out) {
    ExceptionCode code = switch (unknownUnitPolicy) {
      case NO_RESPONSE -> null;
      case GATEWAY_PATH_UNAVAILABLE -> ExceptionCode.GATEWAY_PATH_UNAVAILABLE;
      case GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND -> ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND;
    };
    if (code == null) {
      return notSent(NoResponseReason.UNKNOWN_UNIT);
    }
    if ((functionCode & 0x7F) == 0) {
      return notSent(NoResponseReason.MALFORMED);
    }
    metrics.recordException(code.code());
    return writeException(functionCode, code.code(), out);
  }

  private int encode(
      @Nullable DiagnosticCounters counters, long token, ModbusRequest request, ModbusResponse response,
      ByteBuffer out) {
    int functionCode = request.functionCode();
    int position = out.position();
    int written;
    try {
      written = ModbusPduCodec.encode(response, out);
    } catch (RuntimeException e) {
      out.position(position);
      LOG.warn("Cannot encode {} answering {}: answering SERVER_DEVICE_FAILURE", response, request, e);
      return sendException(counters, token, functionCode, ExceptionCode.SERVER_DEVICE_FAILURE.code(), out);
    }
    int outcome = response instanceof ExceptionResponse e ? e.exceptionCode() : NORMAL;
    if (outcome != NORMAL) {
      metrics.recordException(outcome);
    }
    return sent(counters, token, functionCode, outcome, written);
  }

  private int sendException(
      @Nullable DiagnosticCounters counters, long token, int functionCode, int exceptionCode, ByteBuffer out) {
    metrics.recordException(exceptionCode);
    int written = writeException(functionCode, exceptionCode, out);
    return sent(counters, token, functionCode, exceptionCode, written);
  }

  private static int writeException(int functionCode, int exceptionCode, ByteBuffer out) {
    out.put((byte) ((functionCode & 0x7F) | ModbusLimits.EXCEPTION_OFFSET));
    out.put((byte) exceptionCode);
    return 2;
  }

  private static int sent(
      @Nullable DiagnosticCounters counters, long token, int functionCode, int outcome, int written) {
    if (counters != null) {
      counters.responseSent(token, outcome, countsAsEvent(functionCode));
    }
    return written;
  }

  private int noResponse(
      @Nullable DiagnosticCounters counters, long token, boolean completed, int functionCode,
      NoResponseReason reason) {
    if (counters != null) {
      counters.completedWithoutResponse(token, completed, countsAsEvent(functionCode));
    }
    return notSent(reason);
  }

  private int notSent(NoResponseReason reason) {
    metrics.recordNotSent(reason);
    return NO_RESPONSE;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Object-level dispatch

  /**
   * Routes a decoded request, for gateways and tests: the same routing, checks, diagnostics and metrics as the
   * byte-level {@code dispatch}, without the codec. Empty when no response is due.
   *
   * @param unitId 0..255, as received
   * @throws IllegalArgumentException when {@code unitId} is outside 0..255
   */
  public Optional<ModbusResponse> dispatch(RequestContext context, int unitId, ModbusRequest request) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(request, "request");
    checkWireUnitId(unitId);
    long start = System.nanoTime();
    try {
      return Optional.ofNullable(dispatchObject(context, unitId, request));
    } finally {
      metrics.recordLatency(System.nanoTime() - start);
    }
  }

  private @Nullable ModbusResponse dispatchObject(RequestContext context, int unitId, ModbusRequest request) {
    countBusMessage();
    int functionCode = request.functionCode();
    metrics.recordRequest(functionCode);
    if (context.isSerial() && unitId == 0) {
      broadcast(context, request, functionCode);
      notSent(NoResponseReason.BROADCAST);
      return null;
    }
    ModbusRequestHandler handler = handlerFor(context, unitId);
    if (handler == null) {
      return switch (unknownUnitPolicy) {
        case NO_RESPONSE -> {
          notSent(NoResponseReason.UNKNOWN_UNIT);
          yield null;
        }
        case GATEWAY_PATH_UNAVAILABLE -> gatewayException(functionCode, ExceptionCode.GATEWAY_PATH_UNAVAILABLE);
        case GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND ->
            gatewayException(functionCode, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
      };
    }
    DiagnosticCounters counters = handler.diagnosticCounters();
    long token = counters == null ? 0 : counters.messageReceived(false);
    if (counters != null && counters.isListenOnly() && !isRestart(request)) {
      noResponse(counters, token, false, functionCode, NoResponseReason.LISTEN_ONLY);
      return null;
    }
    ModbusResponse response = invoke(handler, context, unitId, request);
    if (response == null) {
      noResponse(counters, token, true, functionCode, NoResponseReason.HANDLER_DECLINED);
      return null;
    }
    int outcome = response instanceof ExceptionResponse e ? e.exceptionCode() : NORMAL;
    if (outcome != NORMAL) {
      metrics.recordException(outcome);
    }
    sent(counters, token, functionCode, outcome, 0);
    return response;
  }

  private ModbusResponse gatewayException(int functionCode, ExceptionCode code) {
    metrics.recordException(code.code());
    return new ExceptionResponse(functionCode, code);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Shared

  private static void checkWireUnitId(int unitId) {
    if (unitId < 0 || unitId > 0xFF) {
      throw new IllegalArgumentException("unit id " + unitId + " out of range 0..255");
    }
  }

  private void countBusMessage() {
    for (DiagnosticCounters c : busCounters) {
      c.incrementBusMessageCount();
    }
  }

  private void broadcast(RequestContext context, @Nullable ModbusRequest request, int functionCode) {
    boolean execute = request != null
        && context instanceof SerialRequestContext serial && serial.broadcastAllowed();
    for (ModbusRequestHandler handler : broadcastTargets) {
      DiagnosticCounters counters = handler.diagnosticCounters();
      long token = counters == null ? 0 : counters.messageReceived(true);
      boolean completed = false;
      boolean listening = counters != null && counters.isListenOnly() && !isRestart(request);
      if (execute && !listening) {
        ModbusResponse response = invoke(handler, context, 0, request);
        completed = !(response instanceof ExceptionResponse);
        if (!completed) {
          LOG.debug("Broadcast {} refused with {} (not sent: broadcasts are never answered)", request, response);
        }
      }
      if (counters != null) {
        counters.completedWithoutResponse(token, completed, countsAsEvent(functionCode));
      }
    }
  }

  /** Diagnostics 08/01 is the only request a device in listen-only mode acts on. */
  private static boolean isRestart(@Nullable ModbusRequest request) {
    return request instanceof DiagnosticsRequest d
        && d.subFunction() == DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION.code();
  }

  /** The spec's comm event counter skips FC 0x0B and 0x0C themselves. */
  private static boolean countsAsEvent(int functionCode) {
    return functionCode != FunctionCode.GET_COMM_EVENT_COUNTER.code()
        && functionCode != FunctionCode.GET_COMM_EVENT_LOG.code();
  }

  private static @Nullable ModbusResponse invoke(
      ModbusRequestHandler handler, RequestContext ctx, int unitId, ModbusRequest request) {
    ModbusResponse response;
    try {
      response = call(handler, ctx, unitId, request);
    } catch (RuntimeException e) {
      LOG.warn("Handler {} failed on {} for unit {}: answering SERVER_DEVICE_FAILURE", handler, request, unitId, e);
      return new ExceptionResponse(request.functionCode(), ExceptionCode.SERVER_DEVICE_FAILURE);
    }
    if (response != null && !answers(response, request)) {
      LOG.warn("Handler {} answered {} with {} for unit {}: answering SERVER_DEVICE_FAILURE",
          handler, request, response, unitId);
      return new ExceptionResponse(request.functionCode(), ExceptionCode.SERVER_DEVICE_FAILURE);
    }
    return response;
  }

  private static @Nullable ModbusResponse call(
      ModbusRequestHandler h, RequestContext ctx, int unitId, ModbusRequest request) {
    return switch (request) {
      case ReadCoilsRequest r -> h.readCoils(ctx, unitId, r);
      case ReadDiscreteInputsRequest r -> h.readDiscreteInputs(ctx, unitId, r);
      case ReadHoldingRegistersRequest r -> h.readHoldingRegisters(ctx, unitId, r);
      case ReadInputRegistersRequest r -> h.readInputRegisters(ctx, unitId, r);
      case WriteSingleCoilRequest r -> h.writeSingleCoil(ctx, unitId, r);
      case WriteSingleRegisterRequest r -> h.writeSingleRegister(ctx, unitId, r);
      case ReadExceptionStatusRequest r -> h.readExceptionStatus(ctx, unitId, r);
      case DiagnosticsRequest r -> h.diagnostics(ctx, unitId, r);
      case GetCommEventCounterRequest r -> h.getCommEventCounter(ctx, unitId, r);
      case GetCommEventLogRequest r -> h.getCommEventLog(ctx, unitId, r);
      case WriteMultipleCoilsRequest r -> h.writeMultipleCoils(ctx, unitId, r);
      case WriteMultipleRegistersRequest r -> h.writeMultipleRegisters(ctx, unitId, r);
      case ReportServerIdRequest r -> h.reportServerId(ctx, unitId, r);
      case ReadFileRecordRequest r -> h.readFileRecord(ctx, unitId, r);
      case WriteFileRecordRequest r -> h.writeFileRecord(ctx, unitId, r);
      case MaskWriteRegisterRequest r -> h.maskWriteRegister(ctx, unitId, r);
      case ReadWriteMultipleRegistersRequest r -> h.readWriteMultipleRegisters(ctx, unitId, r);
      case ReadFifoQueueRequest r -> h.readFifoQueue(ctx, unitId, r);
      case ReadDeviceIdentificationRequest r -> h.readDeviceIdentification(ctx, unitId, r);
      case EncapsulatedInterfaceRequest r -> h.encapsulatedInterface(ctx, unitId, r);
      case UserDefinedRequest r -> h.userDefined(ctx, unitId, r);
    };
  }

  /** Whether a handler's response can answer the request: same function code, and same MEI type for FC 0x2B. */
  private static boolean answers(ModbusResponse response, ModbusRequest request) {
    if (response.functionCode() != request.functionCode()) {
      return false;
    }
    if (response instanceof ReadDeviceIdentificationResponse) {
      return request instanceof ReadDeviceIdentificationRequest;
    }
    if (response instanceof EncapsulatedInterfaceResponse e) {
      return request instanceof EncapsulatedInterfaceRequest r && r.meiType() == e.meiType();
    }
    return true;
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

    private Builder() {}

    /**
     * Serves a unit id with a handler (replacing an earlier one for the same id).
     *
     * @throws IllegalArgumentException when {@code unitId} is outside 1..247
     */
    public Builder unit(int unitId, ModbusRequestHandler handler) {
      checkUnitId(unitId);
      units.put(unitId, Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** The device units 0 and 255 reach on TCP; without one they reach the handler of unit 1, if any. */
    public Builder serverDevice(ModbusRequestHandler handler) {
      this.serverDevice = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** What requests for unknown units get; default exception 0x0B (gateway target device failed to respond). */
    public Builder unknownUnitPolicy(UnknownUnitPolicy policy) {
      this.unknownUnitPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The metrics to record into; default a new {@link DispatcherMetrics}. */
    public Builder metrics(DispatcherMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /** The dispatcher. */
    public ModbusDispatcher build() {
      return new ModbusDispatcher(this);
    }
  }
}
