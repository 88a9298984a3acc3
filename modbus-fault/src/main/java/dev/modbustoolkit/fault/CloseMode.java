package dev.modbustoolkit.fault;

/** How a fault closes a connection. */
public enum CloseMode {
  /** Graceful close: FIN ({@link ConnectionDirective#CLOSE_FIN}). */
  FIN,
  /** Abortive close: RST ({@link ConnectionDirective#CLOSE_RST}). */
  RST;

  /** {@return the directive carrying this mode} */
  public ConnectionDirective directive() {
    return this == FIN ? ConnectionDirective.CLOSE_FIN : ConnectionDirective.CLOSE_RST;
  }
}
