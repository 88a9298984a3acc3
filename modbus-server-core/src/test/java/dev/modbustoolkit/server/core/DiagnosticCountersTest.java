package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.call;
import static dev.modbustoolkit.server.core.Pdus.norm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.DiagnosticSubFunction;
import dev.modbustoolkit.pdu.DiagnosticsRequest;
import dev.modbustoolkit.pdu.DiagnosticsResponse;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterResponse;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The FC08 counters (spec 6.8), the comm event counter (6.9) and the event log (6.10): the counters' own rules and
 * which counters each kind of message moves through the dispatcher, at both dispatch levels.
 */
class DiagnosticCountersTest {

  private static DataModel sparse() {
    return new DataModel(BitTable.dense(), BitTable.dense(), RegisterTable.sparse().block(0, 16).build(),
        RegisterTable.dense());
  }

  // ---- the counters' own rules ---------------------------------------------------------------------------------

  @Test
  void diagnosticRegisterTakes16Bits() {
    DiagnosticCounters c = new DiagnosticCounters();

    c.setDiagnosticRegister(0);
    assertThat(c.diagnosticRegister()).isZero();
    c.setDiagnosticRegister(0xFFFF);
    assertThat(c.diagnosticRegister()).isEqualTo(0xFFFF);
    assertThatThrownBy(() -> c.setDiagnosticRegister(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.setDiagnosticRegister(0x10000)).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.diagnosticRegister()).isEqualTo(0xFFFF);
  }

