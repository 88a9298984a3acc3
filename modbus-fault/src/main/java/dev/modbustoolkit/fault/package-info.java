/**
 * The fault-injection pipeline shared by the Modbus TCP and RTU servers.
 *
 * <h2>Data form</h2>
 * A fault is a {@link dev.modbustoolkit.fault.FaultSpec}: an {@link dev.modbustoolkit.fault.ActionSpec} (what goes
 * wrong), a {@link dev.modbustoolkit.fault.TriggerSpec} (when; all conditions combined with AND) and a
 * {@link dev.modbustoolkit.fault.Scope} (where the trigger's counters and random numbers live).
 *
 * <h2>Runtime</h2>
 * A {@link dev.modbustoolkit.fault.FaultPipeline} holds the faults of one server; each connection (TCP) or port
 * (RTU) opens a {@link dev.modbustoolkit.fault.FaultSession}; each request gets a
 * {@link dev.modbustoolkit.fault.FaultPlan} ({@link dev.modbustoolkit.fault.FaultPlan#NONE} when nothing fires),
 * which decides before dispatch and, given the response frame, yields a
 * {@link dev.modbustoolkit.fault.TransmissionPlan}.
 *
 * <h2>Order of application (inside {@link dev.modbustoolkit.fault.FaultPlan#transmit})</h2>
 * <ol>
 *   <li>Dropped response (no-response, hold-open, close without responding): no segments at all.</li>
 *   <li>Content: raw bytes replace the frame (first raw fault in pipeline order wins) and then skip every field
 *       mutation and re-sealing, so they are never wrapped in a second frame. Otherwise, on a copy of the frame:
 *       byte count, unit id, function code, transaction id overrides; then one
 *       {@link dev.modbustoolkit.fault.FrameFormat#reseal reseal} (CRC / MBAP length consistent with the wrong
 *       fields); then the wrong MBAP length; then the CRC corruption (both after resealing so they stick).</li>
 *   <li>Length: cuts (truncate, partial frame without rest, drop mid-frame, reset after partial; the shortest
 *       wins), then extra bytes (not after drop mid-frame / reset after partial, whose plan holds only the partial
 *       bytes).</li>
 *   <li>Copies: the content once, then duplicates (each after its gap). None after a closing cut.</li>
 *   <li>Timing inside each copy: split points, inter-character gaps, the rest of a partial frame, per-byte
 *       jitter; gaps at the same position add up.</li>
 *   <li>Garbage before / after the copies.</li>
 *   <li>Initial delay before the first segment: the sum of delays (base + jitter), late responses and the
 *       inter-frame violation's short gap. Timing never changes the bytes: a delay combined with a wrong
 *       transaction id applies both.</li>
 *   <li>Connection directive: the strongest of the fired ones (KEEP_OPEN &lt; CLOSE_FIN &lt; CLOSE_RST &lt;
 *       HOLD_OPEN).</li>
 * </ol>
 */
@NullMarked
package dev.modbustoolkit.fault;

import org.jspecify.annotations.NullMarked;
