/**
 * What a stream transport (Modbus TCP, RTU or ASCII over TCP, or one of your own, over TLS say) needs around its
 * connections: the {@link dev.modbustoolkit.transport.stream.StreamListener} (the accept loop: connection limit
 * with a {@link dev.modbustoolkit.transport.stream.ConnectionLimitPolicy}, backoff on accept errors) and the
 * {@link dev.modbustoolkit.transport.stream.ConnectionRegistry} of open connections (for shutdown, eviction, idle
 * checks and connection-limit faults).
 *
 * <p>A server binds a {@code ServerSocketChannel}, runs a listener on a thread of its own with an {@link
 * dev.modbustoolkit.transport.stream.StreamListener.Acceptor} that registers and serves each channel (the
 * framing and the fault plans are the parent package's {@code FrameCodec} and {@code Exchange}), calls {@link
 * dev.modbustoolkit.transport.stream.StreamListener#release()} when a connection ends, and closes the server
 * socket to stop. {@code modbus-server-tcp} is built this way.
 */
@NullMarked
package dev.modbustoolkit.transport.stream;

import org.jspecify.annotations.NullMarked;
