package dev.modbustoolkit.pdu.internal;

import static dev.modbustoolkit.pdu.internal.Wire.putU16;
import static dev.modbustoolkit.pdu.internal.Wire.putU8;

import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.pdu.PduViolation;
import dev.modbustoolkit.pdu.ReadCoilsRequest;
import dev.modbustoolkit.pdu.ReadCoilsResponse;
import dev.modbustoolkit.pdu.ReadDiscreteInputsRequest;
import dev.modbustoolkit.pdu.ReadDiscreteInputsResponse;
import dev.modbustoolkit.pdu.WriteMultipleCoilsRequest;
import dev.modbustoolkit.pdu.WriteMultipleCoilsResponse;
import dev.modbustoolkit.pdu.WriteSingleCoilRequest;
import dev.modbustoolkit.pdu.WriteSingleCoilResponse;
import java.nio.ByteBuffer;

/** FC01, FC02, FC05, FC0F: single-bit access (spec 6.1, 6.2, 6.5, 6.11). */
public final class BitAccessCodec {
  private static final int FC01 = 0x01;
  private static final int FC02 = 0x02;
  private static final int FC05 = 0x05;
  private static final int FC0F = 0x0F;

  private BitAccessCodec() {}

  // ---- lengths

  /** fc, address, quantity / fc, address, value: 5 bytes. */
  public static final int FIXED_LENGTH = 5;

  /** fc, byte count, status bytes. */
  public static int length(ReadCoilsResponse r) {
    return 2 + r.byteCount();
  }

  /** fc, byte count, status bytes. */
  public static int length(ReadDiscreteInputsResponse r) {
    return 2 + r.byteCount();
  }

  /** fc, address, quantity, byte count, packed values. */
  public static int length(WriteMultipleCoilsRequest r) {
    return 6 + r.byteCount();
  }

  // ---- encoders

  /** Writes the whole PDU. */
  public static void encode(ReadCoilsRequest r, ByteBuffer out) {
    addressQuantity(out, FC01, r.address(), r.quantity());
  }

  /** Writes the whole PDU. */
  public static void encode(ReadDiscreteInputsRequest r, ByteBuffer out) {
    addressQuantity(out, FC02, r.address(), r.quantity());
  }

  /** Writes the whole PDU. */
  public static void encode(WriteSingleCoilRequest r, ByteBuffer out) {
    addressQuantity(out, FC05, r.address(), r.wireValue());
  }

  /** Writes the whole PDU. */
  public static void encode(WriteSingleCoilResponse r, ByteBuffer out) {
    addressQuantity(out, FC05, r.address(), r.wireValue());
  }

  /** Writes the whole PDU. */
  public static void encode(WriteMultipleCoilsResponse r, ByteBuffer out) {
    addressQuantity(out, FC0F, r.address(), r.quantity());
  }

  /**
   * Writes a whole FC01 or FC02 response: function code, byte count, status bytes.
   *
   * @param status the record's own array (not a copy), only read
   */
  public static void encodeStatus(int fc, byte[] status, ByteBuffer out) {
    putU8(out, fc);
    putU8(out, status.length);
    out.put(status);
  }

  /** Writes the whole PDU; bits LSB-first, unused high bits of the last byte 0. */
  public static void encode(WriteMultipleCoilsRequest r, ByteBuffer out) {
    int quantity = r.quantity();
    putU8(out, FC0F);
    putU16(out, r.address());
    putU16(out, quantity);
    putU8(out, r.byteCount());
    for (int base = 0; base < quantity; base += 8) {
      int b = 0;
      for (int bit = 0; bit < 8 && base + bit < quantity; bit++) {
        if (r.value(base + bit)) {
          b |= 1 << bit;
        }
      }
      putU8(out, b);
    }
  }

  static void addressQuantity(ByteBuffer out, int fc, int address, int quantity) {
    putU8(out, fc);
    putU16(out, address);
    putU16(out, quantity);
  }

  // ---- decoders: the function code has been consumed

