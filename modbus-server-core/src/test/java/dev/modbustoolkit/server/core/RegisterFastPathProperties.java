package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher serves well-formed FC03/04/06/10 requests for a {@link RegisterDevice} straight from the PDU
 * bytes. Oracle: the same device behind a plain delegating handler, which takes the decoder and handler-method
 * path. Both must answer every PDU, well-formed or not, with the same bytes and leave the same registers.
 */
class RegisterFastPathProperties {

  private static DataModel sparseModel() {
    RegisterTable holding = RegisterTable.sparse().block(0, 64).block(80, 48).block(65_500, 36).build();
    RegisterTable input = RegisterTable.sparse().block(0, 64).block(65_500, 36).build();
    for (int a = 0; a < 64; a++) {
      holding.set(a, a * 3);
      input.set(a, 0xFFFF - a);
    }
    return new DataModel(BitTable.dense(), BitTable.dense(), holding, input);
  }

  /** The device behind a handler that is not a RegisterDevice, so the dispatcher decodes and calls methods. */
  private static ModbusRequestHandler delegating(RegisterDevice device) {
    return new ModbusRequestHandler() {
      @Override
      public @Nullable DiagnosticCounters diagnosticCounters() {
        return device.diagnosticCounters();
      }

      @Override
      public @Nullable ModbusResponse readHoldingRegisters(
          RequestContext ctx, int unitId, ReadHoldingRegistersRequest r) {
        return device.readHoldingRegisters(ctx, unitId, r);
      }

      @Override
      public @Nullable ModbusResponse readInputRegisters(
          RequestContext ctx, int unitId, ReadInputRegistersRequest r) {
        return device.readInputRegisters(ctx, unitId, r);
      }

      @Override
      public @Nullable ModbusResponse writeSingleRegister(
          RequestContext ctx, int unitId, WriteSingleRegisterRequest r) {
        return device.writeSingleRegister(ctx, unitId, r);
      }

      @Override
      public @Nullable ModbusResponse writeMultipleRegisters(
          RequestContext ctx, int unitId, WriteMultipleRegistersRequest r) {
        return device.writeMultipleRegisters(ctx, unitId, r);
      }
    };
  }

  @Property(tries = 300)
  void fastPathAnswersAndWritesExactlyLikeTheDecoderPath(@ForAll("pduSequences") List<byte[]> pdus) {
    RegisterDevice fast = RegisterDevice.of(sparseModel());
    RegisterDevice slow = RegisterDevice.of(sparseModel());
    ModbusDispatcher direct = ModbusDispatcher.builder().unit(1, fast).build();
    ModbusDispatcher decoding = ModbusDispatcher.builder().unit(1, delegating(slow)).build();

    for (byte[] pdu : pdus) {
      byte[] expected = Pdus.call(decoding, Pdus.TCP, 1, pdu);
      byte[] actual = Pdus.call(direct, Pdus.TCP, 1, pdu);
      assertThat(actual).as("answer to %s", Pdus.hex(pdu)).isEqualTo(expected);
    }
    RegisterTable fastHolding = fast.dataModel().holdingRegisters();
    RegisterTable slowHolding = slow.dataModel().holdingRegisters();
    assertThat(fastHolding.getRange(0, 64)).isEqualTo(slowHolding.getRange(0, 64));
    assertThat(fastHolding.getRange(80, 48)).isEqualTo(slowHolding.getRange(80, 48));
    assertThat(fastHolding.getRange(65_500, 36)).isEqualTo(slowHolding.getRange(65_500, 36));
    assertThat(direct.metrics().totalExceptions()).isEqualTo(decoding.metrics().totalExceptions());
    assertThat(fast.diagnosticCounters().busExceptionErrorCount())
        .isEqualTo(slow.diagnosticCounters().busExceptionErrorCount());
  }

