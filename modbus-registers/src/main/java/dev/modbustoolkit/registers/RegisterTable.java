package dev.modbustoolkit.registers;

import static dev.modbustoolkit.registers.internal.AddressLayout.NO_INDEX;
import static dev.modbustoolkit.registers.internal.TableSupport.requireBytes;
import static dev.modbustoolkit.registers.internal.TableSupport.requireQuantity;
import static dev.modbustoolkit.registers.internal.TableSupport.requireRoom;

import dev.modbustoolkit.registers.internal.Access;
import dev.modbustoolkit.registers.internal.AddressLayout;
import dev.modbustoolkit.registers.internal.LayoutBuilder;
import dev.modbustoolkit.registers.internal.ListenerList;
import dev.modbustoolkit.registers.internal.RegisterBytes;
import dev.modbustoolkit.registers.internal.TableSupport;
import dev.modbustoolkit.registers.internal.WordCodec;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * A thread-safe table of 16-bit registers: holding registers or input registers.
 *
 * <p><b>Layout.</b> A table is created {@linkplain #dense() dense} (one contiguous range, up to all of 0..65535) or
 * with a {@linkplain #sparse() builder} of blocks; addresses outside every block do not exist. Each existing address
 * has an {@link AccessRule}. Storage is one array of the existing addresses (2 bytes each).
 *
 * <p><b>Two APIs.</b> The wire API ({@code readRegisters}, {@code writeRegisters}, {@code writeRegister},
 * {@code maskWriteRegister}, {@code writeThenRead}) checks every address of the request for existence and for its
 * access rule and returns {@link AccessStatus#ILLEGAL_ADDRESS} when any fails, having read or changed nothing; it
 * allocates nothing when no listener is registered. The Java API ({@code get}, {@code set}, typed getters and
 * setters) ignores access rules and throws {@link IllegalArgumentException} naming the first missing address.
 * Arguments that a caller must validate first (a quantity below 1, a value outside 16 bits, a too small buffer) are
 * programming errors and throw in both APIs, before anything changes.
 *
 * <p><b>Atomicity.</b> Every write, single or multiple, typed or raw, is all-or-nothing and is seen by readers
 * either entirely or not at all: a reader never sees half of a float32. {@linkplain Builder#wholeValue Whole
 * values} go further on the wire: a client request that covers part of one is refused. One {@link StampedLock} per table makes
 * writers exclusive; readers copy optimistically without locking and retry under the read lock only if a write
 * intervened, so concurrent reads do not serialise. No monitor is used, so virtual threads are never pinned.
 *
 * <p><b>Values.</b> Register values are 16 bits. Getters return them unsigned (0..65535); setters accept
 * -32768..65535 and store the low 16 bits, so signed and unsigned literals both work.
 *
 * <p><b>Typed views.</b> int16, uint16, int32, uint32, int64, float32, float64 and fixed-length strings over
 * consecutive registers, in any {@link WordOrder}, e.g. {@code holding.setFloat32(40100, 21.5f, WordOrder.CDAB)}.
 * Strings use ISO-8859-1, two characters per register, first character in the high byte (for ABCD), padded with
 * 0x00 bytes; reading removes trailing 0x00 bytes.
 *
 * <p><b>Listeners.</b> {@link RegisterChangeListener}s get a {@link RegisterChangeEvent} for every successful write
 * from either API, after the lock is released; see the listener's contract.
 *
 * <p>Why about 900 lines: the register API offers each access in the forms callers need (single words, ranges from
 * {@code short[]} and {@code ByteBuffer}, mask write, read-then-write, and the typed views in four word orders),
 * all under the one lock that makes multi-register values atomic; the shared checks are in the internal {@code
 * TableSupport}. Moving the typed views to a class of their own is the split to make when it grows further.
 */
public final class RegisterTable {

  private static final int MIN_VALUE = Short.MIN_VALUE;
  private static final int MAX_VALUE = 0xFFFF;

  private final AddressLayout layout;
  private final short[] values;
  private final StampedLock lock = new StampedLock();
  private final ListenerList<RegisterChangeListener> listeners = new ListenerList<>(RegisterChangeListener[]::new);

  private RegisterTable(AddressLayout layout) {
    this.layout = layout;
    this.values = new short[layout.size()];
  }

  /** {@return a table of all 65536 addresses, all {@link AccessRule#READ_WRITE}, all 0} */
  public static RegisterTable dense() {
    return dense(0, AddressLayout.ADDRESS_SPACE);
  }

  /**
   * {@return a table of addresses {@code start .. start + count - 1}, all {@link AccessRule#READ_WRITE}, all 0}
   *
   * @param start the first address
   * @param count the number of addresses
   * @throws IllegalArgumentException when the range is empty or leaves 0..65535
   */
  public static RegisterTable dense(int start, int count) {
    return dense(start, count, AccessRule.READ_WRITE);
  }

  /**
   * {@return a table of addresses {@code start .. start + count - 1} with one rule, all 0}
   *
   * @param start the first address
   * @param count the number of addresses
   * @param rule the rule
   * @throws IllegalArgumentException when the range is empty or leaves 0..65535
   */
  public static RegisterTable dense(int start, int count, AccessRule rule) {
    return new RegisterTable(AddressLayout.single(start, count, Objects.requireNonNull(rule, "rule")));
  }

  /**
   * {@return a builder of a table made of blocks, e.g. {@code RegisterTable.sparse().block(0, 100).block(1000, 10,
   * AccessRule.READ_ONLY).build()}} A builder with one block gives a dense table; {@link Builder#access} sets rules
   * for sub-ranges of blocks.
   */
  public static Builder sparse() {
    return new Builder();
  }

  /** Builds a {@link RegisterTable} from blocks of existing addresses. Not thread-safe; reusable. */
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
     * {@code rule}; later calls win where ranges overlap. Lets one block carry several rules, e.g. a dense table
     * with a read-only area: {@code sparse().block(0, 65536).access(100, 10, READ_ONLY)}.
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
     * Declares {@code start .. start + count - 1} one value (a float32, an int64, a string) that clients read and
     * write whole: a wire read or write that covers part of it, and not all, is refused with
     * {@link AccessStatus#ILLEGAL_ADDRESS}, as many devices do, so a client can never combine half of one value with
     * half of another. The Java API is not affected.
     *
     * @param start the first address
     * @param count the number of addresses, at least 2
     * @return this builder
     * @throws IllegalArgumentException when the range leaves 0..65535 or has fewer than 2 addresses; {@link #build()}
     *     refuses whole values outside the blocks or overlapping each other
     */
    public Builder wholeValue(int start, int count) {
      layout.wholeValue(start, count);
      return this;
    }

    /**
     * {@return a new table with all values 0}
     *
     * @throws IllegalArgumentException when an {@link #access} range or a {@link #wholeValue} covers an address that
     *     is in no block, or whole values overlap
     */
    public RegisterTable build() {
      return new RegisterTable(layout.build());
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
   * {@return whether a wire read of {@code quantity} (at least 1) registers at {@code address} would be allowed}
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of registers
   */
  public AccessStatus checkRead(int address, int quantity) {
    return TableSupport.check(layout, address, quantity, Access.READ);
  }

  /**
   * {@return whether a wire write of {@code quantity} (at least 1) registers at {@code address} would be allowed}
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of registers
   */
  public AccessStatus checkWrite(int address, int quantity) {
    return TableSupport.check(layout, address, quantity, Access.WRITE);
  }

  /**
   * Reads {@code quantity} registers into {@code out} at its position, 2 bytes each, big-endian whatever
   * {@code out.order()}, and advances the position. On {@link AccessStatus#ILLEGAL_ADDRESS} nothing is written and
   * the position is unchanged.
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of registers
   * @param out the buffer to write into
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code quantity < 1}
   * @throws BufferOverflowException when {@code out} has fewer than {@code 2 * quantity} bytes remaining (for an
   *     allowed request; nothing is written)
   */
  public AccessStatus readRegisters(int address, int quantity, ByteBuffer out) {
    int index = TableSupport.readIndex(layout, address, quantity);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    int position = requireRoom(out, 2 * quantity);
    long stamp = lock.tryOptimisticRead();
    copyOut(index, quantity, out, position);
    if (!lock.validate(stamp)) {
      // A writer intervened: what was put may be torn, so overwrite it with a consistent copy.
      stamp = lock.readLock();
      try {
        copyOut(index, quantity, out, position);
      } finally {
        lock.unlockRead(stamp);
      }
    }
    out.position(position + 2 * quantity);
    return AccessStatus.OK;
  }

  /**
   * Reads {@code quantity} registers into {@code dst[dstOffset ..]}. On {@link AccessStatus#ILLEGAL_ADDRESS}
   * {@code dst} is unchanged.
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of registers
   * @param dst the buffer to write into
   * @param dstOffset the dst offset
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code quantity < 1}
   * @throws IndexOutOfBoundsException when {@code dst} cannot hold the values (for an allowed request; nothing is
   *     written)
   */
  public AccessStatus readRegisters(int address, int quantity, short[] dst, int dstOffset) {
    int index = TableSupport.readIndex(layout, address, quantity);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    Objects.checkFromIndexSize(dstOffset, quantity, dst.length);
    snapshot(index, quantity, dst, dstOffset);
    return AccessStatus.OK;
  }

  /**
   * Writes {@code values} to consecutive registers from {@code address}, all or nothing.
   *
   * @param address the first address (0-based, as on the wire)
   * @param values the values
   * @param origin who makes the change (reported to listeners)
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code values} is empty
   */
  public AccessStatus writeRegisters(int address, short[] values, ChangeOrigin origin) {
    int index = TableSupport.writeIndex(layout, address, values.length, origin);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    commit(address, index, values, 0, values.length, origin);
    return AccessStatus.OK;
  }

  /**
   * Writes {@code quantity} registers read big-endian from {@code values} at its position (whatever
   * {@code values.order()}), all or nothing. On {@link AccessStatus#OK} the position advances by
   * {@code 2 * quantity}; otherwise it is unchanged.
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of registers
   * @param values the values
   * @param origin who makes the change (reported to listeners)
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code quantity < 1}
   * @throws BufferUnderflowException when {@code values} has fewer than {@code 2 * quantity} bytes remaining (for
   *     an allowed request; nothing changes)
   */
  public AccessStatus writeRegisters(int address, int quantity, ByteBuffer values, ChangeOrigin origin) {
    int index = TableSupport.writeIndex(layout, address, quantity, origin);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    int position = requireBytes(values, 2 * quantity);
    RegisterChangeListener[] ls = listeners.snapshot();
    short[] old = ls.length == 0 ? null : new short[quantity];
    short[] neu = old == null ? null : new short[quantity];
    long stamp = lock.writeLock();
    try {
      if (old != null) {
        System.arraycopy(this.values, index, old, 0, quantity);
      }
      RegisterBytes.get(values, position, this.values, index, quantity);
      if (neu != null) {
        System.arraycopy(this.values, index, neu, 0, quantity);
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    values.position(position + 2 * quantity);
    if (old != null && neu != null) {
      fire(ls, address, old, neu, origin);
    }
    return AccessStatus.OK;
  }

  /**
   * Writes one register (function 06).
   *
   * @param value -32768..65535; the low 16 bits are stored
   * @param address the first address (0-based, as on the wire)
   * @param origin who makes the change (reported to listeners)
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code value} is outside -32768..65535
   */
  public AccessStatus writeRegister(int address, int value, ChangeOrigin origin) {
    requireValue(value, "value");
    int index = TableSupport.writeIndex(layout, address, 1, origin);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    commitOne(address, index, (short) value, origin);
    return AccessStatus.OK;
  }

  /**
   * {@return mask write (function 22): atomically sets the register to {@code (current AND andMask) OR (orMask AND NOT
   * andMask)}} Needs write access only (the current value is read internally, never sent to the client).
   *
   * @param address the first address (0-based, as on the wire)
   * @param andMask the and mask
   * @param orMask the or mask
   * @param origin who makes the change (reported to listeners)
   * @throws IllegalArgumentException when a mask is outside -32768..65535
   */
  public AccessStatus maskWriteRegister(int address, int andMask, int orMask, ChangeOrigin origin) {
    requireValue(andMask, "andMask");
    requireValue(orMask, "orMask");
    int index = TableSupport.writeIndex(layout, address, 1, origin);
    if (index == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    RegisterChangeListener[] ls = listeners.snapshot();
    short before;
    short after;
    long stamp = lock.writeLock();
    try {
      before = values[index];
      after = (short) ((before & andMask) | (orMask & ~andMask));
      values[index] = after;
    } finally {
      lock.unlockWrite(stamp);
    }
    if (ls.length != 0) {
      fire(ls, address, new short[] {before}, new short[] {after}, origin);
    }
    return AccessStatus.OK;
  }

  /**
   * Read/write multiple registers (function 23): writes {@code values} at {@code writeAddress}, then reads
   * {@code readQuantity} registers at {@code readAddress} into {@code out} (big-endian, position advanced), as one
   * atomic step, so the read sees the write and no other writer in between. Both ranges are checked before anything
   * changes; on {@link AccessStatus#ILLEGAL_ADDRESS} nothing is written to the table or to {@code out}.
   *
   * @param writeAddress the write address
   * @param values the values
   * @param readAddress the read address
   * @param readQuantity the read quantity
   * @param out the buffer to write into
   * @param origin who makes the change (reported to listeners)
   * @return {@link AccessStatus#OK}, or why the access was refused
   * @throws IllegalArgumentException when {@code values} is empty or {@code readQuantity < 1}
   * @throws BufferOverflowException when {@code out} has fewer than {@code 2 * readQuantity} bytes remaining (for
   *     an allowed request; nothing changes)
   */
  public AccessStatus writeThenRead(
      int writeAddress, short[] values, int readAddress, int readQuantity, ByteBuffer out, ChangeOrigin origin) {
    requireQuantity(values.length);
    requireQuantity(readQuantity);
    Objects.requireNonNull(origin, "origin");
    int writeIndex = layout.index(writeAddress, values.length, Access.WRITE);
    int readIndex = layout.index(readAddress, readQuantity, Access.READ);
    if (writeIndex == NO_INDEX || readIndex == NO_INDEX) {
      return AccessStatus.ILLEGAL_ADDRESS;
    }
    int position = requireRoom(out, 2 * readQuantity);
    int quantity = values.length;
    RegisterChangeListener[] ls = listeners.snapshot();
    short[] old = ls.length == 0 ? null : new short[quantity];
    short[] neu = old == null ? null : values.clone();
    long stamp = lock.writeLock();
    try {
      if (old != null) {
        System.arraycopy(this.values, writeIndex, old, 0, quantity);
      }
      System.arraycopy(values, 0, this.values, writeIndex, quantity);
      copyOut(readIndex, readQuantity, out, position);
    } finally {
      lock.unlockWrite(stamp);
    }
    out.position(position + 2 * readQuantity);
    if (old != null && neu != null) {
      fire(ls, writeAddress, old, neu, origin);
    }
    return AccessStatus.OK;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Java API: raw values

  /**
   * {@return the value of one register, 0..65535}
   *
   * @param address the first address (0-based, as on the wire)
   * @throws IllegalArgumentException when {@code address} does not exist
   */
  public int get(int address) {
    int index = layout.indexOrThrow(address, 1);
    long stamp = lock.tryOptimisticRead();
    short value = values[index];
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        value = values[index];
      } finally {
        lock.unlockRead(stamp);
      }
    }
    return value & 0xFFFF;
  }

  /**
   * {@return a consistent snapshot of {@code quantity} registers, each 0..65535}
   *
   * @param address the first address (0-based, as on the wire)
   * @param quantity the number of registers
   * @throws IllegalArgumentException when {@code quantity < 1} or an address does not exist
   */
  public int[] getRange(int address, int quantity) {
    short[] raw = readApi(address, quantity);
    int[] result = new int[quantity];
    for (int i = 0; i < quantity; i++) {
      result[i] = raw[i] & 0xFFFF;
    }
    return result;
  }

  /**
   * Sets one register, whatever its access rule.
   *
   * @param value -32768..65535; the low 16 bits are stored
   * @param address the first address (0-based, as on the wire)
   * @throws IllegalArgumentException when {@code address} does not exist or {@code value} is out of range
   */
  public void set(int address, int value) {
    requireValue(value, "value");
    commitOne(address, layout.indexOrThrow(address, 1), (short) value, ChangeOrigin.API);
  }

  /**
   * Sets consecutive registers atomically, whatever their access rules.
   *
   * @param values each -32768..65535; the low 16 bits are stored
   * @param address the first address (0-based, as on the wire)
   * @throws IllegalArgumentException when {@code values} is empty, a value is out of range or an address does not
   *     exist (nothing changes)
   */
  public void setRange(int address, int... values) {
    short[] raw = new short[values.length];
    for (int i = 0; i < values.length; i++) {
      // Not requireValue: its name argument would be built for every element.
      if (!isValue(values[i])) {
        throw notAValue("values[" + i + "]", values[i]);
      }
      raw[i] = (short) values[i];
    }
    int index = layout.indexOrThrow(address, values.length);
    commit(address, index, raw, 0, raw.length, ChangeOrigin.API);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Java API: typed views (rules ignored; IllegalArgumentException for missing addresses)

  /**
   * {@return the register as a signed 16-bit value}
   *
   * @param address the first address (0-based, as on the wire)
   */
  public short getInt16(int address) {
    return getInt16(address, WordOrder.ABCD);
  }

  /**
   * {@return the register as a signed 16-bit value; only {@link WordOrder#bytesSwapped()} matters}
   *
   * @param address the first address (0-based, as on the wire)
   * @param order the order of the 16-bit words
   */
  public short getInt16(int address, WordOrder order) {
    return (short) readRaw(address, 1, order);
  }

  /**
   * {@return the register as an unsigned 16-bit value, 0..65535}
   *
   * @param address the first address (0-based, as on the wire)
   */
  public int getUint16(int address) {
    return getUint16(address, WordOrder.ABCD);
  }

  /**
   * {@return the register as an unsigned 16-bit value; only {@link WordOrder#bytesSwapped()} matters}
   *
   * @param address the first address (0-based, as on the wire)
   * @param order the order of the 16-bit words
   */
  public int getUint16(int address, WordOrder order) {
    return (int) readRaw(address, 1, order);
  }

  /**
   * {@return two registers as a signed 32-bit value}
   *
   * @param address the first address (0-based, as on the wire)
   * @param order the order of the 16-bit words
   */
  public int getInt32(int address, WordOrder order) {
    return (int) readRaw(address, 2, order);
  }

  /**
   * {@return two registers as an unsigned 32-bit value, 0..4294967295}
   *
   * @param address the first address (0-based, as on the wire)
   * @param order the order of the 16-bit words
   */
  public long getUint32(int address, WordOrder order) {
    return readRaw(address, 2, order);
  }

  /**
   * {@return four registers as a signed 64-bit value}
   *
   * @param address the first address (0-based, as on the wire)
   * @param order the order of the 16-bit words
   */
  public long getInt64(int address, WordOrder order) {
    return readRaw(address, 4, order);
  }

  /**
   * {@return two registers as an IEEE 754 single}
   *
   * @param address the first address (0-based, as on the wire)
   * @param order the order of the 16-bit words
   */
  public float getFloat32(int address, WordOrder order) {
    return Float.intBitsToFloat((int) readRaw(address, 2, order));
  }

  /**
   * {@return four registers as an IEEE 754 double}
   *
   * @param address the first address (0-based, as on the wire)
   * @param order the order of the 16-bit words
   */
  public double getFloat64(int address, WordOrder order) {
    return Double.longBitsToDouble(readRaw(address, 4, order));
  }

  /**
   * {@code registerCount} registers as an ABCD string; see {@link #getString(int, int, WordOrder)}.
   *
   * @param address the first address (0-based, as on the wire)
   * @param registerCount the register count
   * @return the string, trailing 0x00 padding removed
   */
  public String getString(int address, int registerCount) {
    return getString(address, registerCount, WordOrder.ABCD);
  }

  /**
   * {@code registerCount} registers as a string of up to {@code 2 * registerCount} ISO-8859-1 characters, trailing
   * 0x00 padding removed (space padding written by a device is kept).
   *
   * @param address the first address (0-based, as on the wire)
   * @param registerCount the register count
   * @param order the order of the 16-bit words
   * @return the string, trailing 0x00 padding removed
   */
  public String getString(int address, int registerCount, WordOrder order) {
    Objects.requireNonNull(order, "order");
    return WordCodec.decodeString(readApi(address, registerCount), order);
  }

  /**
   * Sets the register to a signed 16-bit value.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @throws IllegalArgumentException when {@code value} is outside -32768..32767
   */
  public void setInt16(int address, int value) {
    setInt16(address, value, WordOrder.ABCD);
  }

  /**
   * Sets the register to a signed 16-bit value (-32768..32767); only {@link WordOrder#bytesSwapped()} matters.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param order the order of the 16-bit words
   */
  public void setInt16(int address, int value, WordOrder order) {
    if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
      throw new IllegalArgumentException("int16 value must be -32768..32767: " + value);
    }
    writeRaw(address, 1, value, order);
  }

  /**
   * Sets the register to an unsigned 16-bit value.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @throws IllegalArgumentException when {@code value} is outside 0..65535
   */
  public void setUint16(int address, int value) {
    setUint16(address, value, WordOrder.ABCD);
  }

  /**
   * Sets the register to an unsigned 16-bit value (0..65535); only {@link WordOrder#bytesSwapped()} matters.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param order the order of the 16-bit words
   */
  public void setUint16(int address, int value, WordOrder order) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException("uint16 value must be 0..65535: " + value);
    }
    writeRaw(address, 1, value, order);
  }

  /**
   * Sets two registers to a signed 32-bit value, atomically.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param order the order of the 16-bit words
   */
  public void setInt32(int address, int value, WordOrder order) {
    writeRaw(address, 2, value, order);
  }

  /**
   * Sets two registers to an unsigned 32-bit value, atomically.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param order the order of the 16-bit words
   * @throws IllegalArgumentException when {@code value} is outside 0..4294967295
   */
  public void setUint32(int address, long value, WordOrder order) {
    if (value < 0 || value > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("uint32 value must be 0..4294967295: " + value);
    }
    writeRaw(address, 2, value, order);
  }

  /**
   * Sets four registers to a signed 64-bit value, atomically.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param order the order of the 16-bit words
   */
  public void setInt64(int address, long value, WordOrder order) {
    writeRaw(address, 4, value, order);
  }

  /**
   * Sets two registers to an IEEE 754 single (NaN payloads kept), atomically.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param order the order of the 16-bit words
   */
  public void setFloat32(int address, float value, WordOrder order) {
    writeRaw(address, 2, Float.floatToRawIntBits(value), order);
  }

  /**
   * Sets four registers to an IEEE 754 double (NaN payloads kept), atomically.
   *
   * @param address the first address (0-based, as on the wire)
   * @param value the value
   * @param order the order of the 16-bit words
   */
  public void setFloat64(int address, double value, WordOrder order) {
    writeRaw(address, 4, Double.doubleToRawLongBits(value), order);
  }

  /**
   * Sets {@code registerCount} registers to an ABCD string; see {@link #setString(int, int, String, WordOrder)}.
   *
   * @param address the first address (0-based, as on the wire)
   * @param registerCount the register count
   * @param text the text
   */
  public void setString(int address, int registerCount, String text) {
    setString(address, registerCount, text, WordOrder.ABCD);
  }

  /**
   * Sets {@code registerCount} registers to {@code text} (ISO-8859-1, two characters per register), padded with
   * 0x00 bytes, atomically.
   *
   * @param address the first address (0-based, as on the wire)
   * @param registerCount the register count
   * @param text the text
   * @param order the order of the 16-bit words
   * @throws IllegalArgumentException when {@code text} has more than {@code 2 * registerCount} characters or a
   *     character above U+00FF, or an address does not exist (nothing changes)
   */
  public void setString(int address, int registerCount, String text, WordOrder order) {
    Objects.requireNonNull(order, "order");
    requireQuantity(registerCount);
    int index = layout.indexOrThrow(address, registerCount);
    short[] raw = WordCodec.encodeString(text, registerCount, order);
    commit(address, index, raw, 0, registerCount, ChangeOrigin.API);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Listeners

  /**
   * Registers a listener for every later successful write; registering one twice makes it called twice.
   *
   * @param listener the listener
   */
  public void addListener(RegisterChangeListener listener) {
    listeners.add(listener);
  }

  /**
   * Removes one registration of {@code listener}; false when it was not registered.
   *
   * @param listener the listener
   * @return false when it was not registered
   */
  public boolean removeListener(RegisterChangeListener listener) {
    return listeners.remove(listener);
  }

  @Override
  public String toString() {
    return "RegisterTable" + layout.blocks();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Implementation

  private static void requireValue(int value, String name) {
    if (!isValue(value)) {
      throw notAValue(name, value);
    }
  }

  private static boolean isValue(int value) {
    return value >= MIN_VALUE && value <= MAX_VALUE;
  }

  private static IllegalArgumentException notAValue(String name, int value) {
    return new IllegalArgumentException(name + " must be a 16-bit value (-32768..65535): " + value);
  }

  /** Absolute puts: a retried optimistic copy simply overwrites the same bytes. */
  private void copyOut(int index, int quantity, ByteBuffer out, int position) {
    RegisterBytes.put(values, index, quantity, out, position);
  }

  private void snapshot(int index, int quantity, short[] dst, int dstOffset) {
    long stamp = lock.tryOptimisticRead();
    System.arraycopy(values, index, dst, dstOffset, quantity);
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        System.arraycopy(values, index, dst, dstOffset, quantity);
      } finally {
        lock.unlockRead(stamp);
      }
    }
  }

  private short[] readApi(int address, int quantity) {
    requireQuantity(quantity);
    int index = layout.indexOrThrow(address, quantity);
    short[] result = new short[quantity];
    snapshot(index, quantity, result, 0);
    return result;
  }

  private long readRaw(int address, int registers, WordOrder order) {
    Objects.requireNonNull(order, "order");
    int index = layout.indexOrThrow(address, registers);
    long stamp = lock.tryOptimisticRead();
    long raw = WordCodec.decode(values, index, registers, order);
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        raw = WordCodec.decode(values, index, registers, order);
      } finally {
        lock.unlockRead(stamp);
      }
    }
    return raw;
  }

  private void writeRaw(int address, int registers, long raw, WordOrder order) {
    Objects.requireNonNull(order, "order");
    int index = layout.indexOrThrow(address, registers);
    RegisterChangeListener[] ls = listeners.snapshot();
    short[] old = ls.length == 0 ? null : new short[registers];
    short[] neu = old == null ? null : new short[registers];
    long stamp = lock.writeLock();
    try {
      if (old != null) {
        System.arraycopy(values, index, old, 0, registers);
      }
      for (int position = 0; position < registers; position++) {
        values[index + position] = WordCodec.register(raw, registers, position, order);
      }
      if (neu != null) {
        System.arraycopy(values, index, neu, 0, registers);
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    if (old != null && neu != null) {
      fire(ls, address, old, neu, ChangeOrigin.API);
    }
  }

  private void commit(int address, int index, short[] src, int srcOffset, int quantity, ChangeOrigin origin) {
    RegisterChangeListener[] ls = listeners.snapshot();
    short[] old = ls.length == 0 ? null : new short[quantity];
    // Copied before locking: the caller may reuse its array as soon as we return.
    short[] neu = old == null ? null : Arrays.copyOfRange(src, srcOffset, srcOffset + quantity);
    long stamp = lock.writeLock();
    try {
      if (old != null) {
        System.arraycopy(values, index, old, 0, quantity);
      }
      System.arraycopy(src, srcOffset, values, index, quantity);
    } finally {
      lock.unlockWrite(stamp);
    }
    if (old != null && neu != null) {
      fire(ls, address, old, neu, origin);
    }
  }

  private void commitOne(int address, int index, short value, ChangeOrigin origin) {
    RegisterChangeListener[] ls = listeners.snapshot();
    short before;
    long stamp = lock.writeLock();
    try {
      before = values[index];
      values[index] = value;
    } finally {
      lock.unlockWrite(stamp);
    }
    if (ls.length != 0) {
      fire(ls, address, new short[] {before}, new short[] {value}, origin);
    }
  }

  private void fire(RegisterChangeListener[] ls, int address, short[] old, short[] neu, ChangeOrigin origin) {
    ListenerList.notify(ls, new RegisterChangeEvent(this, address, old, neu, origin), RegisterChangeListener::onChange);
  }
}
