/**
 * The Modbus serial server: {@link dev.modbustoolkit.server.rtu.ModbusRtuServer} (RTU or ASCII on a serial port).
 * The same frames over TCP connections are modbus-server-tcp's ({@code ModbusTcpServer.Builder.framing}). The line
 * settings, the RTU timing rules, the frame checks and the framing itself are modbus-serial-framing's ({@code
 * dev.modbustoolkit.serial}).
 */
@NullMarked
package dev.modbustoolkit.server.rtu;

import org.jspecify.annotations.NullMarked;