  @Provide
  Arbitrary<List<byte[]>> pduSequences() {
    return Arbitraries.oneOf(wellFormed(), malformed()).list().ofMinSize(1).ofMaxSize(12);
  }

  /** Addresses near the block edges and the top of the address space. */
  private static Arbitrary<Integer> addresses() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(0, 130),
        Arbitraries.integers().between(65_380, 65_535),
        Arbitraries.integers().between(0, 65_535));
  }

  private static Arbitrary<byte[]> wellFormed() {
    Arbitrary<Integer> functionCodes = Arbitraries.of(0x03, 0x04, 0x06, 0x10);
    return Combinators.combine(functionCodes, addresses(), Arbitraries.integers().between(0, 130),
        Arbitraries.integers().between(0, 0xFFFF)).as(RegisterFastPathProperties::pdu);
  }

  /** A well-formed PDU with one byte cut, added or changed (length, byte count, quantity, function code). */
  private static Arbitrary<byte[]> malformed() {
    return Combinators.combine(wellFormed(), Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 255)).as((pdu, how, b) -> {
          byte[] out;
          switch (how) {
            case 0 -> out = java.util.Arrays.copyOf(pdu, pdu.length - 1);
            case 1 -> {
              out = java.util.Arrays.copyOf(pdu, pdu.length + 1);
              out[pdu.length] = (byte) (int) b;
            }
            default -> {
              out = pdu.clone();
              out[Math.min(out.length - 1, how == 2 ? 5 : 4)] = (byte) (int) b;
            }
          }
          return out;
        });
  }

  private static byte[] pdu(int functionCode, int address, int quantity, int seed) {
    if (functionCode != 0x10) {
      int word = functionCode == 0x06 ? seed : quantity;
      return new byte[] {(byte) functionCode, (byte) (address >> 8), (byte) address, (byte) (word >> 8), (byte) word};
    }
    byte[] pdu = new byte[6 + 2 * quantity];
    pdu[0] = 0x10;
    pdu[1] = (byte) (address >> 8);
    pdu[2] = (byte) address;
    pdu[3] = (byte) (quantity >> 8);
    pdu[4] = (byte) quantity;
    pdu[5] = (byte) (2 * quantity);
    for (int i = 0; i < quantity; i++) {
      pdu[6 + 2 * i] = (byte) ((seed + i) >> 8);
      pdu[7 + 2 * i] = (byte) (seed + i);
    }
    return pdu;
  }

  @Test
  void registerReadsAndWritesAllocateNothing() {
    AllocationCounter counter = AllocationCounter.current();
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    byte[] read = Pdus.hex("03 0000 007D");
    byte[] write = pdu(0x10, 0, 123, 7);
    java.nio.ByteBuffer readBuffer = java.nio.ByteBuffer.wrap(read);
    java.nio.ByteBuffer writeBuffer = java.nio.ByteBuffer.wrap(write);
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(260);
    int rounds = 20_000;

    long sink = run(dispatcher, readBuffer, writeBuffer, out, rounds); // warm-up
    long before = counter.bytes();
    sink += run(dispatcher, readBuffer, writeBuffer, out, rounds);
    long perRequest = (counter.bytes() - before) / (2L * rounds);

    assertThat(sink).isEqualTo(2L * rounds * (252 + 5));
    // Decoding the FC10 request alone would allocate over 280 bytes, the FC03 request record 24.
    assertThat(perRequest).as("bytes allocated per request").isLessThan(8);
  }

  private static long run(ModbusDispatcher d, java.nio.ByteBuffer read, java.nio.ByteBuffer write,
      java.nio.ByteBuffer out, int rounds) {
    long total = 0;
    for (int i = 0; i < rounds; i++) {
      read.rewind();
      out.clear();
      total += d.dispatch(Pdus.TCP, 1, read, out);
      write.rewind();
      out.clear();
      total += d.dispatch(Pdus.TCP, 1, write, out);
    }
    return total;
  }
}
