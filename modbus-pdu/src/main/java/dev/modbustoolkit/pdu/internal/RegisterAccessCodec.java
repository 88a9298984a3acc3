package dev.modbustoolkit.pdu.internal;

import static dev.modbustoolkit.pdu.internal.Wire.putU16;
import static dev.modbustoolkit.pdu.internal.Wire.putU8;

import dev.modbustoolkit.pdu.MaskWriteRegisterRequest;
import dev.modbustoolkit.pdu.MaskWriteRegisterResponse;
import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.PduViolation;
import dev.modbustoolkit.pdu.ReadFifoQueueRequest;
import dev.modbustoolkit.pdu.ReadFifoQueueResponse;
import dev.modbustoolkit.pdu.ReadHoldingRegistersRequest;
import dev.modbustoolkit.pdu.ReadHoldingRegistersResponse;
import dev.modbustoolkit.pdu.ReadInputRegistersRequest;
import dev.modbustoolkit.pdu.ReadInputRegistersResponse;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.ReadWriteMultipleRegistersResponse;
import dev.modbustoolkit.pdu.WriteMultipleRegistersRequest;
import dev.modbustoolkit.pdu.WriteMultipleRegistersResponse;
import dev.modbustoolkit.pdu.WriteSingleRegisterRequest;
import dev.modbustoolkit.pdu.WriteSingleRegisterResponse;
import java.nio.ByteBuffer;

/** FC03, FC04, FC06, FC10, FC16, FC17, FC18: 16-bit register access (spec 6.3, 6.4, 6.6, 6.12, 6.16-6.18). */
public final class RegisterAccessCodec {
  private static final int FC03 = 0x03;
  private static final int FC04 = 0x04;
  private static final int FC06 = 0x06;
  private static final int FC10 = 0x10;
  private static final int FC16 = 0x16;
  private static final int FC17 = 0x17;
  private static final int FC18 = 0x18;

  private RegisterAccessCodec() {}

  // ---- lengths

  /** fc, byte count, registers (FC03, FC04, FC17 responses). */
  public static int registerResponseLength(int quantity) {
    return 2 + 2 * quantity;
  }

  /** fc, address, quantity, byte count, registers. */
  public static int length(WriteMultipleRegistersRequest r) {
    return 6 + 2 * r.quantity();
  }

  /** fc, read address, read quantity, write address, write quantity, byte count, registers. */
  public static int length(ReadWriteMultipleRegistersRequest r) {
    return 10 + 2 * r.writeQuantity();
  }

  /** fc, byte count (2), fifo count (2), registers. */
  public static int length(ReadFifoQueueResponse r) {
    return 5 + 2 * r.fifoCount();
  }

  /** fc, address, and mask, or mask. */
  public static final int MASK_WRITE_LENGTH = 7;

  /** fc, fifo pointer address. */
  public static final int FIFO_REQUEST_LENGTH = 3;

  // ---- encoders

  /** Writes the whole PDU. */
  public static void encode(ReadHoldingRegistersRequest r, ByteBuffer out) {
    BitAccessCodec.addressQuantity(out, FC03, r.address(), r.quantity());
  }

  /** Writes the whole PDU. */
  public static void encode(ReadInputRegistersRequest r, ByteBuffer out) {
    BitAccessCodec.addressQuantity(out, FC04, r.address(), r.quantity());
  }

  /** Writes the whole PDU. */
  public static void encode(WriteSingleRegisterRequest r, ByteBuffer out) {
    BitAccessCodec.addressQuantity(out, FC06, r.address(), r.value());
  }

  /** Writes the whole PDU. */
  public static void encode(WriteSingleRegisterResponse r, ByteBuffer out) {
    BitAccessCodec.addressQuantity(out, FC06, r.address(), r.value());
  }

  /** Writes the whole PDU. */
  public static void encode(WriteMultipleRegistersResponse r, ByteBuffer out) {
    BitAccessCodec.addressQuantity(out, FC10, r.address(), r.quantity());
  }

  /**
   * Writes a whole FC03, FC04 or FC17 response: function code, byte count, registers.
   *
   * @param values the record's own array (not a copy), only read
   */
  public static void encodeRegisterResponse(int fc, short[] values, ByteBuffer out) {
    putU8(out, fc);
    putU8(out, 2 * values.length);
    Wire.putWords(out, values);
  }

