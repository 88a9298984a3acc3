package dev.modbustoolkit.server.core;

/**
 * What {@link RawPduHandler#serveRaw} did with a request. A value, not a length or a negative code: the response's
 * length is where the handler left the buffer's position, and whether it is an exception response is in its first
 * byte, so the dispatcher reads both from the buffer and nothing crosses the interface as a sentinel int.
 */
public enum RawOutcome {
  /** A response PDU, normal or exception, was written at the response buffer's position. */
  ANSWERED,
  /** Nothing was written: the request goes through the decoder and the typed handler methods. */
  DECLINED
}
