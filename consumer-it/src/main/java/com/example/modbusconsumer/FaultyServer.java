package com.example.modbusconsumer;

import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The README's fault pipeline on a server ("Faults"), as it stands there. Compiled, never called: it binds the
 * fixed port 5020, and loading a fault file needs Jackson (jackson-databind, jackson-dataformat-yaml), which this
 * application leaves out to show that the toolkit runs without it.
 */
final class FaultyServer {
  private FaultyServer() {}

  static ModbusTcpServer start(ModbusDispatcher dispatcher) throws IOException {
    FaultPipeline faults = FaultFileLoader.load(Path.of("faults.yaml")).newPipeline(42);   // 42 unless the file has a seed
    ModbusTcpServer server = ModbusTcpServer.builder(dispatcher).port(5020).faults(faults).build().start();
    faults.remove("slow-reads");                                                // change it while the server runs
    return server;
  }
}
