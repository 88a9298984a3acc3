/**
 * Simulated Modbus devices in JUnit 5 tests: {@link dev.modbustoolkit.junit.SimulatedDevice} declares one (from a
 * device profile and a fault file), {@link dev.modbustoolkit.junit.SimulatorExtension} builds one in code, and a
 * {@link dev.modbustoolkit.junit.SimulatorHandle} gives the test its address, its points, its faults and what it saw
 * ({@link dev.modbustoolkit.junit.DeviceTraffic}).
 */
@NullMarked
package dev.modbustoolkit.junit;

import org.jspecify.annotations.NullMarked;
