package dev.modbustoolkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.client.ModbusExceptionResponseException;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.fault.ActionSpec;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.TriggerSpec;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.simulator.profile.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The device built in code: a static {@code @RegisterExtension} field, shared by the class's tests. */
class SimulatorExtensionTest {

  @RegisterExtension
  static SimulatorExtension device = SimulatorExtension.builder()
      .units(1, 2)
      .size(100)
      .transports(Transport.TCP, Transport.RTU_OVER_TCP, Transport.UDP)
      .fault(FaultSpec.of("busy-unit-2", new ActionSpec.RespondWithException(ExceptionCode.SERVER_DEVICE_BUSY),
          TriggerSpec.builder().unitIds(2).build()))
      .build();

  @Test
  void theHandleComesFromTheFieldAndAsAParameter(SimulatorHandle handle) throws Exception {
    assertThat(handle).isSameAs(device.handle());
    assertThat(handle.port(Transport.RTU_OVER_TCP)).isPositive().isNotEqualTo(handle.port());
    assertThat(handle.port(Transport.UDP)).isPositive();
    handle.requests().reset();
    try (ModbusClient client = ModbusClient.tcp(handle.host(), handle.port()).retry(RetryPolicy.NONE).build()) {
      client.blocking().writeSingleRegister(1, 99, 7);
      assertThat(client.blocking().readHoldingRegisters(1, 99, 1).values()).containsExactly(7);
      assertThatThrownBy(() -> client.blocking().readHoldingRegisters(2, 0, 1))
          .isInstanceOfSatisfying(ModbusExceptionResponseException.class,
              e -> assertThat(e.exceptionCode()).isEqualTo(ExceptionCode.SERVER_DEVICE_BUSY.code()));
    }
    assertThat(handle.requests().faultsFired("busy-unit-2")).isEqualTo(1);
    assertThat(handle.requests().writes()).singleElement().satisfies(w -> {
      assertThat(w.units()).containsExactly(1);
      assertThat(w.address()).isEqualTo(99);
    });
  }
}