  /**
   * Writes the whole FC10 request.
   *
   * @param values the record's own array (not a copy), only read
   */
  public static void encodeWriteMultiple(int address, short[] values, ByteBuffer out) {
    putU8(out, FC10);
    putU16(out, address);
    putU16(out, values.length);
    putU8(out, 2 * values.length);
    Wire.putWords(out, values);
  }

  /** Writes the whole PDU. */
  public static void encode(MaskWriteRegisterRequest r, ByteBuffer out) {
    putU8(out, FC16);
    putU16(out, r.address());
    putU16(out, r.andMask());
    putU16(out, r.orMask());
  }

  /** Writes the whole PDU. */
  public static void encode(MaskWriteRegisterResponse r, ByteBuffer out) {
    putU8(out, FC16);
    putU16(out, r.address());
    putU16(out, r.andMask());
    putU16(out, r.orMask());
  }

  /**
   * Writes the whole FC17 request.
   *
   * @param writeValues the record's own array (not a copy), only read
   */
  public static void encode(ReadWriteMultipleRegistersRequest r, short[] writeValues, ByteBuffer out) {
    putU8(out, FC17);
    putU16(out, r.readAddress());
    putU16(out, r.readQuantity());
    putU16(out, r.writeAddress());
    putU16(out, writeValues.length);
    putU8(out, 2 * writeValues.length);
    Wire.putWords(out, writeValues);
  }

  /** Writes the whole PDU. */
  public static void encode(ReadFifoQueueRequest r, ByteBuffer out) {
    putU8(out, FC18);
    putU16(out, r.fifoPointerAddress());
  }

  /**
   * Writes the whole FC18 response.
   *
   * @param values the record's own array (not a copy), only read
   */
  public static void encodeFifoResponse(short[] values, ByteBuffer out) {
    putU8(out, FC18);
    putU16(out, 2 + 2 * values.length);
    putU16(out, values.length);
    Wire.putWords(out, values);
  }

  // ---- decoders: the function code has been consumed

  /** Decodes the rest of an FC03 request. */
  public static ReadHoldingRegistersRequest readHoldingRegistersRequest(ByteBuffer in) {
    Wire.exactly(in, 4, FC03);
    return new ReadHoldingRegistersRequest(Wire.u16(in, FC03), Wire.u16(in, FC03));
  }

  /** Decodes the rest of an FC04 request. */
  public static ReadInputRegistersRequest readInputRegistersRequest(ByteBuffer in) {
    Wire.exactly(in, 4, FC04);
    return new ReadInputRegistersRequest(Wire.u16(in, FC04), Wire.u16(in, FC04));
  }

  /** Decodes the rest of an FC06 request. */
  public static WriteSingleRegisterRequest writeSingleRegisterRequest(ByteBuffer in) {
    Wire.exactly(in, 4, FC06);
    return new WriteSingleRegisterRequest(Wire.u16(in, FC06), Wire.u16(in, FC06));
  }

  /** Decodes the rest of an FC06 response. */
  public static WriteSingleRegisterResponse writeSingleRegisterResponse(ByteBuffer in) {
    Wire.exactly(in, 4, FC06);
    return new WriteSingleRegisterResponse(Wire.u16(in, FC06), Wire.u16(in, FC06));
  }

  /** Decodes the rest of an FC10 response. */
  public static WriteMultipleRegistersResponse writeMultipleRegistersResponse(ByteBuffer in) {
    Wire.exactly(in, 4, FC10);
    return new WriteMultipleRegistersResponse(Wire.u16(in, FC10), Wire.u16(in, FC10));
  }

  /** Decodes the rest of an FC16 request. */
  public static MaskWriteRegisterRequest maskWriteRegisterRequest(ByteBuffer in) {
    Wire.exactly(in, 6, FC16);
    return new MaskWriteRegisterRequest(Wire.u16(in, FC16), Wire.u16(in, FC16), Wire.u16(in, FC16));
  }

  /** Decodes the rest of an FC16 response. */
  public static MaskWriteRegisterResponse maskWriteRegisterResponse(ByteBuffer in) {
    Wire.exactly(in, 6, FC16);
    return new MaskWriteRegisterResponse(Wire.u16(in, FC16), Wire.u16(in, FC16), Wire.u16(in, FC16));
  }

  /** Decodes the rest of an FC18 request. */
  public static ReadFifoQueueRequest readFifoQueueRequest(ByteBuffer in) {
    Wire.exactly(in, 2, FC18);
    return new ReadFifoQueueRequest(Wire.u16(in, FC18));
  }

