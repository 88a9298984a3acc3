package dev.modbustoolkit.client;

import org.jspecify.annotations.Nullable;

/**
 * Told of every change of a client's {@link ConnectionState}, on the client's I/O or timer thread: keep it short
 * and do not block in it.
 */
@FunctionalInterface
public interface ConnectionListener {
  /**
   * The state changed.
   *
   * @param from the state before
   * @param to the state now
   * @param cause why the link was lost or could not be opened, or null
   */
  void stateChanged(ConnectionState from, ConnectionState to, @Nullable Throwable cause);
}
