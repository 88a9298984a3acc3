package dev.modbustoolkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusExceptionResponseException;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.simulator.profile.Table;
import org.junit.jupiter.api.Test;

/** Profiles, fault files, parameters, two devices at once, writes and faults counted, bad profiles. */
class SimulatedDeviceTest {

  @Test
  void aProfileAndAFaultFileAreAppliedAndTheFaultIsCounted(
      @SimulatedDevice(profile = "energy-meter.yaml", faults = "faults/busy-settings.yaml") SimulatorHandle meter)
      throws Exception {
    // No retries: the client would retry a busy answer twice, and the device would see (and count) three reads.
    try (ModbusClient client = ModbusClient.tcp(meter.host(), meter.port()).retry(RetryPolicy.NONE).build()) {
      assertThat(client.blocking().readHoldingRegisters(1, 1000, 8).values()[0]).isEqualTo((short) 0x454D);  // "EM"
      assertThatThrownBy(() -> client.blocking().readHoldingRegisters(1, 256, 1))
          .isInstanceOfSatisfying(ModbusExceptionResponseException.class,
              e -> assertThat(e.exceptionCode()).isEqualTo(ExceptionCode.SERVER_DEVICE_BUSY.code()));
      assertThatThrownBy(() -> client.blocking().readHoldingRegisters(1, 64, 1))   // outside the profile's blocks
          .isInstanceOfSatisfying(ModbusExceptionResponseException.class,
              e -> assertThat(e.exceptionCode()).isEqualTo(ExceptionCode.ILLEGAL_DATA_ADDRESS.code()));
    }
    assertThat(meter.requests().faultsFired("busy-settings")).isEqualTo(1);
    assertThat(meter.requests().faultsFired()).containsExactly(java.util.Map.entry("busy-settings", 1L));
    assertThat(meter.requests().exceptions(ExceptionCode.ILLEGAL_DATA_ADDRESS)).isEqualTo(1);
  }

  @Test
  void faultsChangeWhileTheDeviceRuns(@SimulatedDevice(size = 16) SimulatorHandle device) throws Exception {
    device.faults().add(FaultSpec.of("refuse", new ActionSpec.RespondWithException(ExceptionCode.ILLEGAL_FUNCTION)));
    try (ModbusClient client = ModbusClient.tcp(device.host(), device.port()).build()) {
      assertThatThrownBy(() -> client.blocking().readHoldingRegisters(1, 0, 1))
          .isInstanceOf(ModbusExceptionResponseException.class);
      assertThat(device.requests().faultsFired("refuse")).isEqualTo(1);
      assertThat(device.faults().remove("refuse")).isTrue();
      assertThat(client.blocking().readHoldingRegisters(1, 0, 1).values()).containsExactly(0);
    }
  }

  @Test
  void twoDevicesInOneTest(
      @SimulatedDevice(profile = "energy-meter.yaml") SimulatorHandle meter,
      @SimulatedDevice(profile = "tank.yaml", clock = DeviceClock.MANUAL) SimulatorHandle tank) throws Exception {
    assertThat(meter.port()).isNotEqualTo(tank.port());
    try (ModbusClient toMeter = ModbusClient.tcp(meter.host(), meter.port()).build();
        ModbusClient toTank = ModbusClient.tcp(tank.host(), tank.port()).build()) {
      toMeter.blocking().writeSingleRegister(1, 256, 200);                                // ct-ratio
      assertThat(meter.read(1, "ct-ratio")).isEqualTo(200);
      short[] setpoint = toTank.blocking().readHoldingRegisters(1, 0, 2).values();        // float32, whole
      assertThat(setpoint).hasSize(2);
      assertThat(tank.read(1, "level-setpoint")).isEqualTo(2.0);
    }
    assertThat(meter.requests().writes()).containsExactly(
        new DeviceWrite(java.util.List.of(1), Table.HOLDING_REGISTERS, 256, java.util.List.of(200),
            java.util.List.of("ct-ratio")));
    assertThat(meter.requests().writes(1, "ct-ratio")).hasSize(1);
    assertThat(meter.requests().requests(FunctionCode.WRITE_SINGLE_REGISTER)).isEqualTo(1);
    assertThat(tank.requests().requests(FunctionCode.WRITE_SINGLE_REGISTER)).isZero();
    assertThat(tank.requests().requests(FunctionCode.READ_HOLDING_REGISTERS)).isEqualTo(1);
    assertThat(tank.requests().writes()).isEmpty();
  }

  @Test
  void javaWritesAndMovingValuesAreNotClientWrites(
      @SimulatedDevice(profile = "energy-meter.yaml", clock = DeviceClock.MANUAL) SimulatorHandle meter) {
    double energy = meter.read(1, "energy-import");
    meter.advance(java.time.Duration.ofSeconds(3));
    meter.write(1, "ct-ratio", 150);

    assertThat(meter.read(1, "energy-import")).isGreaterThan(energy);
    assertThat(meter.read(1, "ct-ratio")).isEqualTo(150);
    assertThat(meter.requests().writes()).isEmpty();
    meter.reset();
    assertThat(meter.read(1, "ct-ratio")).isEqualTo(100);
    assertThat(meter.read(1, "energy-import")).isEqualTo(energy);
  }

  @Test
  void anUnknownPointIsNamedWithTheUnitsPoints(@SimulatedDevice(profile = "energy-meter.yaml") SimulatorHandle m) {
    assertThatThrownBy(() -> m.point(1, "voltage"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no point 'voltage'")
        .hasMessageContaining("voltage-l1");
    assertThatThrownBy(() -> m.advance(java.time.Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DeviceClock.MANUAL");
  }

  static class BadProfile {
    @SimulatedDevice(profile = "profiles/bad-type.yaml")
    SimulatorHandle device;

    @Test
    void never() {
      Fixtures.SEEN.add(device);
    }
  }

  @Test
  void aBadProfileFailsTheTestWithTheLoadersMessageNamingTheField() {
    Fixtures.Outcome outcome = Fixtures.run(BadProfile.class);

    assertThat(outcome.succeeded()).isEmpty();
    assertThat(Fixtures.SEEN).isEmpty();
    assertThat(outcome.failures()).singleElement().satisfies(e -> assertThat(e.getMessage())
        .contains("field BadProfile.device")
        .contains("profiles/bad-type.yaml")
        .contains("units[0].points[0].type"));
  }

  static class MissingFaultFile {
    @Test
    void never(@SimulatedDevice(faults = "no-such-faults.yaml") SimulatorHandle device) {
      Fixtures.SEEN.add(device);
    }
  }

  @Test
  void aMissingFileFailsTheTestNamingIt() {
    Fixtures.Outcome outcome = Fixtures.run(MissingFaultFile.class);

    assertThat(Fixtures.SEEN).isEmpty();
    assertThat(outcome.failures()).singleElement().satisfies(e -> assertThat(e.getMessage())
        .contains("faults no-such-faults.yaml")
        .contains("neither a file"));
  }

  static class TwoFieldsAndAPlainParameter {
    @SimulatedDevice
    SimulatorHandle a;

    @SimulatedDevice
    SimulatorHandle b;

    @Test
    void never(SimulatorHandle which) {
      Fixtures.SEEN.add(which);
    }
  }

  @Test
  void anUnannotatedParameterIsAmbiguousWithTwoDevices() {
    Fixtures.Outcome outcome = Fixtures.run(TwoFieldsAndAPlainParameter.class);

    assertThat(Fixtures.SEEN).isEmpty();
    assertThat(outcome.failures()).singleElement().satisfies(e -> assertThat(e.getMessage())
        .contains("declares 2 simulated devices"));
  }
}
