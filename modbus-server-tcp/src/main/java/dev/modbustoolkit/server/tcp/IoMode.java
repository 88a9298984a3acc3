package dev.modbustoolkit.server.tcp;

/**
 * How a {@link ModbusTcpServer} reads its connections and runs their requests.
 *
 * <p>Both modes give the same answers, in the same order, with the same fault behaviour; they differ in cost and
 * in what a handler may do. Measured on two cores against a minimal C epoll server (the README's performance
 * section), the event loop served 0.83-0.96 of the C server's requests per second and allocated next to nothing
 * per request, where one virtual thread per connection reached 0.65-0.90 and about 90-140 bytes per request: a
 * virtual thread's blocking read costs a park, an unpark and a poller registration per request.
 */
public enum IoMode {
  /**
   * A few selector threads (one per processor by default) read every connection without blocking and run the
   * handlers that say they do not block ({@code ModbusRequestHandler.mayBlock()} false, as for {@code
   * RegisterDevice}) inline, so a request costs no thread hand-off. A connection moves, for the rest of its life,
   * to a virtual thread of its own when one of its requests is for a handler that may block (the default for a
   * handler of your own) or when a fault fires (faults may sleep or hold the connection). A handler that says it
   * does not block but does holds up the other connections of its loop; the request timeout still answers 0x06
   * SERVER_DEVICE_BUSY and interrupts it. The default.
   */
  EVENT_LOOP,

  /**
   * One virtual thread per connection reading with blocking calls: handlers may block (a slow device, a call to
   * another system) without holding up other connections.
   */
  THREAD_PER_CONNECTION
}
