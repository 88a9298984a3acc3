/**
 * The Modbus TCP server: {@link dev.modbustoolkit.server.tcp.ModbusTcpServer} and its configuration, events and
 * metrics.
 */
@NullMarked
package dev.modbustoolkit.server.tcp;

import org.jspecify.annotations.NullMarked;
