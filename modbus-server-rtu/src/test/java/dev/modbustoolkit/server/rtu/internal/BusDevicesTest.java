package dev.modbustoolkit.server.rtu.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.DiagnosticCounters;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import org.junit.jupiter.api.Test;

/** The devices of a serial line as the engine sees them, at the ends of the unit range (1..247). */
class BusDevicesTest {
  private static RegisterDevice device() {
    return RegisterDevice.of(DataModel.dense());
  }

  private static DiagnosticCounters counters(RegisterDevice device) {
    DiagnosticCounters c = device.diagnosticCounters();
    assertThat(c).isNotNull();
    return c;
  }

  @Test
  void servesTheUnitsWithAHandler() {
    BusDevices bus = new BusDevices(ModbusDispatcher.builder().unit(1, device()).unit(247, device()).build());
    assertThat(bus.serves(1)).isTrue();
    assertThat(bus.serves(247)).isTrue();
    assertThat(bus.serves(2)).isFalse();
  }

  @Test
  void theAsciiDelimiterIsTheFirstDevicesEvenAtUnit247() {
    RegisterDevice last = device();
    counters(last).setAsciiInputDelimiter('!');
    BusDevices bus = new BusDevices(ModbusDispatcher.builder().unit(247, last).build());
    assertThat(bus.asciiDelimiter()).isEqualTo('!');

    RegisterDevice first = device();
    counters(first).setAsciiInputDelimiter('$');
    bus = new BusDevices(ModbusDispatcher.builder().unit(1, first).unit(247, last).build());
    assertThat(bus.asciiDelimiter()).isEqualTo('$');
  }

  @Test
  void withoutADeviceKeepingDiagnosticsTheDelimiterIsLineFeed() {
    assertThat(new BusDevices(ModbusDispatcher.builder().build()).asciiDelimiter()).isEqualTo('\n');
    assertThat(BusDevices.DEFAULT_DELIMITER).isEqualTo('\n');
  }

  @Test
  void aBusMessageIsCountedOnceInEveryCounterSetSharedOrNot() {
    RegisterDevice shared = device();
    RegisterDevice last = device();
    BusDevices bus = new BusDevices(ModbusDispatcher.builder().unit(1, shared).unit(2, shared).unit(247, last)
        .build());
    bus.countBusMessage();
    bus.countBusMessage();
    assertThat(counters(shared).busMessageCount()).isEqualTo(2);
    assertThat(counters(last).busMessageCount()).isEqualTo(2);
  }
}
