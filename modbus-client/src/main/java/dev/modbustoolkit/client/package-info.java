/**
 * The Modbus client. Start at {@link dev.modbustoolkit.client.ModbusClient}: its static factories make a builder
 * per link, {@code build()} the client.
 *
 * <pre>{@code
 * try (ModbusClient client = ModbusClient.tcp("127.0.0.1", 5020).timeout(Duration.ofMillis(500)).build()) {
 *   short[] values = client.blocking().readHoldingRegisters(1, 0, 10).values();
 * }
 * }</pre>
 */
@NullMarked
package dev.modbustoolkit.client;

import org.jspecify.annotations.NullMarked;
