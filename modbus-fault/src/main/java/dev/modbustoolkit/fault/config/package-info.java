/**
 * Loading faults from a YAML or JSON fault file ({@link dev.modbustoolkit.fault.config.FaultFileLoader}). Needs
 * jackson-databind and jackson-dataformat-yaml on the class/module path (optional dependencies of modbus-fault).
 *
 * <h2>Format</h2>
 * <pre>{@code
 * seed: 42                    # optional: the pipeline seed for FaultFile.newPipeline
 * faults:
 *   - id: slow-reads          # unique
 *     action: {type: delay, base: 200ms, jitter: 50ms}
 *     trigger: {functionCodes: [3], probability: 0.5}   # optional: always
 *     scope: server           # optional: server (default), unit, connection
 * }</pre>
 * Durations: {@code 200ms}, {@code 1.5s}, {@code 250us}, {@code 100ns}, {@code 2m}, {@code 1h}, ISO-8601
 * ({@code PT0.2S}) or a bare number of milliseconds. Integers: decimal or {@code "0x0A"}. Byte strings: a list of
 * integers or a hex string ({@code "01 83 02"}). Names (types, modes, policies) are case-insensitive and accept
 * {@code -} or {@code _}. Unknown fields are errors, so typos do not silently disable a fault.
 *
 * <p>Action types and their fields (defaults in brackets):
 * <ul>
 *   <li>{@code delay}: base [0], jitter [0]</li>
 *   <li>{@code no-response}: execute [false]</li>
 *   <li>{@code late-response}: after</li>
 *   <li>{@code exception}: code (1-6, 0x0A, 0x0B, or a name like {@code server-device-busy})</li>
 *   <li>{@code duplicate}: copies [1], gap [0]</li>
 *   <li>{@code wrong-transaction-id}, {@code wrong-unit-id}, {@code wrong-function-code}, {@code wrong-byte-count},
 *       {@code wrong-mbap-length}: mode [offset] (fixed, offset, random, swap), value [1 for offset]</li>
 *   <li>{@code truncate}, {@code drop-mid-frame}, {@code reset-after-partial}: one of bytes, percent, headerOnly
 *       [percent 50]</li>
 *   <li>{@code extra-bytes}: one of bytes, random (count), repeatLast (count)</li>
 *   <li>{@code split}: at (positions) or parts; gap [0]</li>
 *   <li>{@code raw}: bytes</li>
 *   <li>{@code corrupt-crc}: mode [invert] (zero, invert, xor, swap), mask [0xFFFF]</li>
 *   <li>{@code partial-frame}: like truncate, plus restAfter [never]</li>
 *   <li>{@code inter-character-gap}: position, characters [2.0]</li>
 *   <li>{@code inter-frame-violation}: characters [1.0]</li>
 *   <li>{@code garbage}: where [before] (before, after, both), one of bytes, random, repeatLast; gap [0]</li>
 *   <li>{@code byte-jitter}: max</li>
 *   <li>{@code close}: mode [fin] (fin, rst), afterRequests [0], every [none], respond [true]</li>
 *   <li>{@code hold-open}, {@code one-request-at-a-time}: no fields</li>
 *   <li>{@code idle-close}: after, mode [fin]</li>
 *   <li>{@code connection-limit}: max, policy [refuse] (refuse, close-new, evict-oldest)</li>
 * </ul>
 * Trigger fields: unitIds, functionCodes (numbers or names like {@code read-holding-registers}), addresses
 * ({@code "100-199"}, a number, or {@code {first, last}}), remoteAddresses (IP literals / CIDR), probability,
 * everyNth, skipFirst, maxActivations, from, until (ISO-8601 instants), startAfter, activeFor (durations). A single
 * value may stand for a one-element list.
 */
@NullMarked
package dev.modbustoolkit.fault.config;

import org.jspecify.annotations.NullMarked;
