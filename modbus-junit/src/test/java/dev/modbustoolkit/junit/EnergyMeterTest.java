package dev.modbustoolkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.pdu.FunctionCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

// The README's example, as it stands there (imports aside).
@SimulatedDevice(profile = "energy-meter.yaml", clock = DeviceClock.MANUAL)   // src/test/resources, or a path
class EnergyMeterTest {
  @Test
  void theVoltageMoves(SimulatorHandle meter) throws Exception {
    try (ModbusClient client = ModbusClient.tcp(meter.host(), meter.port()).build()) {
      int before = client.blocking().readHoldingRegisters(1, 0, 1).values()[0];   // voltage-l1, 0.1 V
      meter.advance(Duration.ofSeconds(5));                                        // ten ticks of 500 ms
      int after = client.blocking().readHoldingRegisters(1, 0, 1).values()[0];
      assertThat(after).isNotEqualTo(before).isBetween(2280, 2320);
      assertThat(meter.read(1, "voltage-l1")).isEqualTo(after / 10.0);
      assertThat(meter.requests().requests(FunctionCode.READ_HOLDING_REGISTERS)).isEqualTo(2);
    }
  }
}
