/**
 * Fault injection for the Modbus servers: a seeded, runtime-changeable pipeline of faults (action + trigger +
 * scope) that decides, per request, whether to dispatch, and turns a response frame into a plan of timed byte
 * segments plus a connection directive that the TCP and RTU transports execute.
 *
 * <p>Jackson is needed only by {@code dev.modbustoolkit.fault.config} (the fault-file loader), hence
 * {@code requires static}: users of the pipeline alone do not get it.
 */
module dev.modbustoolkit.fault {
  requires static org.jspecify;
  requires static com.fasterxml.jackson.databind;
  requires static com.fasterxml.jackson.dataformat.yaml;
  requires transitive dev.modbustoolkit.pdu;
  requires dev.modbustoolkit.serial;

  exports dev.modbustoolkit.fault;
  exports dev.modbustoolkit.fault.config;
  exports dev.modbustoolkit.fault.testing;
}
