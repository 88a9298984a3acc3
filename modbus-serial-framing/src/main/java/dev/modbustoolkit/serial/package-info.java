/**
 * Serial-line framing: the checks ({@link dev.modbustoolkit.serial.ModbusCrc16}, {@link
 * dev.modbustoolkit.serial.ModbusLrc}), the line ({@link dev.modbustoolkit.serial.SerialLineSettings}, {@link
 * dev.modbustoolkit.serial.RtuTiming}, {@link dev.modbustoolkit.serial.SilenceRules}), the PDU length rules framing
 * needs ({@link dev.modbustoolkit.serial.PduLengths}), the pull-style decoders ({@link
 * dev.modbustoolkit.serial.RtuFrameDecoder}, {@link dev.modbustoolkit.serial.AsciiFrameDecoder}, both returning a
 * reused {@link dev.modbustoolkit.serial.DecodeOutcome}) and the allocation-free encoders ({@link
 * dev.modbustoolkit.serial.RtuFrameEncoder}, {@link dev.modbustoolkit.serial.AsciiFrameEncoder}).
 */
@NullMarked
package dev.modbustoolkit.serial;

import org.jspecify.annotations.NullMarked;
