/**
 * The Modbus gateway: forwards requests from the toolkit's servers to downstream client links chosen by unit id,
 * with device quarantine, a read cache and the spec's gateway exceptions; and its command line.
 */
module dev.modbustoolkit.gateway {
  requires transitive dev.modbustoolkit.client;
  requires transitive dev.modbustoolkit.server.core;
  requires dev.modbustoolkit.server.tcp;
  requires dev.modbustoolkit.server.udp;
  requires dev.modbustoolkit.server.rtu;
  requires dev.modbustoolkit.fault;
  requires dev.modbustoolkit.serial;
  requires static com.fasterxml.jackson.databind;
  requires static com.fasterxml.jackson.dataformat.yaml;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.gateway;
}
