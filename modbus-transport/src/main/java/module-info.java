/**
 * The transport layer under every server: frame codecs for byte streams and datagrams (MBAP, RTU, ASCII), the
 * exchange that turns one link's frames into dispatches and framed answers, and the one interpreter of fault plans.
 * See the package documentation for how to write a new transport.
 */
module dev.modbustoolkit.transport {
  requires transitive dev.modbustoolkit.server.core;
  requires transitive dev.modbustoolkit.fault;
  requires dev.modbustoolkit.mbap;
  requires dev.modbustoolkit.serial;
  requires java.management;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.transport;
  exports dev.modbustoolkit.transport.jmx;
  exports dev.modbustoolkit.transport.stream;
}
