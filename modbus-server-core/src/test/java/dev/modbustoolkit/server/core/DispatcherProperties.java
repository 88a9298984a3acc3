package dev.modbustoolkit.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadDiscreteInputsRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteMultipleCoilsRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteSingleCoilRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import java.io.ByteArrayOutputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random request sequences through the byte-level dispatcher agree with a plain in-memory model, and refused
 * requests leave the store unchanged.
 */
class DispatcherProperties {

  /**
   * Blocks with gaps between them and at the top of the address space, so some requests hit missing addresses,
   * and one block of 2000 (1000..2999) where reads and writes of the largest quantities succeed. All four tables
   * share the layout; the read-only ones are filled with {@link Model#input(int)} and {@link Model#discrete(int)}.
   */
  private static DataModel sparseModel() {
    DataModel store = new DataModel(bits(), bits(), registers(), registers());
    for (int address = 0; address < 65_536; address = Model.next(address)) {
      if (Model.exists(address)) {
        store.inputRegisters().set(address, Model.input(address));
        store.discreteInputs().setBit(address, Model.discrete(address));
      }
    }
    return store;
  }

  private static BitTable bits() {
    return BitTable.sparse().block(0, 64).block(80, 48).block(1000, 2000).block(65_500, 36).build();
  }

  private static RegisterTable registers() {
    return RegisterTable.sparse().block(0, 64).block(80, 48).block(1000, 2000).block(65_500, 36).build();
  }

  /** The plain model: what the store must hold, with the same address layout. */
  private static final class Model {
    final int[] registers = new int[65_536];
    final boolean[] coils = new boolean[65_536];

    static boolean exists(int address) {
      return address < 64 || (address >= 80 && address < 128) || (address >= 1000 && address < 3000)
          || address >= 65_500;
    }

    /** The addresses the generators reach, in order: the blocks and a margin around each. */
    static int next(int address) {
      return switch (address) {
        case 140 -> 980;
        case 3020 -> 65_480;
        default -> address + 1;
      };
    }

    /** The fixed content of input register {@code address}. */
    static int input(int address) {
      return (address * 7 + 3) & 0xFFFF;
    }

    /** The fixed content of discrete input {@code address}. */
    static boolean discrete(int address) {
      return address % 3 == 0;
    }

    static boolean allExist(int address, int quantity) {
      for (int i = 0; i < quantity; i++) {
        if (address + i > 0xFFFF || !exists(address + i)) {
          return false;
        }
      }
      return true;
    }
  }

  /** One request: its PDU bytes, and the response the model expects (applying it to the model when it succeeds). */
  private interface Op {
    byte[] pdu();

    byte[] expect(Model model);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] exception(int functionCode, int code) {
    return bytes(functionCode | 0x80, code);
  }

  /** The exception (03, then 02) a request with this quantity range gets, or 0 when it is valid. */
  private static int check(int address, int quantity, int maxQuantity) {
    if (quantity < 1 || quantity > maxQuantity) {
      return 3;
    }
    return Model.allExist(address, quantity) ? 0 : 2;
  }

  private record WriteCoil(int address, boolean value) implements Op {
    public byte[] pdu() {
      return bytes(5, address >> 8, address, value ? 0xFF : 0, 0);
    }

    public byte[] expect(Model m) {
      if (!Model.exists(address)) {
        return exception(5, 2);
      }
      m.coils[address] = value;
      return pdu();
    }
  }

  private record WriteRegister(int address, int value) implements Op {
    public byte[] pdu() {
      return bytes(6, address >> 8, address, value >> 8, value);
    }

    public byte[] expect(Model m) {
      if (!Model.exists(address)) {
        return exception(6, 2);
      }
      m.registers[address] = value;
      return pdu();
    }
  }

  private record WriteCoils(int address, boolean[] values) implements Op {
    public byte[] pdu() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int n = values.length;
      out.writeBytes(bytes(0x0F, address >> 8, address, n >> 8, n, (n + 7) / 8));
      for (int b = 0; b < (n + 7) / 8; b++) {
        int packed = 0;
        for (int i = 0; i < 8 && 8 * b + i < n; i++) {
          packed |= values[8 * b + i] ? 1 << i : 0;
        }
        out.write(packed);
      }
      return out.toByteArray();
    }

