/**
 * The Modbus serial server: {@link dev.modbustoolkit.server.rtu.ModbusRtuServer} (RTU or ASCII on a serial port),
 * {@link dev.modbustoolkit.server.rtu.ModbusRtuOverTcpServer} (the same frames over TCP connections), the line
 * settings ({@link dev.modbustoolkit.server.rtu.SerialLineSettings}), the RTU timing rules
 * ({@link dev.modbustoolkit.server.rtu.RtuTiming}) and the frame checks ({@link
 * dev.modbustoolkit.server.rtu.ModbusCrc16}, {@link dev.modbustoolkit.server.rtu.ModbusLrc}).
 */
@NullMarked
package dev.modbustoolkit.server.rtu;

import org.jspecify.annotations.NullMarked;
