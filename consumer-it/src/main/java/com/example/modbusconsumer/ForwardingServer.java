package com.example.modbusconsumer;

import dev.modbustoolkit.pdu.ModbusLimits;
import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ForwardAnswer;
import dev.modbustoolkit.server.core.ForwardingHandler;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The README's forwarding handler ("The server side of a gateway: forwarding handlers"), as it stands there.
 * Compiled, never called: it binds the fixed port 5020.
 */
final class ForwardingServer {
  private ForwardingServer() {}

  static ModbusTcpServer start() throws IOException {
    ModbusDispatcher device = ModbusDispatcher.builder().unit(1, RegisterDevice.of(DataModel.dense())).build();
    ExecutorService link = Executors.newVirtualThreadPerTaskExecutor();        // stands in for a client link
    ForwardingHandler gateway = request -> CompletableFuture.supplyAsync(() -> {
      if (request.broadcast()) {                                               // unit 0: forward, answer nothing
        return ForwardAnswer.none();
      }
      ByteBuffer out = ByteBuffer.allocate(ModbusLimits.MAX_PDU_LENGTH);
      int n = device.dispatch(request.context(), request.unitId(), request.pduBuffer(), out);
      return n < 0 ? ForwardAnswer.none() : ForwardAnswer.response(Arrays.copyOf(out.array(), n));
    }, link);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder()
        .routeAll(gateway)                                 // every unit id 0..255 nobody else serves
        .forwardTimeout(Duration.ofSeconds(2))             // a future still open then is answered 0x0B
        .build();
    ModbusTcpServer server = ModbusTcpServer.builder(dispatcher).port(5020).build().start();
    return server;
  }
}