  /** Decodes the rest of an FC01 request. */
  public static ReadCoilsRequest readCoilsRequest(ByteBuffer in) {
    Wire.exactly(in, 4, FC01);
    return new ReadCoilsRequest(Wire.u16(in, FC01), Wire.u16(in, FC01));
  }

  /** Decodes the rest of an FC02 request. */
  public static ReadDiscreteInputsRequest readDiscreteInputsRequest(ByteBuffer in) {
    Wire.exactly(in, 4, FC02);
    return new ReadDiscreteInputsRequest(Wire.u16(in, FC02), Wire.u16(in, FC02));
  }

  /** Decodes the rest of an FC05 request. */
  public static WriteSingleCoilRequest writeSingleCoilRequest(ByteBuffer in) {
    Wire.exactly(in, 4, FC05);
    int address = Wire.u16(in, FC05);
    return new WriteSingleCoilRequest(address, coilValue(in));
  }

  /** Decodes the rest of an FC05 response. */
  public static WriteSingleCoilResponse writeSingleCoilResponse(ByteBuffer in) {
    Wire.exactly(in, 4, FC05);
    int address = Wire.u16(in, FC05);
    return new WriteSingleCoilResponse(address, coilValue(in));
  }

  private static boolean coilValue(ByteBuffer in) {
    int value = Wire.u16(in, FC05);
    if (value != WriteSingleCoilRequest.ON && value != WriteSingleCoilRequest.OFF) {
      throw Wire.fail(PduViolation.ILLEGAL_VALUE, FC05, value,
          "output value 0x" + Integer.toHexString(value) + " must be 0xFF00 (ON) or 0x0000 (OFF)");
    }
    return value == WriteSingleCoilRequest.ON;
  }

  /** Decodes the rest of an FC0F request: quantity and byte count (03) before the address range (02). */
  public static WriteMultipleCoilsRequest writeMultipleCoilsRequest(ByteBuffer in) {
    Wire.need(in, 5, FC0F);
    int address = Wire.u16(in, FC0F);
    int quantity = Wire.u16(in, FC0F);
    int byteCount = Wire.u8(in, FC0F);
    Checks.quantity(quantity, ModbusLimits.MAX_WRITE_COILS, "WRITE_MULTIPLE_COILS");
    if (byteCount != (quantity + 7) / 8) {
      throw Wire.fail(PduViolation.BYTE_COUNT_MISMATCH, FC0F, byteCount,
          "byte count " + byteCount + " must be " + (quantity + 7) / 8 + " for quantity " + quantity);
    }
    Wire.exactly(in, byteCount, FC0F);
    boolean[] values = new boolean[quantity];
    int current = 0;
    for (int i = 0; i < quantity; i++) {
      if ((i & 7) == 0) {
        current = Wire.u8(in, FC0F);
      }
      values[i] = (current & (1 << (i & 7))) != 0;
    }
    return new WriteMultipleCoilsRequest(address, Ownership.handOver(values));
  }

  /** Decodes the rest of an FC0F response. */
  public static WriteMultipleCoilsResponse writeMultipleCoilsResponse(ByteBuffer in) {
    Wire.exactly(in, 4, FC0F);
    return new WriteMultipleCoilsResponse(Wire.u16(in, FC0F), Wire.u16(in, FC0F));
  }

  /** Decodes the rest of an FC01 response. */
  public static ReadCoilsResponse readCoilsResponse(ByteBuffer in) {
    int byteCount = Wire.u8(in, FC01);
    Wire.exactly(in, byteCount, FC01);
    return new ReadCoilsResponse(Ownership.handOver(Wire.bytes(in, byteCount, FC01)));
  }

  /** Decodes the rest of an FC02 response. */
  public static ReadDiscreteInputsResponse readDiscreteInputsResponse(ByteBuffer in) {
    int byteCount = Wire.u8(in, FC02);
    Wire.exactly(in, byteCount, FC02);
    return new ReadDiscreteInputsResponse(Ownership.handOver(Wire.bytes(in, byteCount, FC02)));
  }
}
