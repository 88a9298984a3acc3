/**
 * Register stores for the four Modbus tables.
 *
 * <p>{@link dev.modbustoolkit.registers.BitTable} holds a bit table (coils or discrete inputs) and
 * {@link dev.modbustoolkit.registers.RegisterTable} a 16-bit table (holding or input registers);
 * {@link dev.modbustoolkit.registers.DataModel} groups the four tables of one device. Every table offers two APIs:
 *
 * <ul>
 *   <li>the <em>wire</em> API used by a Modbus server ({@code readRegisters}, {@code writeBits}, ...): it enforces
 *       the {@link dev.modbustoolkit.registers.AccessRule}s, returns an
 *       {@link dev.modbustoolkit.registers.AccessStatus} instead of throwing for a refused address and does not
 *       allocate when no listener is registered;
 *   <li>the <em>Java</em> API used by simulations and tests ({@code get}, {@code set}, {@code getFloat32}, ...): it
 *       ignores access rules (so a simulation can update input registers or read-only ranges) and throws
 *       {@link java.lang.IllegalArgumentException} naming the address when an address does not exist.
 * </ul>
 *
 * <p>Addresses are protocol addresses 0..65535 as carried in the PDU (not the 1-based "40001" reference notation).
 * Every multi-address write is atomic: it changes all its addresses or none, and a concurrent reader never sees
 * half of it.
 */
@NullMarked
package dev.modbustoolkit.registers;

import org.jspecify.annotations.NullMarked;
