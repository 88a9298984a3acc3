package dev.modbustoolkit.pdu.internal;

/**
 * Lets code of this module hand a record an array it has just filled and will never touch again, so the record
 * keeps it instead of taking the defensive copy its public constructor makes of every array a caller passes.
 *
 * <p>Why a hand-over and not a private constructor: every constructor of a record runs its canonical
 * constructor, which cannot tell a trusted caller from any other, so it asks here whether the array it got is the
 * one this thread just handed over. The decoder halves its allocations for register and bit arrays this way (an
 * FC03 response of 125 registers was decoded into one array and then copied into another).
 *
 * <p>Usage, always as one expression on one thread: {@code new Record(Ownership.handOver(freshArray))}, with a
 * compact constructor that ends in {@code values = Ownership.adopt(values)}. A hand-over that no constructor takes
 * (a constructor that threw first) is simply replaced by the next one; no other array can match it, because no
 * other code holds it.
 */
public final class Ownership {
  // One slot per thread, reused: set by handOver, cleared by the adopt that follows it on the same thread.
  private static final ThreadLocal<Object[]> HANDED_OVER = ThreadLocal.withInitial(() -> new Object[1]);

  private Ownership() {}

  /** Marks {@code array} as given away by the calling thread to the record constructed next; returns it. */
  public static <T> T handOver(T array) {
    HANDED_OVER.get()[0] = array;
    return array;
  }

  /** The array itself when it was just handed over on this thread, else a copy. */
  public static short[] adopt(short[] values) {
    return take(values) ? values : values.clone();
  }

  /** The array itself when it was just handed over on this thread, else a copy. */
  public static byte[] adopt(byte[] values) {
    return take(values) ? values : values.clone();
  }

  /** The array itself when it was just handed over on this thread, else a copy. */
  public static boolean[] adopt(boolean[] values) {
    return take(values) ? values : values.clone();
  }

  private static boolean take(Object array) {
    Object[] slot = HANDED_OVER.get();
    if (slot[0] != array) {
      return false;
    }
    slot[0] = null;
    return true;
  }
}
