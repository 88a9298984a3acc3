package dev.modbustoolkit.gateway;

/**
 * A snapshot of a gateway's counters since it was built.
 *
 * @param forwarded requests sent to a downstream link
 * @param answered downstream answers passed upstream (normal or the device's exception)
 * @param noRoute requests for a unit no route serves: answered 0x0A (or as {@link ModbusGateway.Builder#unroutedUnits} says)
 * @param linkDown requests whose downstream link was down: answered 0x0A
 * @param timeouts requests the device did not answer in time (or answered with garbage): answered 0x0B
 * @param quarantined requests for a quarantined device: answered 0x0B at once, not sent
 * @param busy requests refused because the downstream queue was full, or not written to the link within the forward
 *     timeout: answered 0x06
 * @param broadcasts broadcasts forwarded (never answered)
 * @param cacheHits reads answered from the read cache
 * @param mergedReads reads that joined an identical read already in flight
 */
public record GatewayMetrics(
    long forwarded,
    long answered,
    long noRoute,
    long linkDown,
    long timeouts,
    long quarantined,
    long busy,
    long broadcasts,
    long cacheHits,
    long mergedReads) {}