  @Test
  void asciiDelimiterTakesOneByte() {
    DiagnosticCounters c = new DiagnosticCounters();
    assertThat(c.asciiInputDelimiter()).isEqualTo(DiagnosticCounters.DEFAULT_ASCII_INPUT_DELIMITER);

    c.setAsciiInputDelimiter(0);
    assertThat(c.asciiInputDelimiter()).isZero();
    c.setAsciiInputDelimiter(0xFF);
    assertThat(c.asciiInputDelimiter()).isEqualTo(0xFF);
    assertThatThrownBy(() -> c.setAsciiInputDelimiter(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.setAsciiInputDelimiter(0x100)).isInstanceOf(IllegalArgumentException.class);
    assertThat(c.asciiInputDelimiter()).isEqualTo(0xFF);
  }

  @Test
  void transportErrorsAreLoggedAsReceiveEvents() {
    DiagnosticCounters c = new DiagnosticCounters();

    c.incrementBusCommunicationErrorCount();
    c.incrementBusCharacterOverrunCount();
    c.enterListenOnlyMode();
    c.incrementBusCommunicationErrorCount();
    c.incrementBusCharacterOverrunCount();

    // Most recent first: in listen-only mode the receive events carry bit 5.
    assertThat(c.eventLog().events()).containsExactly(0xB0, 0xA2, 0x04, 0x90, 0x82);
    assertThat(c.busCommunicationErrorCount()).isEqualTo(2);
    assertThat(c.busCharacterOverrunCount()).isEqualTo(2);
  }

  @Test
  void onlyACompletedMessageThatIsNotAPollCountsAsAnEventWithoutAResponse() {
    DiagnosticCounters c = new DiagnosticCounters();

    c.completedWithoutResponse(c.messageReceived(false), false, true); // not executed (e.g. listen-only)
    assertThat(c.eventCount()).isZero();
    c.completedWithoutResponse(c.messageReceived(false), true, false); // a broadcast 0B / 0C
    assertThat(c.eventCount()).isZero();
    c.completedWithoutResponse(c.messageReceived(true), true, true); // a broadcast write
    assertThat(c.eventCount()).isEqualTo(1);
    assertThat(c.serverNoResponseCount()).isEqualTo(3);
    assertThat(c.serverMessageCount()).isEqualTo(3);
  }

  @Test
  void aCompletionAfterAClearIsNotCountedButLaterMessagesAre() {
    DiagnosticCounters c = new DiagnosticCounters();

    long stale = c.messageReceived(false);
    c.clearCountersAndDiagnosticRegister();
    c.responseSent(stale, 0x02, true);
    c.completedWithoutResponse(stale, true, true);
    assertThat(c.busExceptionErrorCount()).isZero();
    assertThat(c.serverNoResponseCount()).isZero();

    c.responseSent(c.messageReceived(false), 0x02, true);
    c.responseSent(c.messageReceived(false), 0, true);
    c.completedWithoutResponse(c.messageReceived(false), true, true);
    assertThat(c.busExceptionErrorCount()).isEqualTo(1);
    assertThat(c.eventCount()).isEqualTo(2);
    assertThat(c.serverNoResponseCount()).isEqualTo(1);
    assertThat(c.serverMessageCount()).isEqualTo(3);
  }

  @Test
  void countReadsTheNamedCounterAndRejectsOtherSubFunctions() {
    DiagnosticCounters c = new DiagnosticCounters();
    c.incrementBusMessageCount();
    c.incrementBusMessageCount();
    c.incrementBusCommunicationErrorCount();

    assertThat(c.count(DiagnosticSubFunction.RETURN_BUS_MESSAGE_COUNT)).isEqualTo(2);
    assertThat(c.count(DiagnosticSubFunction.RETURN_BUS_COMMUNICATION_ERROR_COUNT)).isEqualTo(1);
    assertThatThrownBy(() -> c.count(DiagnosticSubFunction.RETURN_QUERY_DATA))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- what the dispatcher counts --------------------------------------------------------------------------------

  @Test
  void aClearDoesNotSilenceTheCountersForLaterMessages() {
    RegisterDevice device = RegisterDevice.of(sparse());
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();
    call(d, SERIAL, 1, "03 0000 0001");

    assertThat(call(d, SERIAL, 1, "08 000A 0000")).isEqualTo(norm("08 000A 0000"));
    call(d, SERIAL, 1, "03 0000 0001"); // normal
    call(d, SERIAL, 1, "03 0100 0001"); // exception 02

    DiagnosticCounters c = device.diagnosticCounters();
    assertThat(c.eventCount()).isEqualTo(1);
    assertThat(c.busExceptionErrorCount()).isEqualTo(1);
    assertThat(c.serverMessageCount()).isEqualTo(2);
    assertThat(c.busMessageCount()).isEqualTo(2);
  }

  @Test
  void objectDispatchCountsLikeByteDispatch() {
    RegisterDevice device = RegisterDevice.of(sparse());
    RegisterDevice other = RegisterDevice.of(sparse());
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).unit(2, other).build();

    assertThat(d.dispatch(SERIAL, 1, new ReadHoldingRegistersRequest(0, 1))).isPresent(); // normal
    assertThat(d.dispatch(SERIAL, 1, new ReadHoldingRegistersRequest(0x100, 1)))
        .contains(new ExceptionResponse(3, ExceptionCode.ILLEGAL_DATA_ADDRESS));
    assertThat(d.dispatch(SERIAL, 2, new ReadHoldingRegistersRequest(0, 1))).isPresent(); // the other device's

    DiagnosticCounters c = device.diagnosticCounters();
    assertThat(c.busMessageCount()).isEqualTo(3);
    assertThat(c.serverMessageCount()).isEqualTo(2);
    assertThat(c.busExceptionErrorCount()).isEqualTo(1);
    assertThat(c.eventCount()).isEqualTo(1);
    assertThat(c.serverNoResponseCount()).isZero();
    assertThat(c.eventLog().events()).containsExactly(0x41, 0x80, 0x40, 0x80);
    assertThat(d.metrics().exceptions(ExceptionCode.ILLEGAL_DATA_ADDRESS)).isEqualTo(1);
    assertThat(d.metrics().requests(3)).isEqualTo(3);
  }

  @Test
  void objectDispatchHonoursListenOnlyModeAndRestart() {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();

    assertThat(d.dispatch(SERIAL, 1, DiagnosticsRequest.of(DiagnosticSubFunction.FORCE_LISTEN_ONLY_MODE, 0)))
        .isEmpty();
    assertThat(d.dispatch(SERIAL, 1, new WriteSingleRegisterRequest(1, 9))).isEmpty();
    assertThat(device.dataModel().holdingRegisters().get(1)).isZero(); // not executed
    assertThat(d.metrics().responsesNotSent(NoResponseReason.LISTEN_ONLY)).isEqualTo(1);
    assertThat(device.diagnosticCounters().eventCount()).isEqualTo(1); // only the force listen-only itself
    assertThat(device.diagnosticCounters().serverNoResponseCount()).isEqualTo(2);

    // A restart is acted on, silently; afterwards requests are answered again.
    assertThat(d.dispatch(SERIAL, 1, DiagnosticsRequest.of(DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION, 0)))
        .isEmpty();
    assertThat(device.diagnosticCounters().isListenOnly()).isFalse();
    assertThat(d.dispatch(SERIAL, 1, new WriteSingleRegisterRequest(1, 9)))
        .contains(new WriteSingleRegisterResponse(1, 9));
    assertThat(d.dispatch(SERIAL, 1, DiagnosticsRequest.of(DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION, 0)))
        .contains(DiagnosticsResponse.of(DiagnosticSubFunction.RESTART_COMMUNICATIONS_OPTION, 0));
  }

  @Test
  void aDeclinedRequestCountsAsNoResponseAtBothLevels() {
    DiagnosticCounters counters = new DiagnosticCounters();
    ModbusRequestHandler silent = new ModbusRequestHandler() {
      @Override
      public DiagnosticCounters diagnosticCounters() {
        return counters;
      }

      @Override
      public @Nullable ModbusResponse writeSingleRegister(
          RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
        return null;
      }
    };
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, silent).build();

    assertThat(d.dispatch(SERIAL, 1, new WriteSingleRegisterRequest(0, 1))).isEmpty();
    assertThat(call(d, SERIAL, 1, "06 0000 0001")).isNull();

    assertThat(d.metrics().responsesNotSent(NoResponseReason.HANDLER_DECLINED)).isEqualTo(2);
    assertThat(counters.serverNoResponseCount()).isEqualTo(2);
    // The handler completed without an exception: a comm event each (spec 6.9).
    assertThat(counters.eventCount()).isEqualTo(2);
    // And a send event each, though nothing was sent (spec 6.10).
    assertThat(counters.eventLog().events()).containsExactly(0x40, 0x80, 0x40, 0x80);
  }

