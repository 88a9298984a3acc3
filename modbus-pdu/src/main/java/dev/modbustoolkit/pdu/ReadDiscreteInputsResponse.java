package dev.modbustoolkit.pdu;

import dev.modbustoolkit.pdu.internal.Checks;
import dev.modbustoolkit.pdu.internal.Hex;
import dev.modbustoolkit.pdu.internal.Ownership;
import java.util.Arrays;
import java.util.Objects;

/**
 * FC02 Read Discrete Inputs response: byte count 1..250, then the status bytes, packed LSB-first (input N at bit N % 8 of byte N / 8). The
 * response does not carry the quantity, so unused high bits of the last byte are kept as received.
 *
 * @param inputStatus the input status
 */
public record ReadDiscreteInputsResponse(byte[] inputStatus) implements ModbusResponse {
  /** Validates byte count 1..250 (QUANTITY_OUT_OF_RANGE) and keeps a copy. */
  public ReadDiscreteInputsResponse {
    Checks.length(inputStatus.length, 1, ModbusLimits.MAX_BIT_BYTE_COUNT, "byte count", "READ_DISCRETE_INPUTS");
    inputStatus = Ownership.adopt(inputStatus);
  }

  /**
   * Packs 1..2000 bits LSB-first, unused high bits 0.
   *
   * @param inputs the inputs
   * @return the new {@code ReadDiscreteInputsResponse}
   */
  public static ReadDiscreteInputsResponse of(boolean... inputs) {
    Checks.length(inputs.length, 1, ModbusLimits.MAX_READ_BITS, "quantity", "READ_DISCRETE_INPUTS");
    return new ReadDiscreteInputsResponse(Ownership.handOver(Checks.packBits(inputs)));
  }

  /** {@return a copy of the packed status bytes} */
  @Override
  public byte[] inputStatus() {
    return inputStatus.clone();
  }

  /** {@return number of status bytes} */
  public int byteCount() {
    return inputStatus.length;
  }

  /**
   * {@return status byte i, unsigned}
   *
   * @param i the index (0-based)
   */
  public int statusByte(int i) {
    return Byte.toUnsignedInt(inputStatus[i]);
  }

  /**
   * Bit i (0 .. 8 * byteCount - 1), relative to the requested starting address.
   *
   * @param i the index (0-based)
   * @return whether input i is on
   */
  public boolean input(int i) {
    Objects.checkIndex(i, inputStatus.length * 8);
    return (inputStatus[i >>> 3] & (1 << (i & 7))) != 0;
  }

  /**
   * {@return the first quantity bits unpacked (quantity at most 8 * byteCount)}
   *
   * @param quantity the number of inputs
   */
  public boolean[] inputs(int quantity) {
    Objects.checkFromToIndex(0, quantity, inputStatus.length * 8);
    return Checks.unpackBits(inputStatus, quantity);
  }

  /** The record's own array, not a copy: for {@link ModbusPduCodec}, which only reads it. */
  byte[] sharedInputStatus() {
    return inputStatus;
  }

  @Override
  public int functionCode() {
    return FunctionCode.READ_DISCRETE_INPUTS.code();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadDiscreteInputsResponse other && Arrays.equals(inputStatus, other.inputStatus);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(inputStatus);
  }

  @Override
  public String toString() {
    return "ReadDiscreteInputsResponse[inputStatus=" + Hex.bytes(inputStatus) + "]";
  }
}
