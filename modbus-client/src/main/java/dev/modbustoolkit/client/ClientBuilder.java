package dev.modbustoolkit.client;

import dev.modbustoolkit.transport.DecodeLevel;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What every client builder sets: the deadline, the retry policy, the connection listener and decode logging.
 *
 * @param <B> the concrete builder
 */
public abstract sealed class ClientBuilder<B extends ClientBuilder<B>> permits TcpClientBuilder, UdpClientBuilder, SerialClientBuilder {
  /** The default deadline of each attempt. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  Duration timeout = DEFAULT_TIMEOUT;
  RetryPolicy retry = RetryPolicy.reads(2);
  @Nullable ConnectionListener listener;
  DecodeLevel decode = DecodeLevel.NOTHING;

  ClientBuilder() {}

  abstract B self();

  /**
   * Sets each attempt's deadline, from the call (queue wait, write and answer); default 1 s.
   *
   * @param newTimeout positive
   * @return this builder
   * @throws IllegalArgumentException when not positive
   */
  public B timeout(Duration newTimeout) {
    Objects.requireNonNull(newTimeout, "timeout");
    if (newTimeout.isNegative() || newTimeout.isZero()) {
      throw new IllegalArgumentException("timeout " + newTimeout + " is not positive");
    }
    this.timeout = newTimeout;
    return self();
  }

  /**
   * Sets the retry policy; default {@link RetryPolicy#reads(int) reads(2)}: reads twice more, writes never.
   *
   * @param newRetry the policy, {@link RetryPolicy#NONE} for none
   * @return this builder
   */
  public B retry(RetryPolicy newRetry) {
    this.retry = Objects.requireNonNull(newRetry, "retry");
    return self();
  }

  /**
   * Sets who is told of connection state changes.
   *
   * @param newListener the listener
   * @return this builder
   */
  public B listener(ConnectionListener newListener) {
    this.listener = Objects.requireNonNull(newListener, "listener");
    return self();
  }

  /**
   * Sets what is logged at DEBUG for each request and answer: PDUs, frames, raw bytes as hex.
   *
   * @param newDecode the layers, e.g. {@code DecodeLevel.parse("pdu,raw")}
   * @return this builder
   */
  public B decode(DecodeLevel newDecode) {
    this.decode = Objects.requireNonNull(newDecode, "decode");
    return self();
  }

  /** {@return the client; eager clients start connecting} */
  public abstract ModbusClient build();

  static String checkHost(String host) {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host is blank");
    }
    return host;
  }

  static int checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is out of 1..65535");
    }
    return port;
  }

  static int checkWindow(int window) {
    if (window < 1 || window > MAX_WINDOW) {
      throw new IllegalArgumentException("window " + window + " is out of 1.." + MAX_WINDOW);
    }
    return window;
  }

  static Duration checkNotNegative(Duration d, String field) {
    Objects.requireNonNull(d, field);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " " + d + " is negative");
    }
    return d;
  }

  /** The largest in-flight window: well above what devices and gateways queue (most take 1 to 16). */
  public static final int MAX_WINDOW = 256;
}
