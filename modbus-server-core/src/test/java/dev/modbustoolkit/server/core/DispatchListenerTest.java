package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.call;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.registers.BitTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@link DispatchListener} is told: unit, function code, outcome; and that it cannot break a request. */
class DispatchListenerTest {
  record Seen(RequestContext context, int unit, int functionCode, int exceptionCode, int length) {}

  private final List<Seen> seen = new ArrayList<>();
  private final DataModel data = new DataModel(BitTable.dense(), BitTable.dense(),
      RegisterTable.sparse().block(0, 10).build(), RegisterTable.dense());
  private final ModbusDispatcher dispatcher = ModbusDispatcher.builder()
      .unit(1, RegisterDevice.of(data))
      .listener((ctx, unit, fc, exc, length, nanos) -> {
        assertThat(nanos).isNotNegative();
        seen.add(new Seen(ctx, unit, fc, exc, length));
      })
      .build();

  @Test
  void aNormalResponseAnExceptionAndNoResponseAreTold() {
    assertThat(call(dispatcher, TCP, 1, "03 0000 0002")).isEqualTo("03040000" + "0000");
    assertThat(call(dispatcher, TCP, 1, "03 0020 0001")).isEqualTo("8302");
    assertThat(call(dispatcher, SERIAL, 0, "06 0001 0005")).isNull(); // a broadcast gets no answer
    assertThat(call(dispatcher, TCP, 9, "04 0000 0001")).isEqualTo("840B"); // unknown unit
    assertThat(seen).containsExactly(
        new Seen(TCP, 1, 3, 0, 6),
        new Seen(TCP, 1, 3, 2, 2),
        new Seen(SERIAL, 0, 6, 0, ModbusDispatcher.NO_RESPONSE),
        new Seen(TCP, 9, 4, 0x0B, 2));
  }

  @Test
  void anEmptyPduHasNoFunctionCode() {
    call(dispatcher, TCP, 1, "");
    assertThat(seen).singleElement().extracting(Seen::functionCode).isEqualTo(DispatchListener.NO_FUNCTION_CODE);
  }

  @Test
  void aFailingListenerDoesNotBreakTheRequest() {
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, RegisterDevice.of(DataModel.dense()))
        .listener((ctx, unit, fc, exc, length, nanos) -> {
          throw new IllegalStateException("listener bug");
        })
        .build();
    assertThat(call(d, TCP, 1, "06 0001 0007")).isEqualTo("060001" + "0007");
    assertThat(d.metrics().requests(6)).isEqualTo(1);
  }

  @Test
  void aListenerThatKeepsNothingAddsNoAllocation() {
    AllocationCounter counter = AllocationCounter.current();
    long[] calls = new long[1];
    ModbusDispatcher d = ModbusDispatcher.builder()
        .unit(1, RegisterDevice.of(DataModel.dense()))
        .listener((ctx, unit, fc, exc, length, nanos) -> calls[0]++)
        .build();
    ByteBuffer request = ByteBuffer.wrap(Pdus.hex("03 0000 007D"));
    ByteBuffer out = ByteBuffer.allocate(260);
    int rounds = 20_000;
    for (int i = 0; i < rounds; i++) {
      request.rewind();
      out.clear();
      d.dispatch(TCP, 1, request, out);
    }
    long before = counter.bytes();
    for (int i = 0; i < rounds; i++) {
      request.rewind();
      out.clear();
      d.dispatch(TCP, 1, request, out);
    }
    assertThat((counter.bytes() - before) / rounds).as("bytes allocated per request").isLessThan(8);
    assertThat(calls[0]).isEqualTo(2L * rounds);
  }
}
