package dev.modbustoolkit.fault.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jspecify.annotations.Nullable;

/**
 * An IP literal or CIDR block that a remote address must fall in. Only literals are accepted so that parsing
 * never resolves a host name.
 */
public final class RemoteAddressPattern {
  private final byte[] network;
  private final int prefixBits;

  private RemoteAddressPattern(byte[] network, int prefixBits) {
    this.network = network;
    this.prefixBits = prefixBits;
  }

  /**
   * Parses "192.168.1.7", "10.0.0.0/8", "::1", "fe80::/10".
   *
   * @throws IllegalArgumentException naming the pattern when it is not an IP literal or CIDR block
   */
  public static RemoteAddressPattern parse(String pattern) {
    String p = pattern.strip();
    int slash = p.indexOf('/');
    String host = slash < 0 ? p : p.substring(0, slash);
    if (host.isEmpty() || !host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      throw new IllegalArgumentException(
          "remoteAddresses: '" + pattern + "' is not an IP address or CIDR block (host names are not allowed)");
    }
    if (host.indexOf(':') < 0 && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("remoteAddresses: '" + pattern + "' is not an IPv4 address");
    }
    byte[] bytes;
    try {
      // A literal never triggers a name lookup.
      bytes = InetAddress.getByName(host).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      throw new IllegalArgumentException("remoteAddresses: '" + pattern + "' is not an IP address", e);
    }
    int max = bytes.length * 8;
    int bits = max;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(p.substring(slash + 1));
      } catch (NumberFormatException e) {
        bits = -1;
      }
      if (bits < 0 || bits > max) {
        throw new IllegalArgumentException(
            "remoteAddresses: '" + pattern + "' has a prefix length outside 0.." + max);
      }
    }
    return new RemoteAddressPattern(bytes, bits);
  }

  /** True when {@code address} (raw bytes of an IPv4 or IPv6 address) is inside this block. */
  public boolean matches(byte @Nullable [] address) {
    if (address == null || address.length != network.length) {
      return false;
    }
    int full = prefixBits / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixBits % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (Byte.toUnsignedInt(address[full]) & mask) == (Byte.toUnsignedInt(network[full]) & mask);
  }
}
