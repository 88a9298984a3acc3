package dev.modbustoolkit.client;

import dev.modbustoolkit.client.internal.ClientEngine;
import dev.modbustoolkit.client.internal.EngineSettings;
import dev.modbustoolkit.client.internal.MbapClientFraming;
import dev.modbustoolkit.client.internal.UdpConduit;
import java.time.Duration;

/**
 * Builds a Modbus over UDP client: one MBAP frame per datagram, answers accepted only from the server's address.
 * A lost datagram is a timeout (and a read is retried by default). Made by {@link ModbusClient#udp}.
 */
public final class UdpClientBuilder extends ClientBuilder<UdpClientBuilder> {
  private final String host;
  private final int port;
  private int window = 1;

  UdpClientBuilder(String host, int port) {
    this.host = checkHost(host);
    this.port = checkPort(port);
  }

  @Override
  UdpClientBuilder self() {
    return this;
  }

  /**
   * Sets how many requests may be in flight at once; default 1.
   *
   * @param newWindow 1..{@value ClientBuilder#MAX_WINDOW}
   * @return this builder
   * @throws IllegalArgumentException when out of range
   */
  public UdpClientBuilder window(int newWindow) {
    this.window = checkWindow(newWindow);
    return this;
  }

  @Override
  public ModbusClient build() {
    // No connection to lose: "connecting" a datagram channel only fixes the peer, so the policy never waits.
    ReconnectPolicy reconnect = new ReconnectPolicy(true, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 0);
    EngineSettings settings =
        new EngineSettings(timeout, window, retry, reconnect, Duration.ZERO, Duration.ZERO, listener, decode);
    return new ClientEngine(UdpConduit.opener(host, port), MbapClientFraming::new, false, settings);
  }
}
