package dev.modbustoolkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.pdu.FunctionCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per class and per method: one device shared or one each, and every one stopped (its port closed) afterwards. */
class SimulatedDeviceLifecycleTest {

  @SimulatedDevice(size = 16)
  static class PerClass {
    @BeforeAll
    static void before(SimulatorHandle device) {
      Fixtures.SEEN.add(device);
    }

    @Test
    void first(SimulatorHandle device) throws Exception {
      Fixtures.SEEN.add(device);
      read(device);
    }

    @Test
    void second(SimulatorHandle device) throws Exception {
      Fixtures.SEEN.add(device);
      read(device);
    }
  }

  @SimulatedDevice(size = 16, lifecycle = Lifecycle.PER_METHOD)
  static class PerMethodOnClass {
    @BeforeEach
    void before(SimulatorHandle device) {
      assertThat(device.isRunning()).isTrue();
    }

    @Test
    void first(SimulatorHandle device) throws Exception {
      Fixtures.SEEN.add(device);
      read(device);
      assertThat(device.requests().totalRequests()).isEqualTo(1);
    }

    @Test
    void second(SimulatorHandle device) throws Exception {
      Fixtures.SEEN.add(device);
      read(device);
      assertThat(device.requests().totalRequests()).isEqualTo(1);   // a fresh device: this test's read only
    }
  }

  static class Fields {
    @SimulatedDevice(size = 16)
    static SimulatorHandle shared;

    @SimulatedDevice(size = 16)
    SimulatorHandle own;

    @Test
    void first() throws Exception {
      Fixtures.SEEN.add(shared);
      Fixtures.SEEN.add(own);
      read(own);
    }

    @Test
    void second() throws Exception {
      Fixtures.SEEN.add(shared);
      Fixtures.SEEN.add(own);
      read(own);
    }
  }

  static void read(SimulatorHandle device) throws Exception {
    try (ModbusClient client = ModbusClient.tcp(device.host(), device.port()).build()) {
      assertThat(client.blocking().readHoldingRegisters(1, 0, 2).values()).containsExactly(0, 0);
    }
    assertThat(device.requests().requests(FunctionCode.READ_HOLDING_REGISTERS)).isPositive();
  }

  @Test
  void aClassAnnotationStartsOneDeviceForTheClassAndStopsItAfterwards() {
    Fixtures.Outcome outcome = Fixtures.run(PerClass.class);

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.succeeded()).hasSize(2);
    assertThat(Fixtures.SEEN).hasSize(3).containsOnly(Fixtures.SEEN.get(0));   // @BeforeAll and both tests
    SimulatorHandle device = Fixtures.SEEN.get(0);
    assertThat(device.requests().requests(FunctionCode.READ_HOLDING_REGISTERS)).isEqualTo(2);
    assertThat(device.isRunning()).isFalse();
    assertThat(Fixtures.listening(device.port())).as("port %d after the class", device.port()).isFalse();
  }

  @Test
  void perMethodOnTheClassStartsADeviceForEachMethod() {
    Fixtures.Outcome outcome = Fixtures.run(PerMethodOnClass.class);

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.succeeded()).hasSize(2);
    assertThat(Fixtures.SEEN).hasSize(2).doesNotHaveDuplicates();
    for (SimulatorHandle device : Fixtures.SEEN) {
      assertThat(device.isRunning()).isFalse();
      assertThat(Fixtures.listening(device.port())).isFalse();
    }
  }

  @Test
  void aStaticFieldIsPerClassAndAnInstanceFieldPerMethod() {
    Fixtures.Outcome outcome = Fixtures.run(Fields.class);

    assertThat(outcome.failures()).isEmpty();
    assertThat(outcome.succeeded()).hasSize(2);
    SimulatorHandle shared1 = Fixtures.SEEN.get(0);
    SimulatorHandle own1 = Fixtures.SEEN.get(1);
    SimulatorHandle shared2 = Fixtures.SEEN.get(2);
    SimulatorHandle own2 = Fixtures.SEEN.get(3);
    assertThat(shared2).isSameAs(shared1);
    assertThat(own2).isNotSameAs(own1);
    assertThat(own1.port()).isNotEqualTo(shared1.port());
    for (SimulatorHandle device : Fixtures.SEEN) {
      assertThat(device.isRunning()).isFalse();
      assertThat(Fixtures.listening(device.port())).isFalse();
    }
  }
}
