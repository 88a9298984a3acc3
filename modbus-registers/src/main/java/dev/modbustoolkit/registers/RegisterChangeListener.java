package dev.modbustoolkit.registers;

/**
 * Told about every successful write to a {@link RegisterTable}.
 *
 * <p>Called on the writing thread after the new values are visible to readers and after the table's lock was
 * released, so a listener may read or write the table (a write from a listener produces a further event).
 * Listeners of concurrent writes run concurrently and events of different writers may arrive in any order; each
 * event's old and new values are exact for its own write. An exception thrown by a listener does not undo the
 * write; the other listeners still run and the first exception propagates to the writer.
 */
@FunctionalInterface
public interface RegisterChangeListener {

  /**
   * Called once per successful write.
   *
   * @param event the event
   */
  void onChange(RegisterChangeEvent event);
}
