package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.transport.stream.ConnectionLimitPolicy;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to a {@link ModbusTcpServer}, delivered to {@link ServerEventListener}s. Events are
 * delivered on the thread where they happen (the caller of {@code start}/{@code shutdown}, the accept thread or a
 * connection's thread), so listeners must be quick and thread-safe.
 */
public sealed interface ServerEvent {

  /** {@return when the event happened} */
  Instant time();

  /**
   * The server is bound and accepting.
   *
   * @param time when
   * @param localAddress the bound address (with the real port when port 0 was configured)
   */
  record Started(Instant time, InetSocketAddress localAddress) implements ServerEvent {
    /** Checks for null. */
    public Started {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(localAddress, "localAddress");
    }
  }

  /**
   * The server has stopped: no longer accepting and every connection closed.
   *
   * @param time when
   * @param graceful true if every connection finished within the grace period, false if some were forced closed
   */
  record Stopped(Instant time, boolean graceful) implements ServerEvent {
    /** Checks for null. */
    public Stopped {
      Objects.requireNonNull(time, "time");
    }
  }

  /**
   * A client connection was accepted and is being served.
   *
   * @param time when
   * @param connectionId the server-wide id of the connection (from 1, also in {@code TcpRequestContext})
   * @param remoteAddress the client
   */
  record ConnectionOpened(Instant time, long connectionId, InetSocketAddress remoteAddress) implements ServerEvent {
    /** Checks for null. */
    public ConnectionOpened {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(remoteAddress, "remoteAddress");
    }
  }

  /**
   * A client connection was closed.
   *
   * @param time when
   * @param connectionId the id from {@link ConnectionOpened}
   * @param remoteAddress the client
   * @param reason why
   * @param stats the connection's counters at close
   */
  record ConnectionClosed(
      Instant time, long connectionId, InetSocketAddress remoteAddress, CloseReason reason, ConnectionInfo stats)
      implements ServerEvent {
    /** Checks for null. */
    public ConnectionClosed {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(remoteAddress, "remoteAddress");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(stats, "stats");
    }
  }

  /**
   * A connection was accepted and closed at once because the connection limit was reached.
   *
   * @param time when
   * @param remoteAddress the client
   * @param policy the policy in force
   */
  record ConnectionRejected(Instant time, InetSocketAddress remoteAddress, ConnectionLimitPolicy policy)
      implements ServerEvent {
    /** Checks for null. */
    public ConnectionRejected {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(remoteAddress, "remoteAddress");
      Objects.requireNonNull(policy, "policy");
    }
  }
}
