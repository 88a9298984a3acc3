package dev.modbustoolkit.simulator;

import java.net.InetAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP admin API and dashboard ({@code --admin PORT}, {@code --admin-bind ADDR}, {@code --admin-token TOKEN}).
 *
 * @param port the HTTP port, 0..65535 (0 = any free port)
 * @param bindAddress where it listens; loopback unless {@code --admin-bind} says otherwise, since the API changes
 *     what the device answers
 * @param token when present, every request but {@code GET /health} needs {@code Authorization: Bearer TOKEN}
 */
public record AdminOptions(int port, InetAddress bindAddress, @Nullable String token) {

  /** Checks the port and that a token, when given, is not blank. */
  public AdminOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("admin port " + port + " out of range 0..65535");
    }
    if (token != null && (token.isBlank() || token.chars().anyMatch(c -> c <= ' ' || c > '~'))) {
      throw new IllegalArgumentException("admin token must be printable ASCII without spaces");
    }
  }

  /**
   * {@return the admin API on loopback, without a token}
   *
   * @param port the HTTP port (0 = any free port)
   */
  public static AdminOptions onLoopback(int port) {
    return new AdminOptions(port, InetAddress.getLoopbackAddress(), null);
  }
}
