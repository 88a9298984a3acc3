/**
 * Modbus TCP server: blocking sockets, one platform thread accepting and one virtual thread per connection, in
 * front of a {@code ModbusDispatcher} from modbus-server-core.
 */
module dev.modbustoolkit.server.tcp {
  requires transitive dev.modbustoolkit.server.core;
  requires dev.modbustoolkit.mbap;
  requires java.management;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.modbustoolkit.server.tcp;
}
