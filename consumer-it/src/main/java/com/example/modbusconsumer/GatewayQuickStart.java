package com.example.modbusconsumer;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.gateway.GatewayRoute;
import dev.modbustoolkit.gateway.ModbusGateway;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.core.UnitRange;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpFraming;
import java.time.Duration;

/**
 * The README's embedded gateway ({@link EmbeddedGateway}) on free loopback ports instead of 5020 and 5021: a bus of
 * two units on RTU over TCP behind it, and a Modbus TCP master reading units 10 and 11, which the route maps to
 * units 1 and 2 on the bus.
 */
final class GatewayQuickStart {
  private GatewayQuickStart() {}

  static String run() throws Exception {
    DataModel first = DataModel.dense();
    DataModel second = DataModel.dense();
    first.holdingRegisters().set(0, 1111);
    second.holdingRegisters().set(0, 2222);
    ModbusDispatcher devices = ModbusDispatcher.builder()
        .unit(1, RegisterDevice.of(first))
        .unit(2, RegisterDevice.of(second))
        .build();
    try (ModbusTcpServer bus = ModbusTcpServer.builder(devices).bindAddress("127.0.0.1").port(0)
            .framing(TcpFraming.RTU).build().start();
        ModbusGateway gateway = ModbusGateway.builder()
            .downstream("bus", ModbusClient.rtuOverTcp("127.0.0.1", bus.localAddress().getPort())
                .timeout(Duration.ofSeconds(10)).build())
            .route(new GatewayRoute(UnitRange.of(10, 11), "bus", 1))
            .defaultRoute("bus")
            .readCache(Duration.ofMillis(200))
            .build();
        ModbusTcpServer server = ModbusTcpServer.builder(gateway.dispatcher()).bindAddress("127.0.0.1").port(0)
            .build().start();
        ModbusClient master = ModbusClient.tcp("127.0.0.1", server.localAddress().getPort())
            .timeout(Duration.ofSeconds(10)).build()) {
      Check.equal((short) 1111, master.blocking().readHoldingRegisters(10, 0, 1).values()[0], "unit 10 (bus unit 1)");
      Check.equal((short) 2222, master.blocking().readHoldingRegisters(11, 0, 1).values()[0], "unit 11 (bus unit 2)");
      return "gateway 127.0.0.1:" + server.localAddress().getPort() + " -> rtu-over-tcp 127.0.0.1:"
          + bus.localAddress().getPort() + ": units 10, 11 are units 1, 2 on the bus";
    }
  }
}
