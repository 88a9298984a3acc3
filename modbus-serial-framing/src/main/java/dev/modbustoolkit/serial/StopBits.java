package dev.modbustoolkit.serial;

/** The stop bits of a serial character: one (with parity, or the common 8N1) or two (the spec's choice without parity). */
public enum StopBits {
  /** One stop bit. */
  ONE(1),
  /** Two stop bits. */
  TWO(2);

  private final int count;

  StopBits(int count) {
    this.count = count;
  }

  /**
   * 1 or 2.
   *
   * @return the count
   */
  public int count() {
    return count;
  }

  /**
   * {@return the value for a count}
   *
   * @param count the number of stop bits
   * @throws IllegalArgumentException unless {@code count} is 1 or 2
   */
  public static StopBits of(int count) {
    return switch (count) {
      case 1 -> ONE;
      case 2 -> TWO;
      default -> throw new IllegalArgumentException("stop bits " + count + " not 1 or 2");
    };
  }
}
