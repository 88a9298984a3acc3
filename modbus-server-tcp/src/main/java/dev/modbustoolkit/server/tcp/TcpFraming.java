package dev.modbustoolkit.server.tcp;

/**
 * How the bytes of a {@link ModbusTcpServer}'s connections are framed. Every framing gets the same listener,
 * connection limits and policies, idle and request timeouts, both {@link IoMode}s, JMX, events and the whole fault
 * pipeline (connection actions included: FIN is a FIN, RST an RST, hold-open holds).
 */
public enum TcpFraming {
  /**
   * Modbus TCP (Messaging on TCP/IP Implementation Guide V1.0b): MBAP header, PDU. Units 0 and 255 reach the
   * server's own device. The default.
   */
  MBAP,

  /**
   * RTU over TCP ("RTU encapsulated", as serial-to-Ethernet converters in transparent mode and many SCADA tools
   * speak it): address, PDU, CRC-16, found by their length and CRC since TCP carries no silences. The connection is
   * a point-to-point serial line: unit 0 is a broadcast (executed, never answered), a unit the dispatcher does not
   * serve is another device's and gets no answer, bytes that are no frame are skipped (counted as dropped frames).
   */
  RTU,

  /** ASCII over TCP: ':', hex digits of address, PDU and LRC, CR LF; the line rules of {@link #RTU}. */
  ASCII
}
