/**
 * What a stream transport (Modbus TCP, RTU or ASCII over TCP, or one of your own, over TLS say) needs around its
 * connections: the {@link dev.modbustoolkit.transport.stream.StreamListener} (the accept loop: connection limit
 * with a {@link dev.modbustoolkit.transport.stream.ConnectionLimitPolicy}, backoff on accept errors) and the
 * {@link dev.modbustoolkit.transport.stream.ConnectionRegistry} of open connections (for shutdown, eviction, idle
 * checks and connection-limit faults), and the {@link dev.modbustoolkit.transport.stream.SelectorLoop} that serves
 * non-blocking channels on one thread (readiness to each channel's {@code Ready}, tasks from other threads, a
 * channel's failure kept to that channel, a failing selector failing the loop alone).
 *
 * <p>A server binds a {@code ServerSocketChannel}, runs a listener on a thread of its own with an {@link
 * dev.modbustoolkit.transport.stream.StreamListener.Acceptor} that registers and serves each channel (the
 * framing and the fault plans are the parent package's {@code FrameCodec} and {@code Exchange}), calls {@link
 * dev.modbustoolkit.transport.stream.StreamListener#release()} when a connection ends, and closes the server
 * socket to stop. {@code modbus-server-tcp} is built this way; its event loops and the client's shared loop
 * ({@code ModbusClient.tcp(..).eventLoop(true)}) are selector loops.
 */
@NullMarked
package dev.modbustoolkit.transport.stream;

import org.jspecify.annotations.NullMarked;
