/**
 * Serial-line framing: the checks ({@link dev.modbustoolkit.serial.ModbusCrc16}, {@link
 * dev.modbustoolkit.serial.ModbusLrc}), the line ({@link dev.modbustoolkit.serial.SerialLineSettings}, {@link
 * dev.modbustoolkit.serial.RtuTiming}) and the PDU length rules framing needs ({@link
 * dev.modbustoolkit.serial.PduLengths}).
 */
@NullMarked
package dev.modbustoolkit.serial;

import org.jspecify.annotations.NullMarked;
