package dev.modbustoolkit.transport.stream;

/**
 * What a {@link ConnectionRegistry} needs to know of one connection of a stream transport: enough to find the
 * connection idle longest (for {@link ConnectionLimitPolicy#EVICT_OLDEST_IDLE} and the idle timeout) and the
 * oldest one still open (for a connection-limit fault). Read from other threads: implementations answer from
 * volatile state.
 */
public interface StreamConnection {
  /** {@return the connection's id, unique within its server and increasing in the order of acceptance} */
  long id();

  /** {@return whether a request is being processed (such a connection is never evicted as idle)} */
  boolean isBusy();

  /** {@return whether a close has been asked for (it no longer counts as open)} */
  boolean isClosing();

  /** {@return {@link System#nanoTime()} when bytes last arrived (or the connection was opened)} */
  long lastActivityNanos();
}
