package dev.modbustoolkit.client.internal;

import dev.modbustoolkit.client.ConnectionListener;
import dev.modbustoolkit.client.ReconnectPolicy;
import dev.modbustoolkit.client.RetryPolicy;
import dev.modbustoolkit.transport.DecodeLevel;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a client engine runs with, validated by the public builders.
 *
 * @param timeout each attempt's deadline, from the call to the answer
 * @param window requests in flight at once; 1 on links without transaction ids
 * @param retry the retry policy
 * @param reconnect the reconnect policy
 * @param turnaround the wait after a broadcast on a bus
 * @param drainAfterTimeout on a link without transaction ids, how long after a timeout the next request waits, so
 *     that a late answer arrives (and is dropped) before a new request could take it for its own
 * @param listener told of connection state changes, or null
 * @param decode the layers logged
 */
public record EngineSettings(
    Duration timeout,
    int window,
    RetryPolicy retry,
    ReconnectPolicy reconnect,
    Duration turnaround,
    Duration drainAfterTimeout,
    @Nullable ConnectionListener listener,
    DecodeLevel decode) {

  /** Requires the non-null fields. */
  public EngineSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(reconnect, "reconnect");
    Objects.requireNonNull(turnaround, "turnaround");
    Objects.requireNonNull(drainAfterTimeout, "drainAfterTimeout");
    Objects.requireNonNull(decode, "decode");
  }
}
