package dev.modbustoolkit.fault;

/** The framing and medium a session serves; decides which actions apply to it. */
public enum Transport {
  /** Modbus TCP: MBAP header + PDU over a TCP connection. */
  TCP,
  /** Modbus RTU on a serial line: address + PDU + CRC, frames delimited by silence. */
  RTU,
  /** RTU frames (with CRC) carried over a TCP connection. */
  RTU_OVER_TCP,
  /** Modbus ASCII on a serial line. */
  ASCII;

  /** True when a connection exists that connection actions (close, hold open, ...) can act on. */
  public boolean isConnectionOriented() {
    return this == TCP || this == RTU_OVER_TCP;
  }

  /** True for serial-style framing (checksum, character timing): where the RTU-only actions apply. */
  public boolean isSerialFraming() {
    return this != TCP;
  }
}
