package dev.modbustoolkit.server.core.internal;

import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceResponse;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
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
import dev.modbustoolkit.server.core.ModbusRequestHandler;
import dev.modbustoolkit.server.core.RequestContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed path's call of a handler: the one switch from a decoded request to its handler method, with the
 * dispatcher's rule that a handler that throws, or answers with another function code, yields
 * SERVER_DEVICE_FAILURE (04).
 */
public final class HandlerCall {
  private static final Logger LOG = LoggerFactory.getLogger("dev.modbustoolkit.server.core.ModbusDispatcher");

  private HandlerCall() {}

  /** The handler's answer to {@code request}, or null when nothing must be sent. */
  public static @Nullable ModbusResponse invoke(
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

}
