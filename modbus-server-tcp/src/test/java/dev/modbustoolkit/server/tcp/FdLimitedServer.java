package dev.modbustoolkit.server.tcp;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A server for {@link AcceptErrorsIT} to run in a child JVM whose descriptor limit is low: prints its port, then
 * answers each line on stdin with its state, until stdin closes. The I/O mode is the first argument.
 */
public final class FdLimitedServer {
  private FdLimitedServer() {}

  public static void main(String[] args) throws Exception {
    DataModel model = DataModel.dense();
    model.holdingRegisters().set(0, 4242);
    ModbusDispatcher dispatcher = ModbusDispatcher.builder().unit(1, RegisterDevice.of(model)).build();
    try (ModbusTcpServer server = ModbusTcpServer.builder(dispatcher).port(0).jmxEnabled(false)
        .ioMode(IoMode.valueOf(args[0])).eventLoops(1).maxConnections(10_000).build()) {
      server.start();
      System.out.println("port=" + server.localAddress().getPort());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      while (in.readLine() != null) {
        TcpServerMetrics m = server.metrics();
        System.out.println("running=" + server.isRunning() + " acceptErrors=" + m.acceptErrors() + " active="
            + m.activeConnections());
        System.out.flush();
      }
    }
  }
}