  /** Decodes the rest of an FC03 response. */
  public static ReadHoldingRegistersResponse readHoldingRegistersResponse(ByteBuffer in) {
    return new ReadHoldingRegistersResponse(Ownership.handOver(registers(in, FC03)));
  }

  /** Decodes the rest of an FC04 response. */
  public static ReadInputRegistersResponse readInputRegistersResponse(ByteBuffer in) {
    return new ReadInputRegistersResponse(Ownership.handOver(registers(in, FC04)));
  }

  /** Decodes the rest of an FC17 response. */
  public static ReadWriteMultipleRegistersResponse readWriteMultipleRegistersResponse(ByteBuffer in) {
    return new ReadWriteMultipleRegistersResponse(Ownership.handOver(registers(in, FC17)));
  }

  // byte count (even), then that many bytes of registers
  private static short[] registers(ByteBuffer in, int fc) {
    int byteCount = Wire.u8(in, fc);
    if ((byteCount & 1) != 0) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, fc, byteCount, "byte count " + byteCount + " is odd");
    }
    Wire.exactly(in, byteCount, fc);
    return Wire.words(in, byteCount / 2, fc);
  }

  /** Decodes the rest of an FC10 request: quantity and byte count (03) before the address range (02). */
  public static WriteMultipleRegistersRequest writeMultipleRegistersRequest(ByteBuffer in) {
    Wire.need(in, 5, FC10);
    int address = Wire.u16(in, FC10);
    int quantity = Wire.u16(in, FC10);
    int byteCount = Wire.u8(in, FC10);
    Checks.quantity(quantity, ModbusLimits.MAX_WRITE_REGISTERS, "WRITE_MULTIPLE_REGISTERS");
    byteCount(byteCount, quantity, FC10);
    Wire.exactly(in, byteCount, FC10);
    return new WriteMultipleRegistersRequest(address, Ownership.handOver(Wire.words(in, quantity, FC10)));
  }

  /** Decodes the rest of an FC17 request: both quantities and the byte count (03) before the addresses (02). */
  public static ReadWriteMultipleRegistersRequest readWriteMultipleRegistersRequest(ByteBuffer in) {
    Wire.need(in, 9, FC17);
    int readAddress = Wire.u16(in, FC17);
    int readQuantity = Wire.u16(in, FC17);
    int writeAddress = Wire.u16(in, FC17);
    int writeQuantity = Wire.u16(in, FC17);
    int byteCount = Wire.u8(in, FC17);
    Checks.length(readQuantity, 1, ModbusLimits.MAX_READ_WRITE_READ, "readQuantity", "READ_WRITE_MULTIPLE_REGISTERS");
    Checks.length(writeQuantity, 1, ModbusLimits.MAX_READ_WRITE_WRITE, "writeQuantity",
        "READ_WRITE_MULTIPLE_REGISTERS");
    byteCount(byteCount, writeQuantity, FC17);
    Wire.exactly(in, byteCount, FC17);
    return new ReadWriteMultipleRegistersRequest(readAddress, readQuantity, writeAddress,
        Ownership.handOver(Wire.words(in, writeQuantity, FC17)));
  }

  private static void byteCount(int byteCount, int quantity, int fc) {
    if (byteCount != 2 * quantity) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, fc, byteCount,
          "byte count " + byteCount + " must be " + 2 * quantity + " for quantity " + quantity);
    }
  }

  /** Decodes the rest of an FC18 response: FIFO count 0..31 (03), byte count == 2 + 2 * count. */
  public static ReadFifoQueueResponse readFifoQueueResponse(ByteBuffer in) {
    Wire.need(in, 4, FC18);
    int byteCount = Wire.u16(in, FC18);
    int fifoCount = Wire.u16(in, FC18);
    Checks.length(fifoCount, 0, ModbusLimits.MAX_FIFO_COUNT, "fifoCount", "READ_FIFO_QUEUE");
    if (byteCount != 2 + 2 * fifoCount) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC18, byteCount,
          "byte count " + byteCount + " must be " + (2 + 2 * fifoCount) + " for FIFO count " + fifoCount);
    }
    Wire.exactly(in, 2 * fifoCount, FC18);
    return new ReadFifoQueueResponse(Ownership.handOver(Wire.words(in, fifoCount, FC18)));
  }
}
