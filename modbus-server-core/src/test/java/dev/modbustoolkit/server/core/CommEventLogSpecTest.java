package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.norm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.DataModel;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The comm event log from the spec's wording (MODBUS Application Protocol V1.1b3, 6.10): a receive event "is stored
 * before the remote device processes" a message, and a send event "when it finishes processing a request message.
 * It is stored if the remote device returned a normal or exception response, or no response". So every request a
 * device takes adds exactly two events, whatever it did: a restart (08/01), a clear (08/0A), entering listen-only
 * mode (08/04), a request in listen-only mode, a broadcast, a request the handler declined. A send event has bit 6
 * set and bit 5 while the device is in listen-only mode (0x60); receive events bit 7 (0x80), bit 5 in listen-only
 * (0xA0), bit 6 for a broadcast (0xC0). 08/01 logs its restart event (00) while it is processed, so its send event
 * follows it. Expected bytes are written out, most recent first, as FC 0C returns them.
 */
class CommEventLogSpecTest {
  private final RegisterDevice device = RegisterDevice.of(DataModel.dense());
  private final ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, device).build();

  private @Nullable String call(String requestHex) {
    return Pdus.call(dispatcher, SERIAL, 1, requestHex);
  }

  private String log() {
    return Pdus.hex(device.diagnosticCounters().eventLog().events());
  }

  @Test
  void aRestartStoresItsSendEventAfterItsRestartEvent() {
    call("03 0000 0001");
    assertThat(call("08 0001 0000")).isEqualTo(norm("08 0001 0000"));
    // 0C's receive; 08/01: send 40, restart 00, receive 80; 03: send 40, receive 80 (the old code: 80 00 80 40 80)
    assertThat(call("0C")).isEqualTo(norm("0C 0C 0000 0000 0001 80 40 00 80 40 80"));
  }

  @Test
  void aRestartThatClearsTheLogKeepsItsOwnEvents() {
    call("03 0000 0001");
    assertThat(call("08 0001 FF00")).isEqualTo(norm("08 0001 FF00"));
    assertThat(call("0C")).isEqualTo(norm("0C 09 0000 0000 0001 80 40 00"));
  }

  @Test
  void aClearStoresItsSendEvent() {
    call("03 0000 0001");
    assertThat(call("08 000A 0000")).isEqualTo(norm("08 000A 0000"));
    assertThat(call("0C")).isEqualTo(norm("0C 0B 0000 0000 0001 80 40 80 40 80"));
  }

  @Test
  void forcingListenOnlyModeStoresASendEventWithTheListenOnlyBit() {
    assertThat(call("08 0004 0000")).isNull();
    // receive 80, entered listen-only 04, then the send event: the device is in listen-only mode now
    assertThat(log()).isEqualTo(norm("60 04 80"));
  }

  @Test
  void everyRequestInListenOnlyModeStoresBothEventsAndTheSilentRestartToo() {
    call("08 0004 0000");
    assertThat(call("03 0000 0001")).isNull();
    assertThat(log()).isEqualTo(norm("60 A0 60 04 80"));
    assertThat(call("08 0001 0000")).isNull(); // restarted silently: the send event comes after listen-only ended
    assertThat(call("0C")).isEqualTo(norm("0C 0F 0000 0000 0001 80 40 00 A0 60 A0 60 04 80"));
  }

  @Test
  void aBroadcastStoresASendEventThoughNothingIsSent() {
    assertThat(Pdus.call(dispatcher, SERIAL, 0, "06 0001 0001")).isNull();
    assertThat(log()).isEqualTo(norm("40 C0"));
  }

  @Test
  void aRequestTheHandlerDeclinesStoresASendEvent() {
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
    assertThat(Pdus.call(d, SERIAL, 1, "06 0000 0001")).isNull();
    assertThat(d.dispatch(SERIAL, 1, new WriteSingleRegisterRequest(0, 1))).isEmpty();
    assertThat(Pdus.hex(counters.eventLog().events())).isEqualTo(norm("40 80 40 80"));
  }

  @Test
  void exceptionsStoreTheirSendEventBits() {
    call("03 0000 007E"); // quantity 126: 03, a read exception
    call("03 0000 0001");
    assertThat(log()).isEqualTo(norm("40 80 41 80"));
  }
}
