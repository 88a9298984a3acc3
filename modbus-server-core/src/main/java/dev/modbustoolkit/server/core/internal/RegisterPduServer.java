package dev.modbustoolkit.server.core.internal;

import dev.modbustoolkit.pdu.ExceptionCode;
import dev.modbustoolkit.pdu.ExceptionResponse;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.ModbusPduCodec;
import dev.modbustoolkit.pdu.ModbusRequest;
import dev.modbustoolkit.pdu.ModbusResponse;
import dev.modbustoolkit.registers.AccessStatus;
import dev.modbustoolkit.registers.BitTable;
import dev.modbustoolkit.registers.ChangeOrigin;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterTable;
import dev.modbustoolkit.server.core.RawOutcome;
import java.nio.ByteBuffer;

/**
 * The bit and register functions of a data model served straight between PDU bytes and the tables: 01, 02, 03,
 * 04, 05, 06, 0F, 10, 16 and 17. The only implementation of these functions in the server: the register device's
 * fast path calls it with the bytes received, its typed methods with the bytes of the request record.
 *
 * <p>Only requests the decoder would accept unchanged are answered (checks of quantity, byte count, length and
 * value, 03, in the decoder's order before address, 02); any other gets {@link RawOutcome#DECLINED} with nothing
 * written, so the decoder names its exception as always. Nothing is allocated except by FC17, whose table call
 * takes the write values as an array.
 */
public final class RegisterPduServer {
  private final BitTable coils;
  private final BitTable discreteInputs;
  private final RegisterTable holding;
  private final RegisterTable input;

  /** Serves the four tables of {@code model}. */
  public RegisterPduServer(DataModel model) {
    this.coils = model.coils();
    this.discreteInputs = model.discreteInputs();
    this.holding = model.holdingRegisters();
    this.input = model.inputRegisters();
  }

  /**
   * Answers the request PDU (position to limit) into {@code out} at its position, or declines it.
   *
   * @param out at least {@link ModbusLimits#MAX_PDU_LENGTH} bytes remaining; the bytes after the answer may be
   *     overwritten
   */
  public RawOutcome serve(ByteBuffer pdu, ByteBuffer out) {
    int start = pdu.position();
    int length = pdu.remaining();
    if (length < 5) {
      return RawOutcome.DECLINED;
    }
    int fc = Byte.toUnsignedInt(pdu.get(start));
    int address = u16(pdu, start + 1);
    int word = u16(pdu, start + 3);
    return switch (fc) {
      case 0x01 -> length == 5 && isRange(address, word, ModbusLimits.MAX_READ_BITS)
          ? readBits(coils, fc, address, word, out) : RawOutcome.DECLINED;
      case 0x02 -> length == 5 && isRange(address, word, ModbusLimits.MAX_READ_BITS)
          ? readBits(discreteInputs, fc, address, word, out) : RawOutcome.DECLINED;
      case 0x03 -> length == 5 && isRange(address, word, ModbusLimits.MAX_READ_REGISTERS)
          ? readRegisters(holding, fc, address, word, out) : RawOutcome.DECLINED;
      case 0x04 -> length == 5 && isRange(address, word, ModbusLimits.MAX_READ_REGISTERS)
          ? readRegisters(input, fc, address, word, out) : RawOutcome.DECLINED;
      case 0x05 -> length == 5 && (word == 0xFF00 || word == 0x0000)
          ? echo(coils.writeBit(address, word == 0xFF00, ChangeOrigin.WIRE), pdu, start, 5, out)
          : RawOutcome.DECLINED;
      case 0x06 -> length == 5
          ? echo(holding.writeRegister(address, word, ChangeOrigin.WIRE), pdu, start, 5, out) : RawOutcome.DECLINED;
      case 0x0F -> writeCoils(pdu, start, length, address, word, out);
      case 0x10 -> writeRegisters(pdu, start, length, address, word, out);
      case 0x16 -> length == 7
          ? echo(holding.maskWriteRegister(address, word, u16(pdu, start + 5), ChangeOrigin.WIRE), pdu, start, 7, out)
          : RawOutcome.DECLINED;
      case 0x17 -> readWrite(pdu, start, length, out);
      // An int from the wire: every other function code is another path's.
      default -> RawOutcome.DECLINED;
    };
  }

  /**
   * The typed form, for handler methods: the request record's bytes through {@link #serve(ByteBuffer, ByteBuffer)}
   * and the answer decoded, so the typed and the byte path share one implementation. Allocates (it is the typed
   * path); a record always holds a request the byte path accepts.
   *
   * @throws IllegalArgumentException for a request of a function code this class does not serve
   */
  public ModbusResponse serve(ModbusRequest request) {
    ByteBuffer out = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
    if (serve(ByteBuffer.wrap(ModbusPduCodec.toBytes(request)), out) != RawOutcome.ANSWERED) {
      throw new IllegalArgumentException("not a table function: " + request);
    }
    return ModbusPduCodec.decodeResponse(out.flip());
  }