  @Test
  void aBroadcastCountsAsAServerMessageWithoutResponseAndAnEventOnlyWhenCompleted() {
    RegisterDevice device = RegisterDevice.of(sparse());
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();
    DiagnosticCounters c = device.diagnosticCounters();

    assertThat(call(d, SERIAL, 0, "06 0001 0001")).isNull(); // executed
    assertThat(c.eventCount()).isEqualTo(1);
    assertThat(call(d, SERIAL, 0, "06 0100 0001")).isNull(); // refused with 02, never sent
    assertThat(c.eventCount()).isEqualTo(1);
    assertThat(call(d, SERIAL, 0, "0B")).isNull(); // a poll: never an event
    assertThat(c.eventCount()).isEqualTo(1);

    assertThat(c.serverMessageCount()).isEqualTo(3);
    assertThat(c.serverNoResponseCount()).isEqualTo(3);
    assertThat(c.busExceptionErrorCount()).isZero();
    assertThat(c.eventLog().events()).containsExactly(0x40, 0xC0, 0x40, 0xC0, 0x40, 0xC0);
  }

  @Test
  void aBroadcastIsNotExecutedInListenOnlyModeExceptARestart() {
    RegisterDevice device = RegisterDevice.of(DataModel.dense());
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();
    device.diagnosticCounters().enterListenOnlyMode();

    assertThat(call(d, SERIAL, 0, "06 0001 0001")).isNull();
    assertThat(device.dataModel().holdingRegisters().get(1)).isZero();
    assertThat(device.diagnosticCounters().eventCount()).isZero();

    assertThat(call(d, SERIAL, 0, "08 0001 0000")).isNull();
    assertThat(device.diagnosticCounters().isListenOnly()).isFalse();
    assertThat(call(d, SERIAL, 0, "06 0001 0001")).isNull();
    assertThat(device.dataModel().holdingRegisters().get(1)).isEqualTo(1);
  }
}
