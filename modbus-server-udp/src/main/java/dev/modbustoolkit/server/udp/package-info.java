/** The Modbus over UDP server: {@link dev.modbustoolkit.server.udp.ModbusUdpServer}. */
@NullMarked
package dev.modbustoolkit.server.udp;

import org.jspecify.annotations.NullMarked;
