package com.example.modbusconsumer;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.io.IOException;

/**
 * The README's embedded device on Modbus TCP ("A device on Modbus TCP, embedded"), as it stands there. Compiled,
 * never called: it binds the fixed port 5020, which may be taken where CI runs (by a simulator, another build).
 * {@link TcpQuickStart} runs the same lines on a free port.
 */
final class EmbeddedServer {
  private EmbeddedServer() {}

  static ModbusTcpServer start() throws IOException {
    DataModel model = DataModel.dense();                                        // all four tables, 0..65535
    model.holdingRegisters().setFloat32(100, 21.5f, WordOrder.CDAB);            // temperature at 100-101
    ModbusDispatcher dispatcher = ModbusDispatcher.builder()
        .unit(1, RegisterDevice.of(model))
        .build();
    ModbusTcpServer server = ModbusTcpServer.builder(dispatcher)
        .bindAddress("127.0.0.1").port(5020)
        .build()
        .start();                                                               // returns once bound
    // ... server.close() stops it gracefully
    return server;
  }
}
