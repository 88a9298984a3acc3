package com.example.modbusconsumer;

import dev.modbustoolkit.client.BlockingModbusClient;
import dev.modbustoolkit.client.ClientMetrics;
import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.RegisterValues;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.server.core.LatencySnapshot;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.time.Duration;

/**
 * The README's embedded device on Modbus TCP ("A device on Modbus TCP, embedded") read by the README's client
 * ("Client"), on a free loopback port instead of 5020.
 */
final class TcpQuickStart {
  private TcpQuickStart() {}

  static String run() throws Exception {
    DataModel model = DataModel.dense();
    model.holdingRegisters().setFloat32(100, 21.5f, WordOrder.CDAB); // temperature at 100-101
    ModbusDispatcher dispatcher = ModbusDispatcher.builder()
        .unit(1, RegisterDevice.of(model))
        .build();
    try (ModbusTcpServer server = ModbusTcpServer.builder(dispatcher)
        .bindAddress("127.0.0.1").port(0)
        .build()
        .start()) {
      int port = server.localAddress().getPort();
      float temperature;
      float written;
      ClientMetrics clientMetrics;
      try (ModbusClient client = ModbusClient.tcp("127.0.0.1", port).timeout(Duration.ofSeconds(10)).build()) {
        BlockingModbusClient modbus = client.blocking();
        temperature = RegisterValues.float32(modbus.readHoldingRegisters(1, 100, 2).values(), 0, WordOrder.CDAB);
        modbus.writeMultipleRegisters(1, 200, RegisterValues.ofFloat32(-3.25f, WordOrder.CDAB));
        written = RegisterValues.float32(modbus.readHoldingRegisters(1, 200, 2).values(), 0, WordOrder.CDAB);
        clientMetrics = client.metrics();
      }
      Check.equal(21.5f, temperature, "temperature read over TCP");
      Check.equal(-3.25f, written, "value written over TCP and read back");
      Check.equal(-3.25f, model.holdingRegisters().getFloat32(200, WordOrder.CDAB), "value in the device's model");
      Check.equal(2L, server.dispatcherMetrics().requests(FunctionCode.READ_HOLDING_REGISTERS), "FC03 served");
      LatencySnapshot latency = server.dispatcherMetrics().snapshot();
      Check.equal(3L, latency.count(), "dispatches measured by the server's latency histogram");
      Check.isTrue(latency.max().compareTo(Duration.ZERO) > 0, "server latency max " + latency.max());
      Check.equal(3L, clientMetrics.answers(), "answers counted by the client");
      Check.isTrue(clientMetrics.latencyMax().compareTo(Duration.ZERO) > 0,
          "client latency max " + clientMetrics.latencyMax());
      return "tcp 127.0.0.1:" + port + " temperature " + temperature + ", written " + written
          + ", server " + latency;
    }
  }
}
