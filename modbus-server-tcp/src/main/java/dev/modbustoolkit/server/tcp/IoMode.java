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
   * handlers inline, so a request costs no thread hand-off. Handlers must not block for long: while one runs, the
   * other connections of its loop wait. A request timeout is still enforced (the client gets 0x06
   * SERVER_DEVICE_BUSY and the handler is interrupted). A connection on which a fault fires that needs to sleep or
   * hold the connection moves, for the rest of its life, to its own virtual thread. The default.
   */
  EVENT_LOOP,

  /**
   * One virtual thread per connection reading with blocking calls: handlers may block (a slow device, a call to
   * another system) without holding up other connections.
   */
  THREAD_PER_CONNECTION
}
