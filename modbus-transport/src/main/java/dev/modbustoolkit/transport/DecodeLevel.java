package dev.modbustoolkit.transport;

/**
 * What a link logs of the traffic it carries, per layer (as rodbus's {@code DecodeLevel}): the application layer
 * (each request and answer PDU, decoded), the frame layer (each frame's bytes as hex, header and checksum
 * included) and the physical layer (every chunk of bytes read or written, as hex). Any combination; {@link
 * #NOTHING} by default.
 *
 * @param pdu log each request and answer PDU, decoded ({@code ReadHoldingRegistersRequest[address=0, quantity=2]})
 * @param frame log each request and answer frame as hex
 * @param raw log every read and write as hex
 */
public record DecodeLevel(boolean pdu, boolean frame, boolean raw) {
  /** Log nothing: the default, costing one volatile read per request. */
  public static final DecodeLevel NOTHING = new DecodeLevel(false, false, false);

  /**
   * The level named by a comma-separated list of {@code pdu}, {@code frame}, {@code raw} (or {@code none}, {@code
   * all}), case-insensitive, as a command line gives it.
   *
   * @param layers for instance {@code "pdu,frame"}
   * @return the level
   * @throws IllegalArgumentException naming the unknown layer
   */
  public static DecodeLevel parse(String layers) {
    boolean pdu = false;
    boolean frame = false;
    boolean raw = false;
    for (String part : layers.split(",", -1)) {
      switch (part.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "pdu" -> pdu = true;
        case "frame" -> frame = true;
        case "raw" -> raw = true;
        case "all" -> {
          pdu = true;
          frame = true;
          raw = true;
        }
        case "none" -> {}
        default -> throw new IllegalArgumentException(
            "unknown decode layer '" + part.strip() + "'; known: pdu, frame, raw, all, none");
      }
    }
    return new DecodeLevel(pdu, frame, raw);
  }

  /** {@return whether anything is logged} */
  public boolean any() {
    return pdu || frame || raw;
  }
}
