package dev.modbustoolkit.server.core;

import java.util.concurrent.CompletionStage;

/**
 * A catch-all handler that receives every request as raw PDU bytes and answers asynchronously: the server-side SPI
 * of a gateway (forward the request to a device over a client link, answer with what the device answered), a
 * proxy, a recorder. Register it like any handler, for one unit, a {@link UnitRange} or every unit ({@link
 * ModbusDispatcher.Builder#routeAll}).
 *
 * <p><b>Every function code.</b> The handler sees the PDU as received, for every function code, public or not. By
 * default ({@link ForwardingMode#VALIDATE}) the dispatcher first checks the request as the toolkit's decoder would
 * and answers a malformed one itself (01, 02 or 03), without the handler; {@link #forwardingMode()} returning
 * {@link ForwardingMode#PASS_THROUGH} forwards those too, for devices that break the spec.
 *
 * <p><b>Asynchronous.</b> {@link #forward} returns at once with a future of the answer; no thread is parked per
 * request. The TCP server's event loop frames and writes the answer when the future completes (on whatever thread
 * completes it), in the order of the connection's requests, so pipelined requests are forwarded at once and answered
 * in order. Transports that serve one request at a time (a serial line, UDP, a thread per TCP connection) wait for
 * the future. {@link #forward} may be called from an event-loop thread: it must not block ({@link #mayBlock()} is
 * not consulted for a forwarding handler).
 *
 * <p><b>Completion.</b> With a {@link ForwardAnswer}: a response PDU (sent as given; a device's exception response
 * is forwarded unchanged), an exception code, or nothing. Exceptionally with a {@link ForwardingException}: its
 * exception code (0x0A path unavailable, 0x0B target failed to respond, 0x06 busy ...). Exceptionally otherwise, or
 * with null: SERVER_DEVICE_FAILURE (04). Not at all: the dispatcher's forward timeout ({@link
 * ModbusDispatcher.Builder#forwardTimeout}) answers GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND (0x0B) in its place and
 * a later completion is dropped, so a future that never completes holds nothing forever.
 *
 * <p><b>What the dispatcher still does.</b> Routing, the checks of {@link ForwardingMode#VALIDATE}, metrics (the
 * request, its exception or missing answer, and the latency up to the future's completion) and the broadcast rules
 * ({@link ForwardedRequest#broadcast()}). It keeps no diagnostic counters for a forwarding handler and does not
 * enforce listen-only mode: diagnostics requests (08) are forwarded to the device behind it, which keeps its own.
 * Each transport still applies the fault pipeline to the answer when it writes it.
 */
public interface ForwardingHandler extends ModbusRequestHandler {

  /**
   * Starts answering a request; returns without blocking.
   *
   * @param request the unit id, the request PDU as received, its context and whether it is a broadcast
   * @return the answer's future; never null
   */
  CompletionStage<ForwardAnswer> forward(ForwardedRequest request);

  /**
   * {@return whether the dispatcher checks requests first ({@link ForwardingMode#VALIDATE}, the default) or forwards
   * them as received ({@link ForwardingMode#PASS_THROUGH})} Read once, when the handler's routes are built.
   */
  default ForwardingMode forwardingMode() {
    return ForwardingMode.VALIDATE;
  }
}
