/** The Modbus device simulator: {@link dev.modbustoolkit.simulator.ModbusSimulator} is the main class. */
@NullMarked
package dev.modbustoolkit.simulator;

import org.jspecify.annotations.NullMarked;
