package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import org.junit.jupiter.api.Test;

/** Routes for a range of units and for every unit (the catch-all), beside single units. */
class UnitRangeRoutingTest {

  private static ModbusRequestHandler marker(int value) {
    return new ModbusRequestHandler() {
      @Override
      public boolean mayBlock() {
        return false;
      }

      @Override
      public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        return ReadHoldingRegistersResponse.of(value);
      }
    };
  }

  private static final String READ = "03 0000 0001";

  @Test
  void aRangeServesEveryUnitInItAndNoneOutside() {
    ModbusRequestHandler ranged = marker(7);
    ModbusDispatcher d = ModbusDispatcher.builder().route(UnitRange.of(10, 20), ranged).build();

    assertThat(call(d, TCP, 10, READ)).isEqualTo("03020007");
    assertThat(call(d, TCP, 20, READ)).isEqualTo("03020007");
    assertThat(call(d, SERIAL, 15, READ)).isEqualTo("03020007");
    assertThat(call(d, TCP, 9, READ)).isEqualTo("830B");
    assertThat(call(d, TCP, 21, READ)).isEqualTo("830B");
    assertThat(d.units()).hasSize(11).contains(10, 20).doesNotContain(9, 21);
    assertThat(d.handler(15)).isSameAs(ranged);
  }

  @Test
  void aLaterSingleUnitOverridesTheRangeForThatUnit() {
    ModbusDispatcher d = ModbusDispatcher.builder()
        .route(UnitRange.SERIAL_UNITS, marker(1))
        .unit(100, marker(100))
        .build();
    assertThat(call(d, TCP, 99, READ)).isEqualTo("03020001");
    assertThat(call(d, TCP, 100, READ)).isEqualTo("03020064");
    assertThat(call(d, TCP, 247, READ)).isEqualTo("03020001");
  }

  @Test
  void theCatchAllServesEveryUnitNobodyElseDoesOnEveryTransport() {
    ModbusRequestHandler all = marker(0xAA);
    ModbusDispatcher d = ModbusDispatcher.builder().unit(5, marker(5)).routeAll(all).build();

    assertThat(call(d, TCP, 5, READ)).isEqualTo("03020005");
    assertThat(call(d, TCP, 6, READ)).isEqualTo("030200AA");
    assertThat(call(d, TCP, 248, READ)).isEqualTo("030200AA");
    assertThat(call(d, TCP, 255, READ)).isEqualTo("030200AA"); // no server device: the catch-all
    assertThat(call(d, TCP, 0, READ)).isEqualTo("030200AA");
    assertThat(call(d, SERIAL, 200, READ)).isEqualTo("030200AA");
    assertThat(call(d, SERIAL, 0, READ)).isNull();              // a serial broadcast: never answered
    assertThat(d.units()).containsExactly(5);
    assertThat(d.handler(200)).isSameAs(all);
    assertThat(d.catchAll()).isSameAs(all);
    assertThat(d.route(TCP, 200).isUnknownUnit()).isFalse();
  }

  @Test
  void anExplicitServerDeviceStillAnswersUnits0And255OnTcp() {
    ModbusDispatcher d = ModbusDispatcher.builder().routeAll(marker(0xAA)).serverDevice(marker(0xEE)).build();
    assertThat(call(d, TCP, 255, READ)).isEqualTo("030200EE");
    assertThat(call(d, TCP, 0, READ)).isEqualTo("030200EE");
    assertThat(call(d, TCP, 1, READ)).isEqualTo("030200AA");
  }

  @Test
  void withoutACatchAllUnits0And255StillReachUnit1() {
    ModbusDispatcher d = ModbusDispatcher.builder().route(UnitRange.of(1, 3), marker(1)).build();
    assertThat(call(d, TCP, 255, READ)).isEqualTo("03020001");
  }

  @Test
  void rangesAreValidatedWhereTheyAreBuilt() {
    assertThatThrownBy(() -> UnitRange.of(-1, 3)).hasMessageContaining("first unit id -1");
    assertThatThrownBy(() -> UnitRange.of(5, 4)).hasMessageContaining("last unit id 4 out of range 5..255");
    assertThatThrownBy(() -> UnitRange.of(5, 256)).hasMessageContaining("last unit id 256");
    assertThatThrownBy(() -> ModbusDispatcher.builder().route(UnitRange.of(0, 10), marker(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units 0..10");
    assertThatThrownBy(() -> ModbusDispatcher.builder().route(UnitRange.of(200, 255), marker(1)))
        .hasMessageContaining("units 200..255");
    assertThat(UnitRange.of(1, 247).size()).isEqualTo(247);
    assertThat(UnitRange.single(9).contains(9)).isTrue();
    assertThat(UnitRange.single(9).contains(10)).isFalse();
  }
}
