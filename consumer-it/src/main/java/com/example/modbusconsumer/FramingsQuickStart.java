package com.example.modbusconsumer;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterValues;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpFraming;
import dev.modbustoolkit.server.udp.ModbusUdpServer;
import java.time.Duration;

/**
 * The README's RTU over TCP and UDP servers ({@link OtherFramings}) on free loopback ports instead of 5021 and 5022,
 * each read by the client over the same framing.
 */
final class FramingsQuickStart {
  private FramingsQuickStart() {}

  static String run() throws Exception {
    DataModel model = DataModel.dense();
    model.holdingRegisters().setFloat32(100, 21.5f, WordOrder.CDAB);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
    try (ModbusTcpServer rtuOverTcp = ModbusTcpServer.builder(dispatcher).bindAddress("127.0.0.1").port(0)
            .framing(TcpFraming.RTU)
            .build()
            .start();
        ModbusUdpServer udp = ModbusUdpServer.builder(dispatcher).port(0).build().start()) {
      int rtuPort = rtuOverTcp.localAddress().getPort();
      int udpPort = udp.localAddress().getPort();
      Check.equal(21.5f, temperature(ModbusClient.rtuOverTcp("127.0.0.1", rtuPort).timeout(Duration.ofSeconds(10))
          .build()), "temperature read over RTU over TCP");
      Check.equal(21.5f, temperature(ModbusClient.udp("127.0.0.1", udpPort).timeout(Duration.ofSeconds(10))
          .build()), "temperature read over UDP");
      return "rtu-over-tcp 127.0.0.1:" + rtuPort + " and udp 127.0.0.1:" + udpPort + " temperature 21.5";
    }
  }

  private static float temperature(ModbusClient client) {
    try (client) {
      return RegisterValues.float32(client.blocking().readHoldingRegisters(1, 100, 2).values(), 0, WordOrder.CDAB);
    }
  }
}