    public byte[] expect(Model m) {
      int code = check(address, values.length, 1968);
      if (code != 0) {
        return exception(0x0F, code);
      }
      System.arraycopy(values, 0, m.coils, address, values.length);
      return bytes(0x0F, address >> 8, address, values.length >> 8, values.length);
    }
  }

  private record WriteRegisters(int address, int[] values) implements Op {
    public byte[] pdu() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int n = values.length;
      out.writeBytes(bytes(0x10, address >> 8, address, n >> 8, n, 2 * n));
      for (int v : values) {
        out.writeBytes(bytes(v >> 8, v));
      }
      return out.toByteArray();
    }

    public byte[] expect(Model m) {
      int code = check(address, values.length, 123);
      if (code != 0) {
        return exception(0x10, code);
      }
      System.arraycopy(values, 0, m.registers, address, values.length);
      return bytes(0x10, address >> 8, address, values.length >> 8, values.length);
    }
  }

  private record MaskWrite(int address, int andMask, int orMask) implements Op {
    public byte[] pdu() {
      return bytes(0x16, address >> 8, address, andMask >> 8, andMask, orMask >> 8, orMask);
    }

    public byte[] expect(Model m) {
      if (!Model.exists(address)) {
        return exception(0x16, 2);
      }
      m.registers[address] = (m.registers[address] & andMask) | (orMask & ~andMask & 0xFFFF);
      return pdu();
    }
  }

  private record ReadWrite(int readAddress, int readQuantity, int writeAddress, int[] values) implements Op {
    public byte[] pdu() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int n = values.length;
      out.writeBytes(bytes(0x17, readAddress >> 8, readAddress, readQuantity >> 8, readQuantity,
          writeAddress >> 8, writeAddress, n >> 8, n, 2 * n));
      for (int v : values) {
        out.writeBytes(bytes(v >> 8, v));
      }
      return out.toByteArray();
    }

    public byte[] expect(Model m) {
      if (readQuantity < 1 || readQuantity > 125) {
        return exception(0x17, 3);
      }
      if (!Model.allExist(readAddress, readQuantity) || !Model.allExist(writeAddress, values.length)) {
        return exception(0x17, 2);
      }
      System.arraycopy(values, 0, m.registers, writeAddress, values.length);
      return readResponse(0x17, m.registers, readAddress, readQuantity);
    }
  }

  /** FC03 on the holding registers the model tracks, FC04 on the fixed input registers. */
  private record ReadRegisters(int functionCode, int address, int quantity) implements Op {
    public byte[] pdu() {
      return bytes(functionCode, address >> 8, address, quantity >> 8, quantity);
    }

    public byte[] expect(Model m) {
      int code = check(address, quantity, 125);
      if (code != 0) {
        return exception(functionCode, code);
      }
      if (functionCode == 3) {
        return readResponse(3, m.registers, address, quantity);
      }
      int[] input = new int[65_536];
      for (int i = 0; i < quantity; i++) {
        input[address + i] = Model.input(address + i);
      }
      return readResponse(4, input, address, quantity);
    }
  }

  /** FC01 on the coils the model tracks, FC02 on the fixed discrete inputs. */
  private record ReadBits(int functionCode, int address, int quantity) implements Op {
    public byte[] pdu() {
      return bytes(functionCode, address >> 8, address, quantity >> 8, quantity);
    }

    public byte[] expect(Model m) {
      int code = check(address, quantity, 2000);
      if (code != 0) {
        return exception(functionCode, code);
      }
      byte[] r = new byte[2 + (quantity + 7) / 8];
      r[0] = (byte) functionCode;
      r[1] = (byte) ((quantity + 7) / 8);
      for (int i = 0; i < quantity; i++) {
        boolean bit = functionCode == 1 ? m.coils[address + i] : Model.discrete(address + i);
        if (bit) {
          r[2 + i / 8] |= (byte) (1 << (i % 8));
        }
      }
      return r;
    }
  }

  private static byte[] readResponse(int functionCode, int[] registers, int address, int quantity) {
    byte[] r = new byte[2 + 2 * quantity];
    r[0] = (byte) functionCode;
    r[1] = (byte) (2 * quantity);
    for (int i = 0; i < quantity; i++) {
      r[2 + 2 * i] = (byte) (registers[address + i] >> 8);
      r[3 + 2 * i] = (byte) registers[address + i];
    }
    return r;
  }

  // ---- generators ------------------------------------------------------------------------------------------------

  /** Mostly small blocks, with the edges of the big block (where the largest quantities fit) and the top. */
  private static Arbitrary<Integer> addresses() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.integers().between(0, 140)),
        Tuple.of(3, Arbitraries.of(1000, 1001, 2000 - 1, 3000 - 125, 3000 - 123, 3000 - 1968, 3000 - 2000 + 1)),
        Tuple.of(2, Arbitraries.integers().between(980, 3020)),
        Tuple.of(1, Arbitraries.integers().between(65_480, 65_535)));
  }

  /**
   * Quantities for a function whose maximum is {@code max}: mostly small, often the edges 0, 1, max - 1, max and
   * max + 1 (03 beyond them), sometimes anything up to the maximum.
   */
  private static Arbitrary<Integer> quantities(int max) {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.integers().between(1, 40)),
        Tuple.of(3, Arbitraries.of(0, 1, max - 1, max, max + 1)),
        Tuple.of(1, Arbitraries.integers().between(1, max).withoutEdgeCases()));
  }

  private static Arbitrary<Integer> words() {
    return Arbitraries.integers().between(0, 0xFFFF);
  }

  private static Arbitrary<int[]> registerValues(int max) {
    return quantities(max).filter(n -> n >= 1 && n <= max)
        .flatMap(n -> words().array(int[].class).ofSize(n));
  }

  /** Value lists whose length is a quantity for a function with maximum {@code max}, 0 and max + 1 included. */
  private static Arbitrary<int[]> writeRegisterValues(int max) {
    return quantities(max).flatMap(n -> words().array(int[].class).ofSize(n));
  }

  private static Arbitrary<boolean[]> coilValues(int max) {
    return quantities(max).flatMap(n -> Arbitraries.of(true, false).array(boolean[].class).ofSize(n));
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> op = Arbitraries.oneOf(
        Combinators.combine(addresses(), Arbitraries.of(true, false)).as(WriteCoil::new),
        Combinators.combine(addresses(), words()).as(WriteRegister::new),
        // Empty value lists give quantity 0, lists over the maximum quantity + 1: exception 03.
        Combinators.combine(addresses(), coilValues(1968)).as(WriteCoils::new),
        Combinators.combine(addresses(), writeRegisterValues(123)).as(WriteRegisters::new),
        Combinators.combine(addresses(), words(), words()).as(MaskWrite::new),
        Combinators.combine(addresses(), quantities(125), addresses(), registerValues(121)).as(ReadWrite::new),
        Combinators.combine(Arbitraries.of(3, 4), addresses(), quantities(125)).as(ReadRegisters::new),
        Combinators.combine(Arbitraries.of(1, 2), addresses(), quantities(2000)).as(ReadBits::new));
    return op.list().ofMinSize(1).ofMaxSize(30);
  }

  @Property(tries = 300)
  void dispatcherAgreesWithAPlainModel(@ForAll("operations") List<Op> operations) {
    DataModel store = sparseModel();
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(store)).build();
    Model model = new Model();

    for (Op op : operations) {
      byte[] expected = op.expect(model);
      byte[] actual = Pdus.call(dispatcher, Pdus.TCP, 1, op.pdu());

      assertThat(actual).as("%s", op).isNotNull();
      assertThat(Pdus.hex(actual)).as("%s", op).isEqualTo(Pdus.hex(expected));
      assertStoreEquals(store, model);
    }
  }

  private static void assertStoreEquals(DataModel store, Model model) {
    for (int address = 0; address < 65_536; address = Model.next(address)) {
      if (Model.exists(address)) {
        assertThat(store.holdingRegisters().get(address)).as("register %d", address)
            .isEqualTo(model.registers[address]);
        assertThat(store.coils().getBit(address)).as("coil %d", address).isEqualTo(model.coils[address]);
      }
    }
  }

  // ---- the dispatcher's allocation-free path and the handler methods give the same answers ----------------------

  @Provide
  Arbitrary<List<ModbusRequest>> validRequests() {
    Arbitrary<Integer> address = Arbitraries.integers().between(0, 140);
    Arbitrary<ModbusRequest> request = Arbitraries.oneOf(
        Combinators.combine(address, Arbitraries.integers().between(1, 40)).as(ReadCoilsRequest::new),
        Combinators.combine(address, Arbitraries.integers().between(1, 40)).as(ReadDiscreteInputsRequest::new),
        Combinators.combine(address, Arbitraries.integers().between(1, 40)).as(ReadHoldingRegistersRequest::new),
        Combinators.combine(address, Arbitraries.integers().between(1, 40)).as(ReadInputRegistersRequest::new),
        Combinators.combine(address, Arbitraries.of(true, false)).as(WriteSingleCoilRequest::new),
        Combinators.combine(address, words()).as(WriteSingleRegisterRequest::new),
        Combinators.combine(address, Arbitraries.of(true, false).array(boolean[].class).ofMinSize(1).ofMaxSize(40))
            .as(WriteMultipleCoilsRequest::new),
        Combinators.combine(address, registerValues(40))
            .as((a, v) -> WriteMultipleRegistersRequest.of(a, v)),
        Combinators.combine(address, words(), words()).as(MaskWriteRegisterRequest::new),
        Combinators.combine(address, Arbitraries.integers().between(1, 40), address, registerValues(20))
            .as((ra, rq, wa, v) -> ReadWriteMultipleRegistersRequest.of(ra, rq, wa, v)));
    return request.list().ofMinSize(1).ofMaxSize(20);
  }

  @Property(tries = 200)
  void byteLevelAndObjectLevelDispatchAgree(@ForAll("validRequests") List<ModbusRequest> requests) {
    ModbusDispatcher bytes = ModbusDispatcher.builder().unit(1, RegisterDevice.of(sparseModel())).build();
    ModbusDispatcher objects = ModbusDispatcher.builder().unit(1, RegisterDevice.of(sparseModel())).build();

    for (ModbusRequest request : requests) {
      byte[] direct = Pdus.call(bytes, Pdus.TCP, 1, ModbusPduCodec.toBytes(request));
      ModbusResponse response = objects.dispatch(Pdus.TCP, 1, request).orElseThrow();

      assertThat(direct).as("%s", request).isNotNull();
      assertThat(Pdus.hex(direct)).as("%s", request).isEqualTo(Pdus.hex(ModbusPduCodec.toBytes(response)));
    }
  }
}
