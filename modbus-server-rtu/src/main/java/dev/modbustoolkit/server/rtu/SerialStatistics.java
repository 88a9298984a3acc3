package dev.modbustoolkit.server.rtu;

/**
 * What a serial server saw on its line (or, for RTU over TCP, on all its connections) since it started: a
 * snapshot. The spec's per-device diagnostics counters (FC 08, 0B, 0C) are kept by the devices themselves; these
 * are the transport's own, finer counts.
 *
 * @param requests valid requests for a unit this server serves (broadcasts excluded)
 * @param broadcasts valid requests to unit 0, executed and never answered
 * @param otherUnitRequests valid requests for units this server does not serve, ignored
 * @param foreignResponses valid response frames of other devices, skipped
 * @param responsesSent responses transmitted (exception responses included)
 * @param noResponses requests for served units that got no response: the device sent none (listen-only mode,
 *     handler declined) or a fault dropped it
 * @param checksumErrors frames dropped for a bad CRC (RTU) or LRC (ASCII)
 * @param incompleteFrames frames dropped because a silence cut them (t1.5 in RTU, the character timeout in ASCII)
 * @param malformedFrames ASCII frames dropped for a non-hex character, an odd digit count or a missing LF
 * @param discardedBytes bytes that formed no valid frame, noise included
 * @param overruns chunks of received bytes lost because the server fell behind the line
 * @param pipelinedDiscarded requests discarded unanswered by the one-request-at-a-time fault
 */
public record SerialStatistics(
    long requests,
    long broadcasts,
    long otherUnitRequests,
    long foreignResponses,
    long responsesSent,
    long noResponses,
    long checksumErrors,
    long incompleteFrames,
    long malformedFrames,
    long discardedBytes,
    long overruns,
    long pipelinedDiscarded) {}
