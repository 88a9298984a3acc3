package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.call;
import static dev.modbustoolkit.server.core.Pdus.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadDeviceIdCode;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.ReadInputRegistersResponse;
import dev.modbustoolkit.pdu.UserDefinedRequest;
import dev.modbustoolkit.pdu.UserDefinedResponse;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModbusDispatcherTest {

  private static DataModel sparseModel() {
    return new DataModel(BitTable.dense(), BitTable.dense(),
        RegisterTable.sparse().block(0, 10).block(100, 10).build(), RegisterTable.dense());
  }

  private static RegisterDevice device(int firstRegisterValue) {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    device.dataModel().holdingRegisters().set(0, firstRegisterValue);
    return device;
  }

  /** A handler that only answers FC03 with a marker value, to see which unit got the request. */
  private static ModbusRequestHandler marker(int value) {
    return new ModbusRequestHandler() {
      @Override
      public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        return ReadHoldingRegistersResponse.of(value);
      }
    };
  }

  @Test
  void routesEachUnitToItsHandler() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(0x11)).unit(7, marker(0x77)).build();

    assertThat(call(d, TCP, 1, "03 0000 0001")).isEqualTo(norm("03 02 0011"));
    assertThat(call(d, TCP, 7, "03 0000 0001")).isEqualTo(norm("03 02 0077"));
    assertThat(d.units()).containsExactly(1, 7);
  }

  @Test
  void unknownUnitDefaultsToGatewayTargetFailedToRespond() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(1)).build();

    assertThat(d.unknownUnitPolicy()).isEqualTo(UnknownUnitPolicy.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND);
    assertThat(call(d, TCP, 9, "03 0000 0001")).isEqualTo("830B");
    assertThat(d.metrics().exceptions(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND)).isEqualTo(1);
  }

  @Test
  void unknownUnitWithGatewayPathUnavailable() {
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, marker(1)).unknownUnitPolicy(UnknownUnitPolicy.GATEWAY_PATH_UNAVAILABLE).build();

    assertThat(call(d, TCP, 9, "06 0001 0003")).isEqualTo("860A");
    // Even a malformed request gets the gateway's answer: the unit is checked before the PDU is decoded.
    assertThat(call(d, TCP, 9, "03 00")).isEqualTo("830A");
  }

  @Test
  void unknownUnitWithNoResponse() {
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, marker(1)).unknownUnitPolicy(UnknownUnitPolicy.NO_RESPONSE).build();

    assertThat(call(d, SERIAL, 9, "03 0000 0001")).isNull();
    assertThat(d.metrics().responsesNotSent(NoResponseReason.UNKNOWN_UNIT)).isEqualTo(1);
  }

  @Test
  void objectLevelDispatchFollowsTheSamePolicies() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(5)).build();

    assertThat(d.dispatch(TCP, 1, new ReadHoldingRegistersRequest(0, 1)))
        .contains(ReadHoldingRegistersResponse.of(5));
    assertThat(d.dispatch(TCP, 2, new ReadHoldingRegistersRequest(0, 1)))
        .contains(new ExceptionResponse(3, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND));
    assertThat(d.dispatch(SERIAL, 0, new ReadHoldingRegistersRequest(0, 1))).isEmpty();
  }

  @Test
  void tcpUnitsZeroAnd255ReachTheServerDevice() {
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, marker(0x11)).serverDevice(marker(0xAA)).build();

    assertThat(call(d, TCP, 0, "03 0000 0001")).isEqualTo(norm("03 02 00AA"));
    assertThat(call(d, TCP, 255, "03 0000 0001")).isEqualTo(norm("03 02 00AA"));
  }

  @Test
  void withoutServerDeviceTcpUnitsZeroAnd255ReachUnitOne() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(0x11)).build();

    assertThat(call(d, TCP, 0, "03 0000 0001")).isEqualTo(norm("03 02 0011"));
    assertThat(call(d, TCP, 255, "03 0000 0001")).isEqualTo(norm("03 02 0011"));
    ModbusDispatcher none = ModbusDispatcher.builder().unit(2, marker(0x22)).build();
    assertThat(call(none, TCP, 0, "03 0000 0001")).isEqualTo("830B");
  }

  @Test
  void serialUnitZeroIsABroadcastExecutedByEveryUnitAndNeverAnswered() {
    RegisterDevice a = device(0);
    RegisterDevice b = device(0);
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, a).unit(2, b).unit(3, a).build();

    assertThat(call(d, SERIAL, 0, "06 0001 1234")).isNull();

    assertThat(a.dataModel().holdingRegisters().get(1)).isEqualTo(0x1234);
    assertThat(b.dataModel().holdingRegisters().get(1)).isEqualTo(0x1234);
    // Unit 3 shares unit 1's device: the broadcast reached it once.
    assertThat(a.diagnosticCounters().serverMessageCount()).isEqualTo(1);
    assertThat(a.diagnosticCounters().serverNoResponseCount()).isEqualTo(1);
    assertThat(a.diagnosticCounters().eventLog().events()).containsExactly((byte) 0x40, (byte) 0xC0);
    assertThat(d.metrics().responsesNotSent(NoResponseReason.BROADCAST)).isEqualTo(1);
  }

  @Test
  void serialBroadcastNeverAnswersEvenAnException() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(sparseModel())).build();

    assertThat(call(d, SERIAL, 0, "06 0050 0001")).isNull(); // missing address: 02 would be due
    assertThat(call(d, SERIAL, 0, "03 0000 0000")).isNull(); // quantity 0: 03 would be due
    assertThat(call(d, SERIAL, 0, "09")).isNull(); // unknown function: 01 would be due
    assertThat(d.metrics().totalExceptions()).isZero();
    assertThat(d.metrics().malformedRequests()).isEqualTo(2);
  }

  @Test
  void serialBroadcastIsNotExecutedWhenNotAllowed() {
    RegisterDevice a = device(0);
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, a).build();

    assertThat(call(d, new SerialRequestContext("tty", false), 0, "06 0001 1234")).isNull();
    assertThat(a.dataModel().holdingRegisters().get(1)).isZero();
  }

  @Test
  void tcpUnitZeroIsNotABroadcast() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device(0)).build();

    assertThat(call(d, TCP, 0, "06 0001 1234")).isEqualTo(norm("06 0001 1234"));
  }

  @Test
  void checksQuantityBeforeAddress() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(sparseModel())).build();

    // Quantity 0 at an address that does not exist either: the quantity check (03) comes first.
    assertThat(call(d, TCP, 1, "03 0050 0000")).isEqualTo("8303");
    assertThat(call(d, TCP, 1, "03 0050 007E")).isEqualTo("8303");
    // A valid quantity at a missing sparse address: 02.
    assertThat(call(d, TCP, 1, "03 0050 0001")).isEqualTo("8302");
    // A range that runs from an existing block into the gap: 02.
    assertThat(call(d, TCP, 1, "03 0008 0003")).isEqualTo("8302");
    assertThat(call(d, TCP, 1, "03 0008 0002")).isEqualTo(norm("03 04 0000 0000"));
  }

  @Test
  void unknownFunctionCodeIsIllegalFunction() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device(0)).build();

    assertThat(call(d, TCP, 1, "09")).isEqualTo("8901");
    assertThat(call(d, TCP, 1, "09 0102")).isEqualTo("8901");
    // Function codes are masked to 7 bits in the exception response.
    assertThat(call(d, TCP, 1, "83 0000 0001")).isEqualTo("8301");
    assertThat(d.metrics().requests(0x09)).isEqualTo(2);
    assertThat(d.metrics().requests(0x83)).isEqualTo(1);
    assertThat(d.metrics().exceptions(ExceptionCode.ILLEGAL_FUNCTION)).isEqualTo(3);
  }

  @Test
  void malformedPdusBecomeTheirViolationsExceptionCode() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device(0)).build();

    assertThat(call(d, TCP, 1, "03 0000")).isEqualTo("8303"); // truncated
    assertThat(call(d, TCP, 1, "03 0000 0001 00")).isEqualTo("8303"); // trailing byte
    assertThat(call(d, TCP, 1, "05 0000 1234")).isEqualTo("8503"); // coil value not 0000/FF00
    assertThat(call(d, TCP, 1, "10 0000 0002 03 0001 0002")).isEqualTo("9003"); // byte count mismatch
    assertThat(call(d, TCP, 1, "03 FFFF 0002")).isEqualTo("8302"); // address + quantity > 65536
    assertThat(call(d, TCP, 1, "08 0005 0000")).isEqualTo("8801"); // reserved diagnostics sub-function
    assertThat(d.metrics().malformedRequests()).isEqualTo(6);
  }

  @Test
  void emptyPduAndFunctionCodeZeroGetNoResponse() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device(0)).build();

    assertThat(call(d, TCP, 1, "")).isNull();
    assertThat(call(d, TCP, 1, "00")).isNull();
    assertThat(call(d, TCP, 1, "80 01")).isNull();
    assertThat(d.metrics().malformedRequests()).isEqualTo(3);
    assertThat(d.metrics().responsesNotSent(NoResponseReason.MALFORMED)).isEqualTo(3);
    assertThat(d.metrics().totalRequests()).isEqualTo(3);
  }

  @Test
  void handlerThrowingBecomesServerDeviceFailure() {
    ModbusRequestHandler failing = new ModbusRequestHandler() {
      @Override
      public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        throw new IllegalStateException("boom (expected by the test)");
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, failing).build();

    assertThat(call(d, TCP, 1, "03 0000 0001")).isEqualTo("8304");
    assertThat(d.dispatch(TCP, 1, new ReadHoldingRegistersRequest(0, 1)))
        .contains(new ExceptionResponse(3, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  @Test
  void responseForAnotherFunctionCodeBecomesServerDeviceFailure() {
    ModbusRequestHandler confused = new ModbusRequestHandler() {
      @Override
      public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        return ReadInputRegistersResponse.of(1);
      }

      @Override
      public ModbusResponse readDeviceIdentification(
          RequestContext ctx, int unitId, ReadDeviceIdentificationRequest r) {
        return new EncapsulatedInterfaceResponse(0x0D, new byte[] {1});
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, confused).build();

    assertThat(call(d, TCP, 1, "03 0000 0001")).isEqualTo("8304");
    assertThat(call(d, TCP, 1, "2B 0E 01 00")).isEqualTo("AB04");
  }

  @Test
  void defaultHandlerMethodsAnswerIllegalFunction() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, new ModbusRequestHandler() {}).build();

    for (String request : List.of("01 0000 0001", "02 0000 0001", "03 0000 0001", "04 0000 0001",
        "05 0000 FF00", "06 0000 0001", "07", "08 0000 1234", "0B", "0C", "0F 0000 0001 01 01",
        "10 0000 0001 02 0001", "11", "14 07 06 0001 0000 0001", "15 09 06 0001 0000 0001 0001",
        "16 0000 FFFF 0000", "17 0000 0001 0000 0001 02 0001", "18 0000", "2B 0E 01 00", "2B 0D 00", "41 01")) {
      int fc = Integer.parseInt(request.substring(0, 2), 16);
      assertThat(call(d, TCP, 1, request)).as(request).isEqualTo(String.format("%02X01", fc | 0x80));
    }
  }

  @Test
  void userDefinedFunctionCodesReachUserDefined() {
    ModbusRequestHandler custom = new ModbusRequestHandler() {
      @Override
      public ModbusResponse userDefined(RequestContext ctx, int unitId, UserDefinedRequest r) {
        return new UserDefinedResponse(r.functionCode(), new byte[] {(byte) unitId, 0x55});
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(4, custom).build();

    assertThat(call(d, TCP, 4, "41 0102")).isEqualTo("410455");
    assertThat(call(d, TCP, 4, "6E")).isEqualTo("6E0455");
  }

  @Test
  void handlerReturningNullSendsNothing() {
    ModbusRequestHandler silent = new ModbusRequestHandler() {
      @Override
      public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        return null;
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, silent).build();

    assertThat(call(d, TCP, 1, "03 0000 0001")).isNull();
    assertThat(d.metrics().responsesNotSent(NoResponseReason.HANDLER_DECLINED)).isEqualTo(1);
  }

  @Test
  void handlerSeesContextAndUnit() {
    List<String> seen = new ArrayList<>();
    ModbusRequestHandler spy = new ModbusRequestHandler() {
      @Override
      public ModbusResponse writeSingleRegister(RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
        seen.add(ctx.isSerial() + "/" + unitId);
        return new ExceptionResponse(r.functionCode(), ExceptionCode.SERVER_DEVICE_BUSY);
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(5, spy).build();

    assertThat(call(d, TCP, 5, "06 0000 0001")).isEqualTo("8606");
    assertThat(call(d, SERIAL, 0, "06 0000 0001")).isNull();
    assertThat(seen).containsExactly("false/5", "true/0");
  }

  @Test
  void unitsCanBeAddedAndRemovedWhileRunning() {
    ModbusDispatcher d = ModbusDispatcher.builder().unknownUnitPolicy(UnknownUnitPolicy.NO_RESPONSE).build();
    assertThat(call(d, TCP, 3, "03 0000 0001")).isNull();

    ModbusRequestHandler h = marker(3);
    d.addUnit(3, h);
    assertThat(call(d, TCP, 3, "03 0000 0001")).isEqualTo(norm("03 02 0003"));
    assertThat(d.handler(3)).isSameAs(h);

    assertThat(d.removeUnit(3)).isSameAs(h);
    assertThat(d.removeUnit(3)).isNull();
    assertThat(call(d, TCP, 3, "03 0000 0001")).isNull();
    assertThat(d.units()).isEmpty();
  }

  @Test
  void rejectsUnitIdsOutsideTheirRanges() {
    assertThatThrownBy(() -> ModbusDispatcher.builder().unit(0, marker(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModbusDispatcher.builder().unit(248, marker(0)))
        .isInstanceOf(IllegalArgumentException.class);
    ModbusDispatcher d = ModbusDispatcher.builder().build();
    assertThatThrownBy(() -> d.addUnit(255, marker(0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.dispatch(TCP, 256, ByteBuffer.allocate(1), ByteBuffer.allocate(260)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAResponseBufferSmallerThanAPdu() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(0)).build();

    assertThatThrownBy(() -> d.dispatch(TCP, 1, ByteBuffer.wrap(Pdus.hex("03 0000 0001")), ByteBuffer.allocate(252)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("253");
  }

  @Test
  void listenOnlyModeSilencesEverythingButRestart() {
    RegisterDevice device = device(7);
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();

    assertThat(call(d, SERIAL, 1, "08 0004 0000")).isNull();
    assertThat(device.diagnosticCounters().isListenOnly()).isTrue();
    assertThat(call(d, SERIAL, 1, "03 0000 0001")).isNull();
    assertThat(call(d, SERIAL, 1, "06 0000 0009")).isNull(); // not executed either
    assertThat(call(d, SERIAL, 1, "09")).isNull(); // not even an exception
    assertThat(call(d, SERIAL, 1, "08 0000 1234")).isNull();
    assertThat(d.metrics().responsesNotSent(NoResponseReason.LISTEN_ONLY)).isEqualTo(4);

    // Restart in listen-only mode: executed, but silently.
    assertThat(call(d, SERIAL, 1, "08 0001 0000")).isNull();
    assertThat(device.diagnosticCounters().isListenOnly()).isFalse();
    assertThat(call(d, SERIAL, 1, "03 0000 0001")).isEqualTo(norm("03 02 0007"));
    // Out of listen-only mode, restart answers with an echo.
    assertThat(call(d, SERIAL, 1, "08 0001 FF00")).isEqualTo(norm("08 0001 FF00"));
  }

  @Test
  void metricsCountRequestsExceptionsAndLatency() {
    DispatcherMetrics metrics = new DispatcherMetrics();
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, RegisterDevice.of(sparseModel())).metrics(metrics).build();
    assertThat(d.metrics()).isSameAs(metrics);

    call(d, TCP, 1, "03 0000 0001");
    call(d, TCP, 1, "03 0000 0001");
    call(d, TCP, 1, "03 0050 0001");
    call(d, TCP, 1, "06 0000 0001");
    call(d, TCP, 1, "");

    assertThat(metrics.requests(FunctionCode.READ_HOLDING_REGISTERS)).isEqualTo(3);
    assertThat(metrics.requests(FunctionCode.WRITE_SINGLE_REGISTER)).isEqualTo(1);
    assertThat(metrics.totalRequests()).isEqualTo(5);
    assertThat(metrics.exceptions(ExceptionCode.ILLEGAL_DATA_ADDRESS)).isEqualTo(1);
    assertThat(metrics.totalExceptions()).isEqualTo(1);
    assertThat(metrics.malformedRequests()).isEqualTo(1);
    assertThat(metrics.totalResponsesNotSent()).isEqualTo(1);
    LatencySnapshot latency = metrics.snapshot();
    assertThat(latency.count()).isEqualTo(5);
    assertThat(latency.max()).isGreaterThanOrEqualTo(latency.p99());
    assertThat(latency.p99()).isGreaterThanOrEqualTo(latency.p50());
    assertThat(latency.p50().isPositive()).isTrue();
    // A second snapshot keeps the earlier interval.
    call(d, TCP, 1, "03 0000 0001");
    assertThat(metrics.snapshot().count()).isEqualTo(6);

    metrics.reset();
    assertThat(metrics.totalRequests()).isZero();
    assertThat(metrics.snapshot().count()).isZero();
  }

  @Test
  void diagnosticCountersSeeBusAndServerMessages() {
    RegisterDevice one = device(0);
    RegisterDevice two = device(0);
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, one).unit(2, two).unknownUnitPolicy(UnknownUnitPolicy.NO_RESPONSE).build();

    call(d, SERIAL, 1, "03 0000 0001"); // normal
    call(d, SERIAL, 1, "03 0000 0000"); // exception 03
    call(d, SERIAL, 2, "03 0000 0001"); // for the other device
    call(d, SERIAL, 9, "03 0000 0001"); // for nobody here
    d.recordBusCommunicationError();
    d.recordBusCharacterOverrun();

    DiagnosticCounters c = one.diagnosticCounters();
    assertThat(c.busMessageCount()).isEqualTo(4);
    assertThat(c.serverMessageCount()).isEqualTo(2);
    assertThat(c.busExceptionErrorCount()).isEqualTo(1);
    assertThat(c.busCommunicationErrorCount()).isEqualTo(1);
    assertThat(c.busCharacterOverrunCount()).isEqualTo(1);
    assertThat(c.eventCount()).isEqualTo(1);
    assertThat(two.diagnosticCounters().busMessageCount()).isEqualTo(4);
    assertThat(two.diagnosticCounters().serverMessageCount()).isEqualTo(1);
    assertThat(two.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
  }

  @Test
  void exposesOptionalForObjectDispatch() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();

    Optional<ModbusResponse> r = d.dispatch(TCP, 1,
        new ReadDeviceIdentificationRequest(ReadDeviceIdCode.BASIC, 0));
    assertThat(r).isPresent();
    assertThat(d.dispatch(TCP, 1, new WriteSingleRegisterRequest(3, 0xBEEF)))
        .contains(new dev.modbustoolkit.pdu.WriteSingleRegisterResponse(3, 0xBEEF));
  }
}