  private RawOutcome writeCoils(ByteBuffer pdu, int start, int length, int address, int quantity, ByteBuffer out) {
    int byteCount = (quantity + 7) >>> 3;
    if (length < 6 || !isRange(address, quantity, ModbusLimits.MAX_WRITE_COILS)
        || Byte.toUnsignedInt(pdu.get(start + 5)) != byteCount || length != 6 + byteCount) {
      return RawOutcome.DECLINED;
    }
    pdu.position(start + 6);
    return echo(coils.writeBits(address, quantity, pdu, ChangeOrigin.WIRE), pdu, start, 5, out);
  }

  private RawOutcome writeRegisters(
      ByteBuffer pdu, int start, int length, int address, int quantity, ByteBuffer out) {
    if (length < 6 || !isRange(address, quantity, ModbusLimits.MAX_WRITE_REGISTERS)
        || Byte.toUnsignedInt(pdu.get(start + 5)) != 2 * quantity || length != 6 + 2 * quantity) {
      return RawOutcome.DECLINED;
    }
    pdu.position(start + 6);
    return echo(holding.writeRegisters(address, quantity, pdu, ChangeOrigin.WIRE), pdu, start, 5, out);
  }

  private RawOutcome readWrite(ByteBuffer pdu, int start, int length, ByteBuffer out) {
    if (length < 10) {
      return RawOutcome.DECLINED;
    }
    int readAddress = u16(pdu, start + 1);
    int readQuantity = u16(pdu, start + 3);
    int writeAddress = u16(pdu, start + 5);
    int writeQuantity = u16(pdu, start + 7);
    if (!isRange(readAddress, readQuantity, ModbusLimits.MAX_READ_WRITE_READ)
        || !isRange(writeAddress, writeQuantity, ModbusLimits.MAX_READ_WRITE_WRITE)
        || Byte.toUnsignedInt(pdu.get(start + 9)) != 2 * writeQuantity || length != 10 + 2 * writeQuantity) {
      return RawOutcome.DECLINED;
    }
    short[] values = new short[writeQuantity];
    for (int i = 0; i < writeQuantity; i++) {
      values[i] = (short) u16(pdu, start + 10 + 2 * i);
    }
    int position = out.position();
    out.put((byte) 0x17).put((byte) (2 * readQuantity));
    AccessStatus status =
        holding.writeThenRead(writeAddress, values, readAddress, readQuantity, out, ChangeOrigin.WIRE);
    if (status != AccessStatus.OK) {
      out.position(position);
      return illegalAddress(0x17, out);
    }
    return RawOutcome.ANSWERED;
  }

  private static RawOutcome readRegisters(
      RegisterTable table, int fc, int address, int quantity, ByteBuffer out) {
    int position = out.position();
    out.put((byte) fc).put((byte) (2 * quantity));
    if (table.readRegisters(address, quantity, out) != AccessStatus.OK) {
      out.position(position);
      return illegalAddress(fc, out);
    }
    return RawOutcome.ANSWERED;
  }

  private static RawOutcome readBits(BitTable table, int fc, int address, int quantity, ByteBuffer out) {
    int position = out.position();
    out.put((byte) fc).put((byte) ((quantity + 7) >>> 3));
    if (table.readBits(address, quantity, out) != AccessStatus.OK) {
      out.position(position);
      return illegalAddress(fc, out);
    }
    return RawOutcome.ANSWERED;
  }

  /** The answer of 05, 06, 0F, 10 and 16: the first {@code n} request bytes again, or exception 02. */
  private static RawOutcome echo(AccessStatus status, ByteBuffer pdu, int start, int n, ByteBuffer out) {
    int fc = Byte.toUnsignedInt(pdu.get(start));
    if (status != AccessStatus.OK) {
      return illegalAddress(fc, out);
    }
    for (int i = 0; i < n; i++) {
      out.put(pdu.get(start + i));
    }
    return RawOutcome.ANSWERED;
  }

  private static RawOutcome illegalAddress(int fc, ByteBuffer out) {
    ExceptionResponse.writeException(fc, ExceptionCode.ILLEGAL_DATA_ADDRESS, out);
    return RawOutcome.ANSWERED;
  }

  /** Quantity 1..max and the range inside the address space: what the decoder checks (03, then 02). */
  private static boolean isRange(int address, int quantity, int maxQuantity) {
    return quantity >= 1 && quantity <= maxQuantity && address + quantity <= ModbusLimits.ADDRESS_SPACE;
  }

  /** Big-endian whatever the buffer's byte order. */
  private static int u16(ByteBuffer pdu, int index) {
    return Byte.toUnsignedInt(pdu.get(index)) << 8 | Byte.toUnsignedInt(pdu.get(index + 1));
  }
}
