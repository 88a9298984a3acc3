package dev.modbustoolkit.server.core;

/**
 * Whether the dispatcher checks a request before a {@link ForwardingHandler} sees it. Read once, when the handler's
 * routes are built.
 */
public enum ForwardingMode {
  /**
   * The default: the request is decoded as the toolkit's own devices would decode it first, and a request the
   * decoder rejects (an unknown function code, a quantity out of range, a byte count that does not match) gets the
   * exception its violation names (01, 02 or 03) from the dispatcher without reaching the handler. Answers are held
   * to the spec too: a response must carry the request's function code, or be a two-byte exception response.
   */
  VALIDATE,
  /**
   * Pass-through, for devices that break the spec: every request with at least a function code byte reaches the
   * handler as received, whatever the decoder would make of it, and every answer of 1..253 bytes goes back as the
   * handler gave it. Opt in only where the device behind the handler needs it.
   */
  PASS_THROUGH
}
