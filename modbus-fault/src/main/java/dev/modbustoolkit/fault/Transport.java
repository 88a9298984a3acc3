package dev.modbustoolkit.fault;

import java.util.List;
import java.util.Objects;

/**
 * What a session's link can do, as the fault pipeline needs to know it: it decides which actions apply. A value,
 * not a closed set, so a transport of a third party describes itself ({@code new Transport("my-link", ...)}); the
 * constants are the toolkit's own.
 *
 * @param name for logs and diagnostics
 * @param connectionOriented a connection exists that connection actions (close, hold open, drop mid-frame,
 *     connection limits, one-request-at-a-time, idle close) can act on
 * @param serialFraming frames carry a checksum and are timed by characters: where the RTU actions (CRC corruption,
 *     partial frames, inter-character gaps, garbage, jitter) apply
 * @param mbapHeader frames carry an MBAP header: where the transaction id and MBAP length actions apply
 */
public record Transport(String name, boolean connectionOriented, boolean serialFraming, boolean mbapHeader) {
  /** Modbus TCP: MBAP header + PDU over a TCP connection. */
  public static final Transport TCP = new Transport("tcp", true, false, true);
  /** Modbus RTU on a serial line: address + PDU + CRC, frames delimited by silence. */
  public static final Transport RTU = new Transport("rtu", false, true, false);
  /** RTU frames (with CRC) carried over a TCP connection. */
  public static final Transport RTU_OVER_TCP = new Transport("rtu-over-tcp", true, true, false);
  /** Modbus ASCII on a serial line. */
  public static final Transport ASCII = new Transport("ascii", false, true, false);
  /** ASCII frames carried over a TCP connection: the ASCII actions and every connection action apply. */
  public static final Transport ASCII_OVER_TCP = new Transport("ascii-over-tcp", true, true, false);
  /** MBAP frames in UDP datagrams: no connection to act on. */
  public static final Transport UDP = new Transport("udp", false, false, true);

  /** Rejects a blank name and a link that is both MBAP- and serial-framed. */
  public Transport {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("transport name is blank");
    }
    if (serialFraming && mbapHeader) {
      throw new IllegalArgumentException("transport " + name + ": a frame has an MBAP header or serial framing, not both");
    }
  }

  /**
   * {@return the toolkit's transport of this name ({@code tcp}, {@code rtu}, {@code rtu-over-tcp}, {@code ascii},
   * {@code ascii-over-tcp}, {@code udp}); case and {@code _} for {@code -} do not matter}
   *
   * @param name the name
   * @throws IllegalArgumentException naming the known transports, for any other name
   */
  public static Transport of(String name) {
    String key = name.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    for (Transport t : List.of(TCP, RTU, RTU_OVER_TCP, ASCII, ASCII_OVER_TCP, UDP)) {
      if (t.name.equals(key)) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown transport '" + name + "'; known: tcp, rtu, rtu-over-tcp, ascii, ascii-over-tcp, udp");
  }

  /** {@return true when a connection exists that connection actions (close, hold open, ...) can act on} */
  public boolean isConnectionOriented() {
    return connectionOriented;
  }

  /** {@return true for serial-style framing (checksum, character timing): where the RTU-only actions apply} */
  public boolean isSerialFraming() {
    return serialFraming;
  }

  @Override
  public String toString() {
    return name;
  }
}
