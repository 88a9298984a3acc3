package dev.modbustoolkit.fault;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Counters of one fault since it was added (or last replaced).
 *
 * @param id the fault's id
 * @param checks how many times its trigger was evaluated (per request for request faults, per accepted connection
 *     for connection limits, per opened session for idle close; not on transports the action does not apply to)
 * @param activations how many times it fired
 * @param lastActivation when it last fired (pipeline clock), null if never
 */
public record FaultStats(String id, long checks, long activations, @Nullable Instant lastActivation) {}
