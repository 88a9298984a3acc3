package dev.modbustoolkit.server.core;

import static dev.modbustoolkit.server.core.Pdus.SERIAL;
import static dev.modbustoolkit.server.core.Pdus.TCP;
import static dev.modbustoolkit.server.core.Pdus.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The fast path is open to any handler: one that is no {@link RegisterDevice} is served through it, declines to the
 * typed path, and has its exceptions counted like the typed path's.
 */
class RawPduHandlerTest {

  /**
   * Serves FC03 from eight registers from the bytes (02 beyond them) and declines everything else; its typed
   * FC03 method must never run, its typed FC06 method serves the declined writes.
   */
  private static final class EightRegisters implements ModbusRequestHandler, RawPduHandler {
    final short[] registers = {10, 11, 12, 13, 14, 15, 16, 17};
    final DiagnosticCounters counters = new DiagnosticCounters();
    final AtomicInteger rawCalls = new AtomicInteger();
    final AtomicInteger typedCalls = new AtomicInteger();

    @Override
    public DiagnosticCounters diagnosticCounters() {
      return counters;
    }

    @Override
    public boolean mayBlock() {
      return false;
    }

    @Override
    public RawOutcome serveRaw(RequestContext context, int unitId, ByteBuffer pdu, ByteBuffer out) {
      rawCalls.incrementAndGet();
      int start = pdu.position();
      if (pdu.remaining() != 5 || pdu.get(start) != 0x03) {
        pdu.position(pdu.limit()); // moved on purpose: the dispatcher must restore it on DECLINED
        return RawOutcome.DECLINED;
      }
      int address = pdu.getShort(start + 1);
      int quantity = pdu.getShort(start + 3);
      if (quantity < 1 || quantity > 125) {
        return RawOutcome.DECLINED; // the decoder names 03
      }
      if (address < 0 || address + quantity > registers.length) {
        ExceptionResponse.writeException(0x03, ExceptionCode.ILLEGAL_DATA_ADDRESS, out);
        return RawOutcome.ANSWERED;
      }
      out.put((byte) 0x03).put((byte) (2 * quantity));
      for (int i = 0; i < quantity; i++) {
        out.putShort(registers[address + i]);
      }
      return RawOutcome.ANSWERED;
    }

    @Override
    public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
      typedCalls.incrementAndGet();
      if (r.address() + r.quantity() > registers.length) {
        return new ExceptionResponse(3, ExceptionCode.ILLEGAL_DATA_ADDRESS);
      }
      short[] values = new short[r.quantity()];
      System.arraycopy(registers, r.address(), values, 0, r.quantity());
      return new ReadHoldingRegistersResponse(values);
    }

