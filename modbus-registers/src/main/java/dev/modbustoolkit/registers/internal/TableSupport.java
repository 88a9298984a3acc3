package dev.modbustoolkit.registers.internal;

import static dev.modbustoolkit.registers.internal.AddressLayout.NO_INDEX;

import dev.modbustoolkit.registers.AccessStatus;
import dev.modbustoolkit.registers.ChangeOrigin;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Request checks that {@code BitTable} and {@code RegisterTable} share, so both refuse and throw the same way.
 *
 * <p>Static and allocation-free on purpose: these run on every wire request and the JIT inlines them, whereas a
 * shared object holding the layout would add a load per call. The lock handling stays in each table because what
 * happens between {@code tryOptimisticRead} and {@code validate} is the value-type specific copy, and sharing it would
 * need a callback on the hot path.
 */
public final class TableSupport {

  private TableSupport() {}

  /** Checks a caller-given request size; {@link IllegalArgumentException} when {@code quantity < 1}. */
  public static void requireQuantity(int quantity) {
    if (quantity < 1) {
      throw new IllegalArgumentException("quantity must be at least 1: " + quantity);
    }
  }

  /** Whether a wire request needing {@code access} is allowed; throws as {@link #requireQuantity}. */
  public static AccessStatus check(AddressLayout layout, int address, int quantity, Access access) {
    requireQuantity(quantity);
    return layout.index(address, quantity, access) == NO_INDEX ? AccessStatus.ILLEGAL_ADDRESS : AccessStatus.OK;
  }

  /** The storage index of a wire read, or {@link AddressLayout#NO_INDEX}; throws as {@link #requireQuantity}. */
  public static int readIndex(AddressLayout layout, int address, int quantity) {
    requireQuantity(quantity);
    return layout.index(address, quantity, Access.READ);
  }

  /**
   * The storage index of a wire write, or {@link AddressLayout#NO_INDEX}. The quantity is checked before the origin,
   * so a call with both wrong throws what it always did.
   */
  public static int writeIndex(AddressLayout layout, int address, int quantity, ChangeOrigin origin) {
    requireQuantity(quantity);
    Objects.requireNonNull(origin, "origin");
    return layout.index(address, quantity, Access.WRITE);
  }

  /** The position of {@code out}, after checking it can take {@code bytes} bytes ({@link BufferOverflowException}). */
  public static int requireRoom(ByteBuffer out, int bytes) {
    if (out.remaining() < bytes) {
      throw new BufferOverflowException();
    }
    return out.position();
  }

  /** The position of {@code in}, after checking it holds {@code bytes} bytes ({@link BufferUnderflowException}). */
  public static int requireBytes(ByteBuffer in, int bytes) {
    if (in.remaining() < bytes) {
      throw new BufferUnderflowException();
    }
    return in.position();
  }
}
