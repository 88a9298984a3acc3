package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import dev.modbustoolkit.pdu.internal.Ownership;
import java.util.Arrays;
import java.util.Objects;

/**
 * FC01 Read Coils response: byte count 1..250, then the status bytes, packed LSB-first (coil N at bit N % 8 of byte N / 8). The
 * response does not carry the quantity, so unused high bits of the last byte are kept as received.
 *
 * @param coilStatus the coil status
 */
public record ReadCoilsResponse(byte[] coilStatus) implements ModbusResponse {
  /** Validates byte count 1..250 (QUANTITY_OUT_OF_RANGE) and keeps a copy. */
  public ReadCoilsResponse {
    Checks.length(coilStatus.length, 1, ModbusLimits.MAX_BIT_BYTE_COUNT, "byte count", "READ_COILS");
    coilStatus = Ownership.adopt(coilStatus);
  }

  /**
   * Packs 1..2000 bits LSB-first, unused high bits 0.
   *
   * @param coils the coils
   * @return the new {@code ReadCoilsResponse}
   */
  public static ReadCoilsResponse of(boolean... coils) {
    Checks.length(coils.length, 1, ModbusLimits.MAX_READ_BITS, "quantity", "READ_COILS");
    return new ReadCoilsResponse(Ownership.handOver(Checks.packBits(coils)));
  }

  /** {@return a copy of the packed status bytes} */
  @Override
  public byte[] coilStatus() {
    return coilStatus.clone();
  }

  /** {@return number of status bytes} */
  public int byteCount() {
    return coilStatus.length;
  }

  /**
   * {@return status byte i, unsigned}
   *
   * @param i the index (0-based)
   */
  public int statusByte(int i) {
    return Byte.toUnsignedInt(coilStatus[i]);
  }

  /**
   * Bit i (0 .. 8 * byteCount - 1), relative to the requested starting address.
   *
   * @param i the index (0-based)
   * @return whether coil i is on
   */
  public boolean coil(int i) {
    Objects.checkIndex(i, coilStatus.length * 8);
    return (coilStatus[i >>> 3] & (1 << (i & 7))) != 0;
  }

  /**
   * {@return the first quantity bits unpacked (quantity at most 8 * byteCount)}
   *
   * @param quantity the number of coils
   */
  public boolean[] coils(int quantity) {
    Objects.checkFromToIndex(0, quantity, coilStatus.length * 8);
    return Checks.unpackBits(coilStatus, quantity);
  }

  /** The record's own array, not a copy: for {@link ModbusPduCodec}, which only reads it. */
  byte[] sharedCoilStatus() {
    return coilStatus;
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_COILS.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadCoilsResponse other && Arrays.equals(coilStatus, other.coilStatus);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(coilStatus);
  }

  @Override
  public String toString() {
    return "ReadCoilsResponse[coilStatus=" + Hex.bytes(coilStatus) + "]";
  }
}