    @Override
    public ModbusResponse writeSingleRegister(RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
      typedCalls.incrementAndGet();
      if (r.address() >= registers.length) {
        return new ExceptionResponse(6, ExceptionCode.ILLEGAL_DATA_ADDRESS);
      }
      registers[r.address()] = (short) r.value();
      return new WriteSingleRegisterResponse(r.address(), r.value());
    }
  }

  /** The same device without the fast path: the oracle for counting. */
  private static ModbusRequestHandler typedOnly(EightRegisters device) {
    return new ModbusRequestHandler() {
      @Override
      public DiagnosticCounters diagnosticCounters() {
        return device.counters;
      }

      @Override
      public ModbusResponse readHoldingRegisters(RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        return device.readHoldingRegisters(ctx, unitId, r);
      }

      @Override
      public ModbusResponse writeSingleRegister(RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
        return device.writeSingleRegister(ctx, unitId, r);
      }
    };
  }

  @Test
  void aCustomHandlerIsServedThroughTheFastPath() {
    EightRegisters device = new EightRegisters();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();

    assertThat(call(d, TCP, 1, "03 0002 0003")).isEqualTo("0306000C000D000E");
    assertThat(call(d, TCP, 1, "03 0007 0002")).isEqualTo("8302");

    assertThat(device.rawCalls).hasValue(2);
    assertThat(device.typedCalls).hasValue(0);
  }

  @Test
  void aDeclinedRequestTakesTheTypedPathWithTheRequestBytesRestored() {
    EightRegisters device = new EightRegisters();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();

    assertThat(call(d, TCP, 1, "06 0001 0063")).isEqualTo("060001" + "0063");
    assertThat(call(d, TCP, 1, "03 0000 0000")).isEqualTo("8303"); // declined: the decoder names the quantity
    assertThat(call(d, TCP, 1, "01 0000 0001")).isEqualTo("8101"); // declined: the typed default

    assertThat(device.registers[1]).isEqualTo((short) 0x63);
    assertThat(device.rawCalls).hasValue(3);
    assertThat(device.typedCalls).hasValue(1);
  }

  @Test
  void exceptionsWrittenByTheFastPathAreCountedLikeTheTypedPaths() {
    EightRegisters fast = new EightRegisters();
    EightRegisters slow = new EightRegisters();
    ModbusDispatcher raw = ModbusDispatcher.builder().unit(1, fast).build();
    ModbusDispatcher typed = ModbusDispatcher.builder().unit(1, typedOnly(slow)).build();
    String[] requests = {"03 0000 0002", "03 0007 0002", "03 0100 0001", "06 0009 0001", "03 0000 0001"};

    for (String request : requests) {
      assertThat(call(raw, SERIAL, 1, request)).as(request).isEqualTo(call(typed, SERIAL, 1, request));
    }

    assertThat(fast.typedCalls).as("FC03 never reached the typed method").hasValue(1);
    assertThat(raw.metrics().exceptions(ExceptionCode.ILLEGAL_DATA_ADDRESS)).isEqualTo(3);
    assertThat(raw.metrics().totalExceptions()).isEqualTo(typed.metrics().totalExceptions());
    assertThat(raw.metrics().requests(3)).isEqualTo(typed.metrics().requests(3));
    DiagnosticCounters a = fast.counters;
    DiagnosticCounters b = slow.counters;
    assertThat(a.busExceptionErrorCount()).isEqualTo(b.busExceptionErrorCount()).isEqualTo(3);
    assertThat(a.serverMessageCount()).isEqualTo(b.serverMessageCount()).isEqualTo(5);
    assertThat(a.busMessageCount()).isEqualTo(b.busMessageCount());
    assertThat(a.eventCount()).isEqualTo(b.eventCount());
    assertThat(a.eventLog().events()).isEqualTo(b.eventLog().events());
  }

  @Test
  void aCustomFastPathAllocatesNothing() {
    AllocationCounter counter = AllocationCounter.current();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, new EightRegisters()).build();
    ByteBuffer request = ByteBuffer.wrap(Pdus.hex("03 0000 0008"));
    ByteBuffer refused = ByteBuffer.wrap(Pdus.hex("03 0007 0002"));
    ByteBuffer out = ByteBuffer.allocate(260);
    int rounds = 20_000;

    long sink = run(d, request, refused, out, rounds); // warm-up
    long before = counter.bytes();
    sink += run(d, request, refused, out, rounds);
    long perRequest = (counter.bytes() - before) / (2L * rounds);

    assertThat(sink).isEqualTo(2L * rounds * (18 + 2));
    assertThat(perRequest).as("bytes allocated per request").isLessThan(8);
  }

  private static long run(ModbusDispatcher d, ByteBuffer request, ByteBuffer refused, ByteBuffer out, int rounds) {
    long total = 0;
    for (int i = 0; i < rounds; i++) {
      request.rewind();
      out.clear();
      total += d.dispatch(TCP, 1, request, out);
      refused.rewind();
      out.clear();
      total += d.dispatch(TCP, 1, refused, out);
    }
    return total;
  }

  /** A fast path that breaks the contract in the way given: answered with these bytes. */
  private static ModbusRequestHandler answering(BiFunction<ByteBuffer, ByteBuffer, RawOutcome> serve) {
    final class Broken implements ModbusRequestHandler, RawPduHandler {
      @Override
      public RawOutcome serveRaw(RequestContext context, int unitId, ByteBuffer pdu, ByteBuffer out) {
        return serve.apply(pdu, out);
      }
    }
    return new Broken();
  }

  @Test
  void answersBreakingTheContractBecomeServerDeviceFailure() {
    ModbusRequestHandler otherFunction = answering((pdu, out) -> {
      out.put((byte) 0x04).put((byte) 0);
      return RawOutcome.ANSWERED;
    });
    ModbusRequestHandler nothingWritten = answering((pdu, out) -> RawOutcome.ANSWERED);
    ModbusRequestHandler longException = answering((pdu, out) -> {
      out.put((byte) 0x83).put((byte) 2).put((byte) 0);
      return RawOutcome.ANSWERED;
    });
    ModbusRequestHandler exceptionZero = answering((pdu, out) -> {
      out.put((byte) 0x83).put((byte) 0);
      return RawOutcome.ANSWERED;
    });
    ModbusRequestHandler throwing = answering((pdu, out) -> {
      out.put((byte) 0x03);
      throw new IllegalStateException("fast path failure (expected by the test)");
    });
    ModbusRequestHandler nullOutcome = answering((pdu, out) -> null);

    for (ModbusRequestHandler h : new ModbusRequestHandler[] {
        otherFunction, nothingWritten, longException, exceptionZero, throwing, nullOutcome}) {
      ModbusDispatcher d = ModbusDispatcher.builder().unit(1, h).build();
      assertThat(call(d, TCP, 1, "03 0000 0001")).isEqualTo("8304");
      assertThat(d.metrics().exceptions(ExceptionCode.SERVER_DEVICE_FAILURE)).isEqualTo(1);
    }
  }

  @Test
  void listenOnlyDevicesAndBroadcastsAreNotOfferedTheBytes() {
    EightRegisters device = new EightRegisters();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).build();

    assertThat(call(d, SERIAL, 0, "03 0000 0001")).isNull(); // a broadcast: decoded, typed, never answered
    assertThat(device.rawCalls).hasValue(0);
    device.counters.enterListenOnlyMode();
    assertThat(call(d, SERIAL, 1, "03 0000 0001")).isNull();
    assertThat(device.rawCalls).hasValue(0);
  }

  @Test
  void aRouteIsResolvedOnceAndServesTheRequest() {
    EightRegisters device = new EightRegisters();
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, device).unit(2, new ModbusRequestHandler() {}).build();

    UnitRoute route = d.route(TCP, 1);
    assertThat(d.route(TCP, 1)).as("pre-built, not allocated per call").isSameAs(route);
    assertThat(route.unitId()).isEqualTo(1);
    assertThat(route.mayBlock()).isFalse();
    assertThat(d.route(TCP, 2).mayBlock()).isTrue();
    ByteBuffer out = ByteBuffer.allocate(260);
    assertThat(d.dispatch(route, TCP, ByteBuffer.wrap(Pdus.hex("03 0000 0001")), out)).isEqualTo(4);
    assertThat(device.rawCalls).hasValue(1);
  }

  @Test
  void aRouteOfAnotherDispatcherOrTransportKindIsRefused() {
    ModbusDispatcher d = ModbusDispatcher.builder().unit(1, new EightRegisters()).build();
    ModbusDispatcher other = ModbusDispatcher.builder().unit(1, new EightRegisters()).build();
    ByteBuffer out = ByteBuffer.allocate(260);

    assertThatThrownBy(() -> d.dispatch(other.route(TCP, 1), TCP, ByteBuffer.wrap(Pdus.hex("03 0000 0001")), out))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> d.dispatch(d.route(SERIAL, 0), TCP, ByteBuffer.wrap(Pdus.hex("03 0000 0001")), out))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void routesFollowUnitChanges() {
    ModbusDispatcher d = ModbusDispatcher.builder().build();
    UnitRoute before = d.route(TCP, 5);
    d.addUnit(5, new EightRegisters());

    assertThat(call(d, TCP, 5, "03 0000 0001")).isEqualTo("0302000A");
    ByteBuffer out = ByteBuffer.allocate(260);
    // The route taken before the unit existed still says what it said: no handler.
    assertThat(d.dispatch(before, TCP, ByteBuffer.wrap(Pdus.hex("03 0000 0001")), out)).isEqualTo(2);
    assertThat(out.get(0)).isEqualTo((byte) 0x83);
  }

}
