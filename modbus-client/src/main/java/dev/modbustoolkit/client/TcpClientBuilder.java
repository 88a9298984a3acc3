package dev.modbustoolkit.client;

import dev.modbustoolkit.client.internal.ClientEngine;
import dev.modbustoolkit.client.internal.EngineSettings;
import dev.modbustoolkit.client.internal.TcpConduit;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds a client over a TCP connection: Modbus TCP (MBAP), or RTU or ASCII frames over TCP. Made by {@link
 * ModbusClient#tcp}, {@link ModbusClient#rtuOverTcp} and {@link ModbusClient#asciiOverTcp}.
 */
public final class TcpClientBuilder extends ClientBuilder<TcpClientBuilder> {
  private final String host;
  private final int port;
  private final ClientFramingKind framing;
  private int window = 1;
  private ReconnectPolicy reconnect = ReconnectPolicy.LAZY;
  private Duration turnaround = Duration.ofMillis(100);
  private Duration drainAfterTimeout = Duration.ofMillis(100);
  private boolean eventLoop;

  TcpClientBuilder(String host, int port, ClientFramingKind framing) {
    this.host = checkHost(host);
    this.port = checkPort(port);
    this.framing = framing;
  }

  @Override
  TcpClientBuilder self() {
    return this;
  }

  /**
   * Sets how many requests may be in flight at once on the connection (pipelining); default 1. Only Modbus TCP
   * can: RTU and ASCII frames carry no transaction id, so their answers could not be told apart.
   *
   * @param newWindow 1..{@value ClientBuilder#MAX_WINDOW}
   * @return this builder
   * @throws IllegalArgumentException when out of range, or above 1 for RTU or ASCII framing
   */
  public TcpClientBuilder window(int newWindow) {
    checkWindow(newWindow);
    if (newWindow > 1 && framing != ClientFramingKind.MBAP) {
      throw new IllegalArgumentException("window " + newWindow + ": " + framing
          + " frames carry no transaction id, so only one request can be in flight");
    }
    this.window = newWindow;
    return this;
  }

  /**
   * Sets how the connection is opened and reopened; default {@link ReconnectPolicy#LAZY}.
   *
   * @param newReconnect the policy
   * @return this builder
   */
  public TcpClientBuilder reconnect(ReconnectPolicy newReconnect) {
    this.reconnect = Objects.requireNonNull(newReconnect, "reconnect");
    return this;
  }

  /**
   * Sets the wait after a broadcast before the next request, for RTU and ASCII framing; default 100 ms (Serial
   * Line V1.02 §2.4.1 suggests 100 to 200 ms).
   *
   * @param newTurnaround not negative
   * @return this builder
   */
  public TcpClientBuilder turnaround(Duration newTurnaround) {
    this.turnaround = checkNotNegative(newTurnaround, "turnaround");
    return this;
  }

  /**
   * Sets how long, after a timeout on RTU or ASCII framing, the next request waits so that a late answer can
   * arrive and be dropped instead of being taken for the next request's; default 100 ms.
   *
   * @param newDrain not negative
   * @return this builder
   */
  public TcpClientBuilder drainAfterTimeout(Duration newDrain) {
    this.drainAfterTimeout = checkNotNegative(newDrain, "drainAfterTimeout");
    return this;
  }

  /**
   * Reads the connection on the one event-loop thread that every client built this way shares, instead of on a
   * reader thread of its own; default false. For a master with many connections (a SCADA polling many devices):
   * one thread and one wake-up serve the answers of all of them, and the requests their callbacks send go out in
   * one write per connection.
   *
   * <p>The futures of such a client complete on that thread, so their callbacks must not block: a call of the
   * blocking facade there is refused with {@link IllegalStateException} (it would wait for an answer only that
   * thread can read), and a slow callback delays the answers of every such client. Blocking calls from any other
   * thread (virtual threads included) are as cheap as without the loop.
   *
   * @param newEventLoop whether to use the shared event loop
   * @return this builder
   */
  public TcpClientBuilder eventLoop(boolean newEventLoop) {
    this.eventLoop = newEventLoop;
    return this;
  }

  @Override
  public ModbusClient build() {
    EngineSettings settings =
        new EngineSettings(timeout, window, retry, reconnect, turnaround, drainAfterTimeout, listener, decode);
    return new ClientEngine(TcpConduit.opener(host, port, reconnect.connectTimeout(), eventLoop), framing::newFraming,
        framing != ClientFramingKind.MBAP, settings);
  }
}
