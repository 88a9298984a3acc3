package com.example.modbusconsumer;

import dev.modbustoolkit.pdu.FunctionCode;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.registers.WordOrder;
import dev.modbustoolkit.server.core.DispatcherMetrics;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;

/**
 * Runs the README's client program ({@link ReadDevice}, as it stands there) against an embedded device on a free
 * loopback port: unit 1 as the simulator serves it, unit 7 served by nobody (answered 0x0B, which the program
 * catches). The program prints what it read; this checks what it wrote and what the device saw.
 */
final class ClientQuickStart {
  private ClientQuickStart() {}

  static String run() throws Exception {
    DataModel model = DataModel.dense();
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
    try (ModbusTcpServer server = ModbusTcpServer.builder(dispatcher).bindAddress("127.0.0.1").port(0).build().start()) {
      int port = server.localAddress().getPort();
      ReadDevice.main(new String[] {String.valueOf(port)});
      Check.equal(21.5f, model.holdingRegisters().getFloat32(100, WordOrder.CDAB), "temperature the client wrote");
      DispatcherMetrics metrics = server.dispatcherMetrics();
      Check.equal(1L, metrics.requests(FunctionCode.WRITE_MULTIPLE_REGISTERS), "FC16 served");
      Check.equal(2L, metrics.requests(FunctionCode.READ_HOLDING_REGISTERS), "FC03 served (unit 1, unit 7)");
      Check.equal(1L, metrics.requests(FunctionCode.READ_COILS), "FC01 served");
      return "client ReadDevice against 127.0.0.1:" + port + ": wrote, read, read coils, unit 7 answered 0x0B";
    }
  }
}
