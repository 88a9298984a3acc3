package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.call;
import static dev.modbustoolkit.server.core.Pdus.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.EncapsulatedInterfaceRequest;
import dev.modbustoolkit.pdu.EncapsulatedInterfaceResponse;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadDeviceIdCode;
import dev.modbustoolkit.pdu.ReadDeviceIdentificationResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterResponse;
import dev.modbustoolkit.registers.DataModel;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit routing at the edges of the unit id ranges, topology changes while running, and the response checks. */
class DispatcherRoutingTest {

  private static ModbusRequestHandler marker(int value) {
    return new ModbusRequestHandler() {
      @Override
      public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        return ReadHoldingRegistersResponse.of(value);
      }
    };
  }

  private static RegisterDevice device() {
    return RegisterDevice.of(DataModel.dense());
  }

  // ---- unit id ranges --------------------------------------------------------------------------------------------

  @Test
  void unit247IsTheLastServableUnit() {
    ModbusRequestHandler last = marker(0xF7);
    ModbusDispatcher d = ModbusDispatcher.builder().unit(247, last).build();

    assertThat(d.units()).containsExactly(247);
    assertThat(d.handler(247)).isSameAs(last);
    assertThat(call(d, TCP, 247, "03 0000 0001")).isEqualTo(norm("03 02 00F7"));
    d.addUnit(246, marker(0xF6));
    assertThat(d.units()).containsExactly(246, 247);
    assertThat(d.removeUnit(247)).isSameAs(last);
    assertThat(d.units()).containsExactly(246);
  }

  @Test
  void unit1CanBeRemoved() {
    ModbusRequestHandler first = marker(1);
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, first).build();

    assertThat(d.handler(1)).isSameAs(first);
    assertThat(d.removeUnit(1)).isSameAs(first);
    assertThat(d.handler(1)).isNull();
  }

  @Test
  void handlerAndRemoveUnitIgnoreIdsOutside1To247() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(1)).unit(247, marker(2)).build();

    for (int id : List.of(-1, 0, 248, 255, 256)) {
      assertThat(d.handler(id)).as("handler(%d)", id).isNull();
      assertThat(d.removeUnit(id)).as("removeUnit(%d)", id).isNull();
    }
    assertThat(d.units()).containsExactly(1, 247);
  }

  @Test
  void addUnitRejectsIdsOutside1To247() {
    ModbusDispatcher d = ModbusDispatcher.builder().build();

    assertThatThrownBy(() -> d.addUnit(0, marker(0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.addUnit(248, marker(0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ModbusDispatcher.builder().unit(-1, marker(0)))
        .isInstanceOf(IllegalArgumentException.class);
    d.addUnit(1, marker(1));
    d.addUnit(247, marker(2));
    assertThat(d.units()).containsExactly(1, 247);
  }

  @Test
  void dispatchRejectsNegativeUnitIdsAtBothLevels() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(1)).build();

    assertThatThrownBy(() -> d.dispatch(TCP, -1, ByteBuffer.wrap(Pdus.hex("03 0000 0001")), ByteBuffer.allocate(260)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.dispatch(TCP, -1, new ReadHoldingRegistersRequest(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.dispatch(TCP, 256, new ReadHoldingRegistersRequest(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
    // The whole wire range is accepted.
    assertThat(d.dispatch(TCP, 255, new ReadHoldingRegistersRequest(0, 1)))
        .contains(ReadHoldingRegistersResponse.of(1));
  }

  @Test
  void aResponseBufferOfExactlyOneMaximalPduIsEnough() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(9)).build();
    ByteBuffer out = ByteBuffer.allocate(253);

    assertThat(d.dispatch(TCP, 1, ByteBuffer.wrap(Pdus.hex("03 0000 0001")), out)).isEqualTo(4);
    assertThat(out.position()).isEqualTo(4);
  }

  @Test
  void onSerialLinesUnit255IsAnOrdinaryUnknownUnit() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(0x11)).serverDevice(marker(0xAA)).build();

    assertThat(call(d, SERIAL, 255, "03 0000 0001")).isEqualTo("830B");
    assertThat(call(d, SERIAL, 248, "03 0000 0001")).isEqualTo("830B");
    assertThat(call(d, SERIAL, 1, "03 0000 0001")).isEqualTo(norm("03 02 0011"));
    assertThat(d.dispatch(SERIAL, 255, new ReadHoldingRegistersRequest(0, 1)))
        .contains(new ExceptionResponse(3, ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND));
  }

  @Test
  void objectDispatchOnTcpUnitZeroReachesTheServerDeviceNotABroadcast() {
    RegisterDevice unitOne = device();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, unitOne).serverDevice(marker(0xAA)).build();

    assertThat(d.dispatch(TCP, 0, new ReadHoldingRegistersRequest(0, 1)))
        .contains(ReadHoldingRegistersResponse.of(0xAA));
    assertThat(d.dispatch(TCP, 0, new WriteSingleRegisterRequest(1, 5))).isPresent();
    assertThat(unitOne.dataModel().holdingRegisters().get(1)).isZero(); // not broadcast to unit 1
    assertThat(d.metrics().responsesNotSent(NoResponseReason.BROADCAST)).isZero();
  }

  @Test
  void objectDispatchOnSerialAnswersUnitsOtherThanZero() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device()).build();

    assertThat(d.dispatch(SERIAL, 1, new WriteSingleRegisterRequest(1, 5)))
        .contains(new WriteSingleRegisterResponse(1, 5));
    assertThat(d.metrics().responsesNotSent(NoResponseReason.BROADCAST)).isZero();
  }

  @Test
  void objectDispatchBroadcastIsExecutedByEveryUnit() {
    RegisterDevice a = device();
    RegisterDevice b = device();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, a).unit(2, b).build();

    assertThat(d.dispatch(SERIAL, 0, new WriteSingleRegisterRequest(1, 0x1234))).isEmpty();

    assertThat(a.dataModel().holdingRegisters().get(1)).isEqualTo(0x1234);
    assertThat(b.dataModel().holdingRegisters().get(1)).isEqualTo(0x1234);
    assertThat(d.metrics().responsesNotSent(NoResponseReason.BROADCAST)).isEqualTo(1);
  }

  @Test
  void unknownUnitWithFunctionCodeZeroGetsNoGatewayException() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(1)).build();

    assertThat(call(d, TCP, 9, "00")).isNull();
    assertThat(call(d, TCP, 9, "80 01")).isNull();
    assertThat(d.metrics().responsesNotSent(NoResponseReason.MALFORMED)).isEqualTo(2);
    assertThat(d.metrics().totalExceptions()).isZero();
    // Any other function code, even one with bit 7 set, is named with bit 7 set in the gateway exception.
    assertThat(call(d, TCP, 9, "81")).isEqualTo("810B");
    assertThat(call(d, TCP, 9, "7F")).isEqualTo("FF0B");
  }

  // ---- topology changes while running -----------------------------------------------------------------------------

  @Test
  void aUnitAddedWhileRunningReceivesBroadcastsAndBusCounts() {
    ModbusDispatcher d = ModbusDispatcher.builder().build();
    RegisterDevice added = device();
    d.addUnit(5, added);

    assertThat(call(d, SERIAL, 0, "06 0001 0042")).isNull();
    d.recordBusCommunicationError();

    assertThat(added.dataModel().holdingRegisters().get(1)).isEqualTo(0x42);
    assertThat(added.diagnosticCounters().busMessageCount()).isEqualTo(1);
    assertThat(added.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
  }

  @Test
  void aRemovedUnitNoLongerReceivesBroadcastsOrBusCounts() {
    RegisterDevice removed = device();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(5, removed).unit(6, device()).build();
    d.removeUnit(5);

    assertThat(call(d, SERIAL, 0, "06 0001 0042")).isNull();
    d.recordBusCharacterOverrun();

    assertThat(removed.dataModel().holdingRegisters().get(1)).isZero();
    assertThat(removed.diagnosticCounters().busMessageCount()).isZero();
    assertThat(removed.diagnosticCounters().busCharacterOverrunCount()).isZero();
  }

  @Test
  void unit247ReceivesBroadcasts() {
    RegisterDevice last = device();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(247, last).build();

    assertThat(call(d, SERIAL, 0, "06 0001 0042")).isNull();

    assertThat(last.dataModel().holdingRegisters().get(1)).isEqualTo(0x42);
  }

  @Test
  void theServerDeviceSeesTheBusEvenWhenItIsNoUnit() {
    RegisterDevice server = device();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device()).serverDevice(server).build();

    call(d, TCP, 1, "03 0000 0001");
    d.recordBusCommunicationError();

    assertThat(server.diagnosticCounters().busMessageCount()).isEqualTo(1);
    assertThat(server.diagnosticCounters().serverMessageCount()).isZero();
    assertThat(server.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
  }

  @Test
  void sharedCountersCountEachBusMessageOnce() {
    RegisterDevice shared = device();
    DiagnosticCounters counters = new DiagnosticCounters();
    RegisterDevice a = RegisterDevice.builder(DataModel.dense()).diagnosticCounters(counters).build();
    RegisterDevice b = RegisterDevice.builder(DataModel.dense()).diagnosticCounters(counters).build();
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, shared).serverDevice(shared).unit(2, a).unit(3, b).build();

    call(d, TCP, 1, "03 0000 0001");
    d.recordBusCommunicationError();
    d.recordBusCharacterOverrun();

    assertThat(shared.diagnosticCounters().busMessageCount()).isEqualTo(1);
    assertThat(shared.diagnosticCounters().busCommunicationErrorCount()).isEqualTo(1);
    assertThat(counters.busMessageCount()).isEqualTo(1);
    assertThat(counters.busCommunicationErrorCount()).isEqualTo(1);
    assertThat(counters.busCharacterOverrunCount()).isEqualTo(1);
  }

  // ---- what a handler may answer ------------------------------------------------------------------------------------

  @Test
  void anEncapsulatedInterfaceResponseOfTheRequestedMeiTypeIsSent() {
    ModbusRequestHandler mei = new ModbusRequestHandler() {
      @Override
      public ModbusResponse encapsulatedInterface(RequestContext ctx, int unitId, EncapsulatedInterfaceRequest r) {
        // Data byte 2 asks for an answer of another MEI type.
        return new EncapsulatedInterfaceResponse(r.dataByte(0) == 2 ? 0x0C : 0x0D, new byte[] {0x42});
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, mei).build();

    assertThat(call(d, TCP, 1, "2B 0D 01")).isEqualTo(norm("2B 0D 42"));
    // A response for another MEI type cannot answer the request.
    assertThat(call(d, TCP, 1, "2B 0D 02")).isEqualTo("AB04");
  }

  @Test
  void aDeviceIdentificationResponseCannotAnswerAnotherMeiType() {
    ModbusRequestHandler confused = new ModbusRequestHandler() {
      @Override
      public ModbusResponse encapsulatedInterface(RequestContext ctx, int unitId, EncapsulatedInterfaceRequest r) {
        return new ReadDeviceIdentificationResponse(ReadDeviceIdCode.BASIC, 0x81, false, 0, List.of());
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, confused).build();

    assertThat(call(d, TCP, 1, "2B 0D 01")).isEqualTo("AB04");
    assertThat(d.dispatch(TCP, 1, new EncapsulatedInterfaceRequest(0x0D, new byte[] {1})))
        .contains(new ExceptionResponse(0x2B, ExceptionCode.SERVER_DEVICE_FAILURE));
  }

  @Test
  void aMalformedRequestToAHandlerWithoutCountersGetsItsException() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, marker(1)).build();

    assertThat(call(d, SERIAL, 1, "03 0000 0000")).isEqualTo("8303");
    assertThat(call(d, TCP, 1, "03 0000")).isEqualTo("8303");
    assertThat(call(d, TCP, 1, "00")).isNull();
  }

  @Test
  void aBroadcastReachesHandlersWithoutCounters() {
    List<Integer> seen = new java.util.ArrayList<>();
    ModbusRequestHandler plain = new ModbusRequestHandler() {
      @Override
      public ModbusResponse writeSingleRegister(RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
        seen.add(r.value());
        return new WriteSingleRegisterResponse(r.address(), r.value());
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, plain).build();

    assertThat(call(d, SERIAL, 0, "06 0000 0007")).isNull();
    assertThat(d.dispatch(SERIAL, 0, new WriteSingleRegisterRequest(0, 8))).isEmpty();
    assertThat(seen).containsExactly(7, 8);
  }

  @Test
  void toStringsSummariseTheStateForLogs() {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(7, device).unit(1, marker(1)).unknownUnitPolicy(UnknownUnitPolicy.NO_RESPONSE).build();
    call(d, SERIAL, 7, "03 0000 0001");
    call(d, SERIAL, 7, "03 0000 0000");

    assertThat(d).hasToString("ModbusDispatcher[units=[1, 7], unknownUnitPolicy=NO_RESPONSE]");
    assertThat(device).hasToString("RegisterDevice[modbus-toolkit]");
    assertThat(device.diagnosticCounters().toString())
        .startsWith("DiagnosticCounters[busMessages=2, commErrors=0, exceptions=1, serverMessages=2")
        .endsWith("events=1, listenOnly=false]");
    assertThat(d.metrics()).hasToString("DispatcherMetrics[requests=2, exceptions=1, notSent=0, malformed=1]");
  }
}
