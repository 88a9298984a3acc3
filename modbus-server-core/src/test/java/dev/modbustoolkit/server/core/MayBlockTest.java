package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.registers.DataModel;
import org.junit.jupiter.api.Test;

/** Which requests may reach a handler that blocks: what event-loop transports ask before running one inline. */
class MayBlockTest {
  /** A handler that keeps every default, so declares it may block. */
  private static final ModbusRequestHandler CUSTOM = new ModbusRequestHandler() {};

  private final ModbusRequestHandler memory = RegisterDevice.of(DataModel.dense());

  @Test
  void aCustomHandlerMayBlockByDefaultARegisterDeviceNever() {
    assertThat(CUSTOM.mayBlock()).isTrue();
    assertThat(memory.mayBlock()).isFalse();
  }

  @Test
  void asksTheHandlerTheRequestWouldReach() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, memory).unit(2, CUSTOM).build();
    assertThat(d.mayBlock(TCP, 1)).isFalse();
    assertThat(d.mayBlock(TCP, 2)).isTrue();
    assertThat(d.mayBlock(SERIAL, 2)).isTrue();
    // No handler: the dispatcher answers (or stays silent) itself.
    assertThat(d.mayBlock(TCP, 3)).isFalse();
    assertThat(d.mayBlock(SERIAL, 247)).isFalse();
  }

  @Test
  void tcpUnits0And255AskTheServerDeviceASerialBroadcastAsksEveryUnit() {
    ModbusDispatcher unit1IsTheServerDevice = ModbusDispatcher.builder().unit(1, CUSTOM).unit(2, memory).build();
    assertThat(unit1IsTheServerDevice.mayBlock(TCP, 0)).isTrue();
    assertThat(unit1IsTheServerDevice.mayBlock(TCP, 255)).isTrue();
    ModbusDispatcher separate =
        ModbusDispatcher.builder().unit(1, CUSTOM).unit(2, memory).serverDevice(memory).build();
    assertThat(separate.mayBlock(TCP, 0)).isFalse();
    assertThat(separate.mayBlock(TCP, 255)).isFalse();
    // On a serial line unit 0 is a broadcast, executed by every unit: one that may block is enough.
    assertThat(separate.mayBlock(SERIAL, 0)).isTrue();
    assertThat(ModbusDispatcher.builder().unit(2, memory).build().mayBlock(SERIAL, 0)).isFalse();
    // On a serial line 255 is an ordinary (here unknown) unit.
    assertThat(separate.mayBlock(SERIAL, 255)).isFalse();
  }

  @Test
  void followsUnitsAddedAndRemovedWhileRunning() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, memory).build();
    d.addUnit(5, CUSTOM);
    assertThat(d.mayBlock(TCP, 5)).isTrue();
    assertThat(d.mayBlock(SERIAL, 0)).isTrue();
    d.removeUnit(5);
    assertThat(d.mayBlock(TCP, 5)).isFalse();
    assertThat(d.mayBlock(SERIAL, 0)).isFalse();
  }

  @Test
  void unitIdsOutsideTheWireRangeAreRefused() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, memory).build();
    assertThatThrownBy(() -> d.mayBlock(TCP, 256)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256");
    assertThatThrownBy(() -> d.mayBlock(TCP, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
