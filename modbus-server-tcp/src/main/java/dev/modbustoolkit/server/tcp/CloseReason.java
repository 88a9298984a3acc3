package dev.modbustoolkit.server.tcp;

/** Why a client connection was closed; reported by {@link ServerEvent.ConnectionClosed}. */
public enum CloseReason {
  /** The client closed its side (end of stream). */
  CLIENT_CLOSED,
  /** Nothing was received for the configured idle timeout. */
  IDLE_TIMEOUT,
  /** The MBAP header carried a length outside 2..254: the frame boundary was lost. */
  MALFORMED_FRAME,
  /** The connection limit was reached and this connection was the one idle longest. */
  EVICTED,
  /** The server is shutting down. */
  SERVER_SHUTDOWN,
  /**
   * A fault of the server's fault pipeline closed it: a close / drop-mid-frame / reset directive after a request,
   * an idle-close fault, or an evict-oldest connection limit making room for a new client.
   */
  FAULT_INJECTED,
  /** Reading or writing the socket failed (reset by the peer, broken pipe, ...). */
  IO_ERROR,
  /** An unexpected error inside the server (a bug); logged at WARN. */
  INTERNAL_ERROR
}
