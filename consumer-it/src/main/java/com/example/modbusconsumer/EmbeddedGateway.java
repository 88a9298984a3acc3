package com.example.modbusconsumer;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.gateway.GatewayRoute;
import dev.modbustoolkit.gateway.ModbusGateway;
import dev.modbustoolkit.server.core.UnitRange;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.io.IOException;
import java.time.Duration;

/**
 * The README's embedded gateway ("Gateway"), as it stands there. Compiled, never called: it binds the fixed port
 * 5020 in front of a bus on 5021. {@link GatewayQuickStart} runs the same gateway on free ports.
 */
final class EmbeddedGateway {
  private EmbeddedGateway() {}

  static ModbusTcpServer start() throws IOException {
    ModbusClient bus = ModbusClient.rtuOverTcp("127.0.0.1", 5021).timeout(Duration.ofMillis(500)).build();
    ModbusGateway gateway = ModbusGateway.builder()
        .downstream("bus", bus)
        .route(new GatewayRoute(UnitRange.of(10, 11), "bus", 1))   // units 10, 11 are units 1, 2 on the bus
        .defaultRoute("bus")
        .readCache(Duration.ofMillis(200))                         // optional: many masters polling the same registers
        .build();
    ModbusTcpServer server = ModbusTcpServer.builder(gateway.dispatcher()).port(5020).build().start();
    return server;
  }
}
