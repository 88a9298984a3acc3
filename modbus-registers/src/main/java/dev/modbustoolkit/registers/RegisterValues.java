package dev.modbustoolkit.registers;

import dev.modbustoolkit.registers.internal.WordCodec;
import java.util.Objects;

/**
 * Typed values in plain register arrays, in any {@link WordOrder}: what a client reads ({@code short[]} from FC 03
 * or 04) and writes (the {@code int...} of FC 10). The same layouts as {@link RegisterTable}'s typed accessors, so a
 * value written by one reads back with the other.
 *
 * <pre>{@code
 * short[] regs = client.blocking().readHoldingRegisters(1, 100, 2).values();
 * float temperature = RegisterValues.float32(regs, 0, WordOrder.CDAB);
 * client.blocking().writeMultipleRegisters(1, 200, RegisterValues.ofFloat32(21.5f, WordOrder.CDAB));
 * }</pre>
 */
public final class RegisterValues {
  private RegisterValues() {}

  private static void check(short[] registers, int index, int count) {
    Objects.requireNonNull(registers, "registers");
    Objects.checkFromIndexSize(index, count, registers.length);
  }

  /**
   * {@return the signed 16-bit value at {@code index}}
   *
   * @param registers the registers
   * @param index where the value starts
   * @param order only its byte swap matters for one register
   */
  public static short int16(short[] registers, int index, WordOrder order) {
    check(registers, index, 1);
    return (short) WordCodec.decode(registers, index, 1, order);
  }

  /**
   * {@return the unsigned 16-bit value at {@code index}}
   *
   * @param registers the registers
   * @param index where the value starts
   * @param order only its byte swap matters for one register
   */
  public static int uint16(short[] registers, int index, WordOrder order) {
    return int16(registers, index, order) & 0xFFFF;
  }

  /**
   * {@return the signed 32-bit value in the two registers from {@code index}}
   *
   * @param registers the registers
   * @param index where the value starts
   * @param order the word order
   */
  public static int int32(short[] registers, int index, WordOrder order) {
    check(registers, index, 2);
    return (int) WordCodec.decode(registers, index, 2, order);
  }

  /**
   * {@return the unsigned 32-bit value in the two registers from {@code index}}
   *
   * @param registers the registers
   * @param index where the value starts
   * @param order the word order
   */
  public static long uint32(short[] registers, int index, WordOrder order) {
    return int32(registers, index, order) & 0xFFFF_FFFFL;
  }

  /**
   * {@return the 64-bit value in the four registers from {@code index}}
   *
   * @param registers the registers
   * @param index where the value starts
   * @param order the word order
   */
  public static long int64(short[] registers, int index, WordOrder order) {
    check(registers, index, 4);
    return WordCodec.decode(registers, index, 4, order);
  }

  /**
   * {@return the IEEE 754 single in the two registers from {@code index}}
   *
   * @param registers the registers
   * @param index where the value starts
   * @param order the word order
   */
  public static float float32(short[] registers, int index, WordOrder order) {
    return Float.intBitsToFloat(int32(registers, index, order));
  }

  /**
   * {@return the IEEE 754 double in the four registers from {@code index}}
   *
   * @param registers the registers
   * @param index where the value starts
   * @param order the word order
   */
  public static double float64(short[] registers, int index, WordOrder order) {
    return Double.longBitsToDouble(int64(registers, index, order));
  }

  /**
   * {@return the registers of a 32-bit value, 0..65535 each, ready for FC 10}
   *
   * @param value the value
   * @param order the word order
   */
  public static int[] ofInt32(int value, WordOrder order) {
    return encode(value & 0xFFFF_FFFFL, 2, order);
  }

  /**
   * {@return the registers of a 64-bit value}
   *
   * @param value the value
   * @param order the word order
   */
  public static int[] ofInt64(long value, WordOrder order) {
    return encode(value, 4, order);
  }

  /**
   * {@return the registers of an IEEE 754 single}
   *
   * @param value the value
   * @param order the word order
   */
  public static int[] ofFloat32(float value, WordOrder order) {
    return ofInt32(Float.floatToRawIntBits(value), order);
  }

  /**
   * {@return the registers of an IEEE 754 double}
   *
   * @param value the value
   * @param order the word order
   */
  public static int[] ofFloat64(double value, WordOrder order) {
    return ofInt64(Double.doubleToRawLongBits(value), order);
  }

  private static int[] encode(long raw, int count, WordOrder order) {
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = WordCodec.register(raw, count, i, order) & 0xFFFF;
    }
    return out;
  }
}
