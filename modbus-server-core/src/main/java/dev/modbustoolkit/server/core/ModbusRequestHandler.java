package dev.modbustoolkit.server.core;

import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
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
import org.jspecify.annotations.Nullable;

/**
 * The device behind a unit id: one method per function code, called by {@link ModbusDispatcher} with an already
 * decoded and validated request. Every method defaults to the exception response ILLEGAL_FUNCTION (01), so a
 * handler implements only the function codes it supports.
 *
 * <p>A method returns the response to send, an {@link ExceptionResponse} for a refused request, or {@code null}
 * when nothing must be sent. The dispatcher turns a response whose function code differs from the request's, and
 * a method that throws, into SERVER_DEVICE_FAILURE (04). Methods may be called from many threads at once (one per
 * TCP connection), so implementations must be thread-safe.
 *
 * <p>A handler that can answer some requests straight from their bytes, without the decoded records, also
 * implements {@link RawPduHandler}; the dispatcher offers it the bytes first and calls these methods for whatever
 * it declines.
 */
public interface ModbusRequestHandler {

  /**
   * {@return the diagnostics of this device, or null (the default) when it keeps none} When present, the dispatcher
   * counts every message it routes to this device in them, keeps its comm event log and enforces listen-only mode.
   */
  default @Nullable DiagnosticCounters diagnosticCounters() {
    return null;
  }

  /**
   * {@return whether this handler may block the calling thread: wait for I/O or another system, hold a lock long,
   * sleep} Transports that run handlers on shared event-loop threads (the TCP server's default) serve a connection
   * whose request reaches such a handler on a thread of its own from then on, so that it holds up nobody else.
   * Default true, the safe answer for code a transport cannot see into; a handler that answers from memory (as
   * {@link RegisterDevice} does) returns false and is run inline, without a thread switch. Read once, when the
   * handler is added to a dispatcher (its {@link UnitRoute}s are built then), so the answer must not change over
   * time.
   */
  default boolean mayBlock() {
    return true;
  }

  /**
   * FC 0x01.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readCoils(RequestContext ctx, int unitId, ReadCoilsRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x02.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readDiscreteInputs(
      RequestContext ctx, int unitId, ReadDiscreteInputsRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x03.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readHoldingRegisters(
      RequestContext ctx, int unitId, ReadHoldingRegistersRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x04.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readInputRegisters(
      RequestContext ctx, int unitId, ReadInputRegistersRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x05.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse writeSingleCoil(RequestContext ctx, int unitId, WriteSingleCoilRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x06.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse writeSingleRegister(
      RequestContext ctx, int unitId, WriteSingleRegisterRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x07 (serial line only in the spec; answered on any transport here).
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readExceptionStatus(
      RequestContext ctx, int unitId, ReadExceptionStatusRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x08.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the diagnostics
   */
  default @Nullable ModbusResponse diagnostics(RequestContext ctx, int unitId, DiagnosticsRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x0B.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the comm event counter
   */
  default @Nullable ModbusResponse getCommEventCounter(
      RequestContext ctx, int unitId, GetCommEventCounterRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x0C.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the comm event log
   */
  default @Nullable ModbusResponse getCommEventLog(RequestContext ctx, int unitId, GetCommEventLogRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x0F.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse writeMultipleCoils(
      RequestContext ctx, int unitId, WriteMultipleCoilsRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x10.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse writeMultipleRegisters(
      RequestContext ctx, int unitId, WriteMultipleRegistersRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x11.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the report server id
   */
  default @Nullable ModbusResponse reportServerId(RequestContext ctx, int unitId, ReportServerIdRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x14.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readFileRecord(RequestContext ctx, int unitId, ReadFileRecordRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x15.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse writeFileRecord(RequestContext ctx, int unitId, WriteFileRecordRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x16.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the mask write register
   */
  default @Nullable ModbusResponse maskWriteRegister(
      RequestContext ctx, int unitId, MaskWriteRegisterRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x17.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readWriteMultipleRegisters(
      RequestContext ctx, int unitId, ReadWriteMultipleRegistersRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x18.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readFifoQueue(RequestContext ctx, int unitId, ReadFifoQueueRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x2B, MEI type 0x0E.
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the {@code ModbusResponse}
   */
  default @Nullable ModbusResponse readDeviceIdentification(
      RequestContext ctx, int unitId, ReadDeviceIdentificationRequest request) {
    return illegalFunction(request);
  }

  /**
   * FC 0x2B with any MEI type other than 0x0E (for example 0x0D, CANopen general reference).
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   * @return the encapsulated interface
   */
  default @Nullable ModbusResponse encapsulatedInterface(
      RequestContext ctx, int unitId, EncapsulatedInterfaceRequest request) {
    return illegalFunction(request);
  }

  /**
   * {@return the user-defined function codes 65-72 and 100-110}
   *
   * @param ctx where the request came from
   * @param unitId the unit id (0..255)
   * @param request the request
   */
  default @Nullable ModbusResponse userDefined(RequestContext ctx, int unitId, UserDefinedRequest request) {
    return illegalFunction(request);
  }

  /**
   * {@return the ILLEGAL_FUNCTION (01) exception response to a request, the answer for an unsupported function code}
   *
   * @param request the request
   */
  static ExceptionResponse illegalFunction(ModbusRequest request) {
    return new ExceptionResponse(request.functionCode(), ExceptionCode.ILLEGAL_FUNCTION);
  }
}
