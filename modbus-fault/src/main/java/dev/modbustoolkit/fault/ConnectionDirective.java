package dev.modbustoolkit.fault;

/**
 * What the transport does with the connection after a plan's segments were written. When several faults fire,
 * the strongest wins, in declaration order (KEEP_OPEN weakest, HOLD_OPEN strongest).
 */
public enum ConnectionDirective {
  /** Keep serving the connection. */
  KEEP_OPEN,
  /** Close gracefully: the peer sees a FIN. */
  CLOSE_FIN,
  /**
   * Abort: set {@code SO_LINGER} to 0 and close, so the peer sees a RST. Carried explicitly because a plain
   * close lets the operating system choose between FIN and RST (it sends RST when unread input is pending).
   */
  CLOSE_RST,
  /**
   * Stop reading from and answering on this connection but keep the socket open (a hung device), until the peer
   * gives up or the server stops. Only produced on connection-oriented transports (TCP, RTU over TCP).
   */
  HOLD_OPEN;

  /**
   * {@return the stronger of this and {@code other}}
   *
   * @param other the other
   */
  public ConnectionDirective strongest(ConnectionDirective other) {
    return other.ordinal() > ordinal() ? other : this;
  }

  /** {@return true for CLOSE_FIN and CLOSE_RST} */
  public boolean closes() {
    return this == CLOSE_FIN || this == CLOSE_RST;
  }
}
