package dev.modbustoolkit.registers;

/**
 * Told about every successful write to a {@link BitTable}.
 *
 * <p>Same contract as {@link RegisterChangeListener}: called on the writing thread after the change is visible and
 * outside the table's lock; events of concurrent writers may arrive in any order; a listener's exception does not
 * undo the write, the other listeners still run and the first exception propagates to the writer.
 */
@FunctionalInterface
public interface BitChangeListener {

  /**
   * Called once per successful write.
   *
   * @param event the event
   */
  void onChange(BitChangeEvent event);
}
