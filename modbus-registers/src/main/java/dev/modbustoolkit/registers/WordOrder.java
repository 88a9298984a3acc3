package dev.modbustoolkit.registers;

/**
 * How a value wider than one register is laid out over consecutive registers.
 *
 * <p>Name the bytes of a 32-bit value A B C D, most significant first. Each register holds two bytes, high byte
 * first on the wire. The four orders place them as follows (register at the lower address first):
 *
 * <table>
 *   <caption>32-bit layouts; example float32 21.5 = 0x41AC0000</caption>
 *   <tr><th>Order</th><th>Registers</th><th>Example</th><th>Also called</th></tr>
 *   <tr><td>{@link #ABCD}</td><td>[AB, CD]</td><td>[0x41AC, 0x0000]</td><td>big-endian (Modbus default)</td></tr>
 *   <tr><td>{@link #CDAB}</td><td>[CD, AB]</td><td>[0x0000, 0x41AC]</td><td>word-swapped, low word first</td></tr>
 *   <tr><td>{@link #BADC}</td><td>[BA, DC]</td><td>[0xAC41, 0x0000]</td><td>byte-swapped</td></tr>
 *   <tr><td>{@link #DCBA}</td><td>[DC, BA]</td><td>[0x0000, 0xAC41]</td><td>little-endian</td></tr>
 * </table>
 *
 * <p>Each order is the combination of two independent properties, which also defines it for every other width:
 * {@link #wordsSwapped()} (the registers are stored least significant first, i.e. in reverse order) and
 * {@link #bytesSwapped()} (the two bytes inside every register are exchanged). For a 64-bit value with bytes
 * B0..B7 (B0 most significant) and big-endian words W0 = B0B1, W1 = B2B3, W2 = B4B5, W3 = B6B7:
 *
 * <ul>
 *   <li>ABCD: [W0, W1, W2, W3], i.e. B0 B1 B2 B3 B4 B5 B6 B7 (big-endian);
 *   <li>CDAB: [W3, W2, W1, W0], i.e. B6 B7 B4 B5 B2 B3 B0 B1 (all registers reversed, not pairwise swapped);
 *   <li>BADC: [W0', W1', W2', W3'] where W' has its bytes exchanged, i.e. B1 B0 B3 B2 B5 B4 B7 B6;
 *   <li>DCBA: [W3', W2', W1', W0'], i.e. B7 B6 B5 B4 B3 B2 B1 B0 (little-endian).
 * </ul>
 *
 * <p>For a single register (int16, uint16) only {@link #bytesSwapped()} matters. For fixed-length strings the
 * characters form a big-endian byte sequence (first character in the high byte of the first register for ABCD)
 * and the same two properties apply.
 */
public enum WordOrder {
  /** Big-endian: most significant register first, high byte first in each register. */
  ABCD(false, false),
  /** Little-endian: least significant register first, low byte first in each register. */
  DCBA(true, true),
  /** Byte-swapped: most significant register first, low byte first in each register. */
  BADC(false, true),
  /** Word-swapped: least significant register first, high byte first in each register. */
  CDAB(true, false);

  private final boolean wordsSwapped;
  private final boolean bytesSwapped;

  WordOrder(boolean wordsSwapped, boolean bytesSwapped) {
    this.wordsSwapped = wordsSwapped;
    this.bytesSwapped = bytesSwapped;
  }

  /** {@return whether the registers are stored least significant first (the register order is reversed)} */
  public boolean wordsSwapped() {
    return wordsSwapped;
  }

  /** {@return whether the two bytes inside each register are exchanged (low byte first)} */
  public boolean bytesSwapped() {
    return bytesSwapped;
  }
}
