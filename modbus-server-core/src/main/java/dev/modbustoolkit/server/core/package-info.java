/**
 * Modbus server core: {@link dev.modbustoolkit.server.core.ModbusDispatcher} (PDU in, PDU or nothing out, for a
 * unit id), the {@link dev.modbustoolkit.server.core.ModbusRequestHandler} SPI, the register-backed
 * {@link dev.modbustoolkit.server.core.RegisterDevice}, serial-line {@link
 * dev.modbustoolkit.server.core.DiagnosticCounters} and {@link dev.modbustoolkit.server.core.DispatcherMetrics}.
 */
@NullMarked
package dev.modbustoolkit.server.core;

import org.jspecify.annotations.NullMarked;
