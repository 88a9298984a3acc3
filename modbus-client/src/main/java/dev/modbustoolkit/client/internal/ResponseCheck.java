package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.DiagnosticsResponse;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceResponse;
import dev.modbustoolkit.pdu.GetCommEventCounterRequest;
import dev.modbustoolkit.pdu.GetCommEventCounterResponse;
import dev.modbustoolkit.pdu.GetCommEventLogRequest;
import dev.modbustoolkit.pdu.GetCommEventLogResponse;
import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterResponse;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadCoilsResponse;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import dev.modbustoolkit.pdu.ReadDiscreteInputsRequest;
import dev.modbustoolkit.pdu.ReadDiscreteInputsResponse;
import dev.modbustoolkit.pdu.ReadExceptionStatusRequest;
import dev.modbustoolkit.pdu.ReadExceptionStatusResponse;
import dev.modbustoolkit.pdu.ReadFifoQueueRequest;
import dev.modbustoolkit.pdu.ReadFifoQueueResponse;
import dev.modbustoolkit.pdu.ReadFileRecordRequest;
import dev.modbustoolkit.pdu.ReadFileRecordResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersResponse;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersResponse;
import dev.modbustoolkit.pdu.ReportServerIdRequest;
import dev.modbustoolkit.pdu.ReportServerIdResponse;
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.UserDefinedResponse;
import dev.modbustoolkit.pdu.WriteFileRecordRequest;
import dev.modbustoolkit.pdu.WriteFileRecordResponse;
import dev.modbustoolkit.pdu.WriteMultipleCoilsRequest;
import dev.modbustoolkit.pdu.WriteMultipleCoilsResponse;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersResponse;
import dev.modbustoolkit.pdu.WriteSingleCoilRequest;
import dev.modbustoolkit.pdu.WriteSingleCoilResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterResponse;
import org.jspecify.annotations.Nullable;

/**
 * Whether a decoded normal response answers the request: the same function, and the quantity or the echoed fields
 * the spec says it repeats. A mismatch is a broken device, or an answer meant for another request (the cross-talk
 * of clients that match answers by arrival order); either way it must not be delivered as this request's answer.
 */
final class ResponseCheck {
  private ResponseCheck() {}

  /** {@return null when it matches, else what differs, naming the field} */
  static @Nullable String mismatch(ModbusRequest request, ModbusResponse response) {
    return switch (request) {
      case ReadCoilsRequest r -> response instanceof ReadCoilsResponse x
          ? count("coil status bytes", (r.quantity() + 7) / 8, x.coilStatus().length) : type(request, response);
      case ReadDiscreteInputsRequest r -> response instanceof ReadDiscreteInputsResponse x
          ? count("input status bytes", (r.quantity() + 7) / 8, x.inputStatus().length) : type(request, response);
      case ReadHoldingRegistersRequest r -> response instanceof ReadHoldingRegistersResponse x
          ? count("registers", r.quantity(), x.values().length) : type(request, response);
      case ReadInputRegistersRequest r -> response instanceof ReadInputRegistersResponse x
          ? count("registers", r.quantity(), x.values().length) : type(request, response);
      case WriteSingleCoilRequest r -> response instanceof WriteSingleCoilResponse x
          ? echo("address", r.address(), x.address(), "value", r.value() ? 1 : 0, x.value() ? 1 : 0)
          : type(request, response);
      case WriteSingleRegisterRequest r -> response instanceof WriteSingleRegisterResponse x
          ? echo("address", r.address(), x.address(), "value", r.value(), x.value()) : type(request, response);
      case ReadExceptionStatusRequest r ->
          response instanceof ReadExceptionStatusResponse ? null : type(request, response);
      case DiagnosticsRequest r -> response instanceof DiagnosticsResponse x
          ? count("sub-function", r.subFunction(), x.subFunction()) : type(request, response);
      case GetCommEventCounterRequest r ->
          response instanceof GetCommEventCounterResponse ? null : type(request, response);
      case GetCommEventLogRequest r -> response instanceof GetCommEventLogResponse ? null : type(request, response);
      case WriteMultipleCoilsRequest r -> response instanceof WriteMultipleCoilsResponse x
          ? echo("address", r.address(), x.address(), "quantity", r.values().length, x.quantity())
          : type(request, response);
      case WriteMultipleRegistersRequest r -> response instanceof WriteMultipleRegistersResponse x
          ? echo("address", r.address(), x.address(), "quantity", r.values().length, x.quantity())
          : type(request, response);
      case ReportServerIdRequest r -> response instanceof ReportServerIdResponse ? null : type(request, response);
      case ReadFileRecordRequest r -> response instanceof ReadFileRecordResponse x
          ? count("sub-responses", r.references().size(), x.records().size()) : type(request, response);
      case WriteFileRecordRequest r -> response instanceof WriteFileRecordResponse x
          ? count("records", r.records().size(), x.records().size()) : type(request, response);
      case MaskWriteRegisterRequest r -> response instanceof MaskWriteRegisterResponse x
          ? maskEcho(r, x) : type(request, response);
      case ReadWriteMultipleRegistersRequest r -> response instanceof ReadWriteMultipleRegistersResponse x
          ? count("registers", r.readQuantity(), x.values().length) : type(request, response);
      case ReadFifoQueueRequest r -> response instanceof ReadFifoQueueResponse ? null : type(request, response);
      case ReadDeviceIdentificationRequest r -> response instanceof ReadDeviceIdentificationResponse
          ? null : type(request, response);
      case EncapsulatedInterfaceRequest r -> response instanceof EncapsulatedInterfaceResponse x
          ? count("MEI type", r.meiType(), x.meiType()) : type(request, response);
      case UserDefinedRequest r -> response instanceof UserDefinedResponse x
          ? count("function code", r.functionCode(), x.functionCode()) : type(request, response);
    };
  }

  private static String type(ModbusRequest request, ModbusResponse response) {
    return "answer " + response.getClass().getSimpleName() + " does not answer " + request.getClass().getSimpleName();
  }

  private static @Nullable String count(String field, int expected, int actual) {
    return expected == actual ? null : field + " " + actual + " where the request asked for " + expected;
  }

  private static @Nullable String echo(String first, int a, int b, String second, int c, int d) {
    if (a != b) {
      return "echoed " + first + " " + b + " where the request had " + a;
    }
    return c != d ? "echoed " + second + " " + d + " where the request had " + c : null;
  }

  private static @Nullable String maskEcho(MaskWriteRegisterRequest r, MaskWriteRegisterResponse x) {
    String addressOrAnd = echo("address", r.address(), x.address(), "AND mask", r.andMask(), x.andMask());
    return addressOrAnd != null ? addressOrAnd : count("echoed OR mask", r.orMask(), x.orMask());
  }
}
