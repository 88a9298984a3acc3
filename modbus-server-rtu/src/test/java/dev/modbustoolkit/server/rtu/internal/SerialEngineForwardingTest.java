package dev.modbustoolkit.server.rtu.internal;

import static dev.modbustoolkit.server.rtu.Bytes.rtu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.serial.SerialMode;
import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.server.core.ForwardedRequest;
import dev.modbustoolkit.server.core.ForwardingHandler;
import dev.modbustoolkit.server.core.ForwardingMode;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.rtu.Bytes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A forwarding catch-all behind a serial line: the engine waits for its future, one request at a time. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialEngineForwardingTest {

  /** Answers every read with one register holding 0x2A, from another thread after 20 ms. */
  static final class Gateway implements ForwardingHandler {
    final List<ForwardedRequest> seen = new CopyOnWriteArrayList<>();
    final ForwardingMode mode;

    Gateway(ForwardingMode mode) {
      this.mode = mode;
    }

    @Override
    public CompletionStage<ForwardAnswer> forward(ForwardedRequest request) {
      seen.add(request);
      if (request.unitId() == 99) {
        return CompletableFuture.completedFuture(ForwardAnswer.exception(ExceptionCode.GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND));
      }
      return CompletableFuture.supplyAsync(
          () -> ForwardAnswer.response(new byte[] {request.pdu()[0], 0x02, 0x00, 0x2A}),
          CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
    }

    @Override
    public ForwardingMode forwardingMode() {
      return mode;
    }
  }

  private static LineHarness line(Gateway gateway) {
    return new LineHarness(FaultPipeline.empty(),
        EngineSettings.serialLine(SerialMode.RTU, dev.modbustoolkit.serial.RtuTiming.of(
            dev.modbustoolkit.serial.SerialLineSettings.RTU_DEFAULT, Duration.ZERO), 1),
        ModbusDispatcher.builder().routeAll(gateway).build());
  }

  @Test
  void anyUnitIsForwardedAndItsAsynchronousAnswerSentAfterTheTurnaround() throws Exception {
    Gateway gateway = new Gateway(ForwardingMode.VALIDATE);
    LineHarness line = line(gateway);
    line.send(rtu("11 03 00 00 00 01"));
    assertThat(line.output.hex()).containsExactly(Bytes.hex(rtu("11 03 02 00 2A")));
    assertThat(gateway.seen).singleElement().satisfies(r -> {
      assertThat(r.unitId()).isEqualTo(0x11);
      assertThat(r.broadcast()).isFalse();
    });
    line.send(rtu("63 03 00 00 00 01"));
    assertThat(line.output.hex()).last().isEqualTo(Bytes.hex(rtu("63 83 0B")));
  }

  @Test
  void aBroadcastReachesTheForwarderAndIsNeverAnswered() throws Exception {
    Gateway gateway = new Gateway(ForwardingMode.VALIDATE);
    LineHarness line = line(gateway);
    line.send(rtu("00 06 00 01 00 07"));
    line.quiet();
    assertThat(line.output.writes).isEmpty();
    assertThat(gateway.seen).singleElement().satisfies(r -> {
      assertThat(r.broadcast()).isTrue();
      assertThat(r.unitId()).isZero();
    });
    assertThat(line.stats.snapshot().broadcasts()).isEqualTo(1);
  }

  @Test
  void anOddFunctionCodeIsForwardedOnlyInPassThrough() throws Exception {
    Gateway passThrough = new Gateway(ForwardingMode.PASS_THROUGH);
    LineHarness open = line(passThrough);
    open.send(rtu("05 09 01"));
    open.quiet();
    assertThat(open.output.hex()).containsExactly(Bytes.hex(rtu("05 09 02 00 2A")));

    Gateway validating = new Gateway(ForwardingMode.VALIDATE);
    LineHarness strict = line(validating);
    strict.send(rtu("05 09 01"));
    strict.quiet();
    assertThat(strict.output.hex()).containsExactly(Bytes.hex(rtu("05 89 01")));
    assertThat(validating.seen).isEmpty();
  }
}
