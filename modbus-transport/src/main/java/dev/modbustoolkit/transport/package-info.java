/**
 * The transport layer every server of the toolkit stands on, and what a new transport is built from.
 *
 * <h2>The pieces</h2>
 *
 * <ul>
 *   <li>{@link dev.modbustoolkit.transport.FrameCodec}: cuts a link's bytes into request frames and frames the
 *       answers. {@link dev.modbustoolkit.transport.FrameCodecs} has MBAP (Modbus TCP, Modbus over UDP), RTU and
 *       ASCII (over a byte stream). One codec per link.
 *   <li>{@link dev.modbustoolkit.transport.Exchange}: one link's frames to dispatches and framed answers. {@link
 *       dev.modbustoolkit.transport.Exchange#plan plan} asks the fault pipeline about a frame; while nothing fires,
 *       {@link dev.modbustoolkit.transport.Exchange#answer answer} writes the framed answer into the link's output
 *       buffer without allocating; when a fault fires, {@link dev.modbustoolkit.transport.Exchange#answerWithFaults
 *       answerWithFaults} builds the answer and sends the plan's timed segments over the link: the one interpreter
 *       of fault plans, so every transport misbehaves the same way.
 *   <li>{@link dev.modbustoolkit.transport.Link}: the sending side of a link as that interpreter drives it (one
 *       write or datagram per segment; the hook for one-request-at-a-time).
 *   <li>{@link dev.modbustoolkit.transport.LinkCounters}: what the exchange counts for the server.
 *   <li>{@link dev.modbustoolkit.transport.stream}: for a connection-oriented transport, the listener (accept
 *       loop, connection limit and its policy, backoff on accept errors) and the registry of open connections.
 * </ul>
 *
 * <h2>Writing a new transport</h2>
 *
 * A transport owns its I/O and threads; the layer owns everything Modbus. The Modbus over UDP server
 * ({@code modbus-server-udp}, about 300 lines) is the worked example, built on this package alone:
 *
 * <ol>
 *   <li>Describe the link to the fault pipeline: a {@link dev.modbustoolkit.fault.Transport} (one of its
 *       constants, or {@code new Transport("my-link", connectionOriented, serialFraming, mbapHeader)}), which
 *       decides which fault actions apply; open one {@link dev.modbustoolkit.fault.FaultSession} per connection
 *       or peer with it.
 *   <li>Per link, make a codec ({@code FrameCodecs.mbap()}, or an implementation of your own framing), a
 *       {@link dev.modbustoolkit.server.core.RequestContext} and an {@code Exchange}.
 *   <li>Read bytes into a buffer you keep; call {@link dev.modbustoolkit.transport.FrameCodec#scan scan}: a
 *       positive length is a frame at the buffer's position, {@code NEED_MORE} means read on (never consume a
 *       partial frame), a negative value is that many bytes to skip (count a dropped frame); a {@link
 *       dev.modbustoolkit.transport.FramingException} means the stream lost its frame boundaries: close it.
 *   <li>For each frame: {@code FaultPlan plan = exchange.plan(in, start, length)}; if {@code plan.isNone()},
 *       {@code exchange.answer(in, start, length, out)} and send what it wrote; otherwise {@code
 *       exchange.answerWithFaults(plan, ..., link)} on a thread that may sleep, and apply the returned {@link
 *       dev.modbustoolkit.fault.ConnectionDirective} (FIN, RST, hold open) to your connection.
 * </ol>
 *
 * Nothing in the codec, the exchange or the dispatcher allocates per request while no fault fires; the buffers
 * are the transport's, reused.
 */
@NullMarked
package dev.modbustoolkit.transport;

import org.jspecify.annotations.NullMarked;
