/**
 * The Modbus gateway: {@link dev.modbustoolkit.gateway.ModbusGateway} forwards requests from any of the toolkit's
 * servers to downstream client links chosen by unit id; {@code GatewayMain} runs one from the command line.
 */
@NullMarked
package dev.modbustoolkit.gateway;

import org.jspecify.annotations.NullMarked;
