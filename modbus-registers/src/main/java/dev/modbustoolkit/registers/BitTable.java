package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.internal.AddressLayout.NO_INDEX;
import static dev.modbustoolkit.registers.internal.TableSupport.requireBytes;
import static dev.modbustoolkit.registers.internal.TableSupport.requireQuantity;
import static dev.modbustoolkit.registers.internal.TableSupport.requireRoom;

import dev.modbustoolkit.registers.internal.Access;
import dev.modbustoolkit.registers.internal.AddressLayout;
import dev.modbustoolkit.registers.internal.LayoutBuilder;
import dev.modbustoolkit.registers.internal.ListenerList;
import dev.modbustoolkit.registers.internal.TableSupport;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe table of bits: coils or discrete inputs.
 *
 * <p>Same model as {@link RegisterTable}: a {@linkplain #dense() dense} range or a {@linkplain #sparse() builder} of
 * blocks, an {@link AccessRule} per address, a wire API that checks every address and rule and returns
 * {@link AccessStatus#ILLEGAL_ADDRESS} having changed nothing, a Java API ({@link #getBit}, {@link #setBit}, ...)
 * that ignores rules and throws {@link IllegalArgumentException} naming a missing address, all-or-nothing atomic
 * writes, optimistic lock-free reads with a {@link StampedLock} fallback, and {@link BitChangeListener}s notified
 * after each successful write outside the lock. Storage is one bit per existing address.
 *
 * <p>Packed bits use the Modbus wire format: bit {@code i} of a request is bit {@code i % 8} (LSB first) of byte
 * {@code i / 8}; unused high bits of the last byte are 0 when reading and ignored when writing.
 *
 * <p>Why over 400 lines: one public type per table kind is the API; argument, access and buffer checks live in
 * the internal {@code TableSupport}, and what stays here is the lock-held bit logic for each access form (single
 * bit, packed bytes from a {@code byte[]} or a {@code ByteBuffer}, read-then-write), with its Javadoc.
 */
public final class BitTable {

  private final AddressLayout layout;
  private final long[] bits;
  private final StampedLock lock = new StampedLock();
  private final ListenerList<BitChangeListener> listeners = new ListenerList<>(BitChangeListener[]::new);

  private BitTable(AddressLayout layout) {
    this.layout = layout;
    this.bits = new long[(layout.size() + 63) >>> 6];
  }

  /** {@return a table of all 65536 addresses, all {@link AccessRule#READ_WRITE}, all false} */
  public static BitTable dense() {
    return dense(0, AddressLayout.ADDRESS_SPACE);
  }

  /**
   * {@return a table of addresses {@code start .. start + count - 1}, all {@link AccessRule#READ_WRITE}, all false}
   *
   * @param start the first address
   * @param count the number of addresses
   * @throws IllegalArgumentException when the range is empty or leaves 0..65535
   */
  public static BitTable dense(int start, int count) {
    return dense(start, count, AccessRule.READ_WRITE);
  }

  /**
   * {@return a table of addresses {@code start .. start + count - 1} with one rule, all false}
   *
   * @param start the first address
   * @param count the number of addresses
   * @param rule the rule
   * @throws IllegalArgumentException when the range is empty or leaves 0..65535
   */
  public static BitTable dense(int start, int count, AccessRule rule) {
    return new BitTable(AddressLayout.single(start, count, Objects.requireNonNull(rule, "rule")));
  }

  /**
   * {@return a builder of a table made of blocks, e.g. {@code BitTable.sparse().block(0, 16).block(100, 8,
   * AccessRule.READ_ONLY).build()}}
   */
  public static Builder sparse() {
    return new Builder();
  }

  /** Builds a {@link BitTable} from blocks of existing addresses. Not thread-safe; reusable. */
  public static final class Builder {

    private final LayoutBuilder layout = new LayoutBuilder();

    private Builder() {}

    /**
     * Adds the {@link AccessRule#READ_WRITE} block {@code start .. start + count - 1}.
     *
     * @param start the first address
     * @param count the number of addresses
     * @return this builder
     * @throws IllegalArgumentException when the range is empty, leaves 0..65535 or overlaps an earlier block
     */
    public Builder block(int start, int count) {
      return block(start, count, AccessRule.READ_WRITE);
    }

    /**
     * Adds the block {@code start .. start + count - 1} with {@code rule}.
     *
     * @param start the first address
     * @param count the number of addresses
     * @param rule the rule
     * @return this builder
     * @throws IllegalArgumentException when the range is empty, leaves 0..65535 or overlaps an earlier block
     */
    public Builder block(int start, int count, AccessRule rule) {
      layout.block(start, count, rule);
      return this;
    }

    /**
     * Gives {@code start .. start + count - 1}, which must lie in blocks (checked by {@link #build()}), the rule
     * {@code rule}; later calls win where ranges overlap.
     *
     * @param start the first address
     * @param count the number of addresses
     * @param rule the rule
     * @return this builder
     */
    public Builder access(int start, int count, AccessRule rule) {
      layout.access(start, count, rule);
      return this;
    }

    /**
     * {@return a new table with all bits false}
     *
     * @throws IllegalArgumentException when an {@link #access} range covers an address that is in no block
     */
    public BitTable build() {
      return new BitTable(layout.build());
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Layout

  /**
   * {@return whether {@code address} exists (whatever its rule)}
   *
   * @param address the first address (0-based, as on the wire)
   */
  public boolean contains(int address) {
    return layout.contains(address);
  }

  /**
   * {@return the rule of {@code address}, or null when it does not exist}
   *
   * @param address the first address (0-based, as on the wire)
   */
  public @Nullable AccessRule accessRule(int address) {
    return layout.rule(address);
  }

  /** {@return the existing addresses as sorted runs, adjacent runs with the same rule merged} */
  public List<AddressBlock> blocks() {
    return layout.blocks();
  }

  /** {@return number of existing addresses} */
  public int size() {
    return layout.size();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Wire API

  /**
   * {@return whether a wire read of {@code quantity} (at least 1) bits at {@code address} would be allowed}
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of bits
   */
  public AccessStatus checkRead(int address, int quantity) {
    return TableSupport.check(layout, address, quantity, Access.READ);
  }

  /**
   * {@return whether a wire write of {@code quantity} (at least 1) bits at {@code address} would be allowed}
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of bits
   */
  public AccessStatus checkWrite(int address, int quantity) {
    return TableSupport.check(layout, address, quantity, Access.WRITE);
  }

  /**
   * Reads {@code quantity} bits into {@code out} at its position, packed LSB first ({@code ceil(quantity / 8)}
   * bytes, unused high bits 0), and advances the position. On {@link AccessStatus#ILLEGAL_ADDRESS} nothing is
   * written and the position is unchanged.
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of bits
   * @param out the buffer to write into
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code quantity < 1}
   * @throws BufferOverflowException when {@code out} has too few bytes remaining (for an allowed request; nothing is
   *     written)
   */
  public AccessStatus readBits(int address, int quantity, ByteBuffer out) {
    int index = TableSupport.readIndex(layout, address, quantity);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    int bytes = packedLength(quantity);
    int position = requireRoom(out, bytes);
    long stamp = lock.tryOptimisticRead();
    packOut(index, quantity, out, position);
    if (!lock.validate(stamp)) {
      // A writer intervened: what was put may be torn, so overwrite it with a consistent copy.
      stamp = lock.readLock();
      try {
        packOut(index, quantity, out, position);
      } finally {
        lock.unlockRead(stamp);
      }
    }
    out.position(position + bytes);
    return AccessStatus.OK;
  }

  /**
   * Reads {@code quantity} bits into {@code dst[dstOffset ..]}. On {@link AccessStatus#ILLEGAL_ADDRESS} {@code dst}
   * is unchanged.
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of bits
   * @param dst the buffer to write into
   * @param dstOffset the dst offset
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code quantity < 1}
   * @throws IndexOutOfBoundsException when {@code dst} cannot hold the values (for an allowed request; nothing is
   *     written)
   */
  public AccessStatus readBits(int address, int quantity, boolean[] dst, int dstOffset) {
    int index = TableSupport.readIndex(layout, address, quantity);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    Objects.checkFromIndexSize(dstOffset, quantity, dst.length);
    snapshot(index, quantity, dst, dstOffset);
    return AccessStatus.OK;
  }

  /**
   * Writes {@code values} to consecutive bits from {@code address}, all or nothing.
   *
   * @param address the first address (0-based, as on the wire)
   * @param values the values
   * @param origin who makes the change (reported to listeners)
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code values} is empty
   */
  public AccessStatus writeBits(int address, boolean[] values, ChangeOrigin origin) {
    int index = TableSupport.writeIndex(layout, address, values.length, origin);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    commit(address, index, values, origin);
    return AccessStatus.OK;
  }

  /**
   * Writes {@code quantity} bits read packed LSB first from {@code packedLsbFirst} at its position (function 15's
   * format; unused high bits of the last byte are ignored), all or nothing. On {@link AccessStatus#OK} the position
   * advances by {@code ceil(quantity / 8)}; otherwise it is unchanged.
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of bits
   * @param packedLsbFirst the packed lsb first
   * @param origin who makes the change (reported to listeners)
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code quantity < 1}
   * @throws BufferUnderflowException when too few bytes remain (for an allowed request; nothing changes)
   */
  public AccessStatus writeBits(int address, int quantity, ByteBuffer packedLsbFirst, ChangeOrigin origin) {
    int index = TableSupport.writeIndex(layout, address, quantity, origin);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    int bytes = packedLength(quantity);
    int position = requireBytes(packedLsbFirst, bytes);
    BitChangeListener[] ls = listeners.snapshot();
    boolean[] old = ls.length == 0 ? null : new boolean[quantity];
    boolean[] neu = old == null ? null : new boolean[quantity];
    long stamp = lock.writeLock();
    try {
      if (old != null && neu != null) {
        for (int i = 0; i < quantity; i++) {
          old[i] = bit(index + i);
          neu[i] = ((Byte.toUnsignedInt(packedLsbFirst.get(position + (i >>> 3))) >>> (i & 7)) & 1) != 0;
        }
      }
      for (int b = 0; b < bytes; b++) {
        putByte(index + 8 * b, Math.min(8, quantity - 8 * b), Byte.toUnsignedInt(packedLsbFirst.get(position + b)));
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    packedLsbFirst.position(position + bytes);
    if (old != null && neu != null) {
      fire(ls, address, old, neu, origin);
    }
    return AccessStatus.OK;
  }

  /**
   * Writes one bit (function 05).
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param origin who makes the change (reported to listeners)
   * @return {@link AccessStatus#OK}, or why the access was refused
   */
  public AccessStatus writeBit(int address, boolean value, ChangeOrigin origin) {
    int index = TableSupport.writeIndex(layout, address, 1, origin);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    commitOne(address, index, value, origin);
    return AccessStatus.OK;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Java API

  /**
   * {@return the value of one bit, whatever its rule}
   *
   * @param address the first address (0-based, as on the wire)
   * @throws IllegalArgumentException when {@code address} does not exist
   */
  public boolean getBit(int address) {
    int index = layout.indexOrThrow(address, 1);
    long stamp = lock.tryOptimisticRead();
    boolean value = bit(index);
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        value = bit(index);
      } finally {
        lock.unlockRead(stamp);
      }
    }
    return value;
  }

  /**
   * {@return a consistent snapshot of {@code quantity} bits, whatever their rules}
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of bits
   * @throws IllegalArgumentException when {@code quantity < 1} or an address does not exist
   */
  public boolean[] getBits(int address, int quantity) {
    requireQuantity(quantity);
    int index = layout.indexOrThrow(address, quantity);
    boolean[] result = new boolean[quantity];
    snapshot(index, quantity, result, 0);
    return result;
  }

  /**
   * Sets one bit, whatever its rule.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @throws IllegalArgumentException when {@code address} does not exist
   */
  public void setBit(int address, boolean value) {
    commitOne(address, layout.indexOrThrow(address, 1), value, ChangeOrigin.API);
  }

  /**
   * Sets consecutive bits atomically, whatever their rules.
   *
   * @param address the first address (0-based, as on the wire)
   * @param values the values
   * @throws IllegalArgumentException when {@code values} is empty or an address does not exist (nothing changes)
   */
  public void setBits(int address, boolean... values) {
    requireQuantity(values.length);
    commit(address, layout.indexOrThrow(address, values.length), values, ChangeOrigin.API);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Listeners

  /**
   * Registers a listener for every later successful write; registering one twice makes it called twice.
   *
   * @param listener the listener
   */
  public void addListener(BitChangeListener listener) {
    listeners.add(listener);
  }

  /**
   * Removes one registration of {@code listener}; false when it was not registered.
   *
   * @param listener the listener
   * @return false when it was not registered
   */
  public boolean removeListener(BitChangeListener listener) {
    return listeners.remove(listener);
  }

  @Override
  public String toString() {
    return "BitTable" + layout.blocks();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Implementation

  private static int packedLength(int quantity) {
    return (quantity + 7) >>> 3;
  }

  private boolean bit(int index) {
    return ((bits[index >>> 6] >>> index) & 1L) != 0; // long shifts use the low 6 bits of the distance
  }

  private void put(int index, boolean value) {
    if (value) {
      bits[index >>> 6] |= 1L << index;
    } else {
      bits[index >>> 6] &= ~(1L << index);
    }
  }

  /** Absolute puts: a retried optimistic copy simply overwrites the same bytes. */
  private void packOut(int index, int quantity, ByteBuffer out, int position) {
    int bytes = packedLength(quantity);
    for (int b = 0; b < bytes; b++) {
      out.put(position + b, (byte) byteAt(index + 8 * b, Math.min(8, quantity - 8 * b)));
    }
  }

  /** Bits {@code index .. index + count - 1} ({@code count} 1..8), LSB first, higher bits 0. */
  private int byteAt(int index, int count) {
    int word = index >>> 6;
    int shift = index & 63;
    long window = bits[word] >>> shift;
    if (shift + count > 64) {
      // Straddles two longs; the next one exists because the last bit asked for does.
      window |= bits[word + 1] << (64 - shift);
    }
    return (int) window & ((1 << count) - 1);
  }

  /** Sets bits {@code index .. index + count - 1} ({@code count} 1..8) to the low bits of {@code packed}. */
  private void putByte(int index, int count, int packed) {
    int word = index >>> 6;
    int shift = index & 63;
    long mask = (1L << count) - 1;
    long value = packed & mask;
    bits[word] = (bits[word] & ~(mask << shift)) | (value << shift);
    if (shift + count > 64) {
      int spill = 64 - shift;
      bits[word + 1] = (bits[word + 1] & ~(mask >>> spill)) | (value >>> spill);
    }
  }

  private void snapshot(int index, int quantity, boolean[] dst, int dstOffset) {
    long stamp = lock.tryOptimisticRead();
    for (int i = 0; i < quantity; i++) {
      dst[dstOffset + i] = bit(index + i);
    }
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        for (int i = 0; i < quantity; i++) {
          dst[dstOffset + i] = bit(index + i);
        }
      } finally {
        lock.unlockRead(stamp);
      }
    }
  }

  private void commit(int address, int index, boolean[] values, ChangeOrigin origin) {
    int quantity = values.length;
    BitChangeListener[] ls = listeners.snapshot();
    boolean[] old = ls.length == 0 ? null : new boolean[quantity];
    // Copied before locking: the caller may reuse its array as soon as we return.
    boolean[] neu = old == null ? null : values.clone();
    long stamp = lock.writeLock();
    try {
      for (int i = 0; i < quantity; i++) {
        if (old != null) {
          old[i] = bit(index + i);
        }
        put(index + i, values[i]);
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    if (old != null && neu != null) {
      fire(ls, address, old, neu, origin);
    }
  }

  private void commitOne(int address, int index, boolean value, ChangeOrigin origin) {
    BitChangeListener[] ls = listeners.snapshot();
    boolean before;
    long stamp = lock.writeLock();
    try {
      before = bit(index);
      put(index, value);
    } finally {
      lock.unlockWrite(stamp);
    }
    if (ls.length != 0) {
      fire(ls, address, new boolean[] {before}, new boolean[] {value}, origin);
    }
  }

  private void fire(BitChangeListener[] ls, int address, boolean[] old, boolean[] neu, ChangeOrigin origin) {
    ListenerList.notify(ls, new BitChangeEvent(this, address, old, neu, origin), BitChangeListener::onChange);
  }
}
