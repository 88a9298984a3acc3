package com.example.modbusconsumer;

import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import dev.modbustoolkit.server.tcp.TcpFraming;
import dev.modbustoolkit.server.udp.ModbusUdpServer;
import java.io.IOException;
import java.util.List;

/**
 * The README's RTU over TCP and UDP servers ("The same device as RTU over TCP, ASCII over TCP ... and Modbus over
 * UDP"), as they stand there. Compiled, never called: they bind the fixed ports 5021 and 5022.
 * {@link FramingsQuickStart} runs the same servers on free ports and reads them with the client.
 */
final class OtherFramings {
  private OtherFramings() {}

  static List<AutoCloseable> start(ModbusDispatcher dispatcher) throws IOException {
    ModbusTcpServer rtuOverTcp = ModbusTcpServer.builder(dispatcher).port(5021)
        .framing(TcpFraming.RTU)                                                // or TcpFraming.ASCII
        .build()
        .start();
    ModbusUdpServer udp = ModbusUdpServer.builder(dispatcher).port(5022).build().start();   // modbus-server-udp
    return List.of(rtuOverTcp, udp);
  }
}
