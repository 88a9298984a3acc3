package dev.modbustoolkit.simulator;

import dev.modbustoolkit.registers.DataModel;
import dev.modbustoolkit.server.core.ModbusDispatcher;
import dev.modbustoolkit.server.core.RegisterDevice;
import dev.modbustoolkit.server.tcp.ModbusTcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated devices and their server, built from {@link SimulatorOptions}; usable from tests without the
 * command line. Each unit gets its own dense {@link DataModel} over 0..65535 in all four tables.
 */
public final class Simulator implements AutoCloseable {
  private final SimulatorOptions options;
  private final Map<Integer, DataModel> models;
  private final ModbusTcpServer server;

  /** Builds the devices and the (not yet started) server. */
  public Simulator(SimulatorOptions options) {
    this.options = Objects.requireNonNull(options, "options");
    Map<Integer, DataModel> m = new LinkedHashMap<>();
    ModbusDispatcher.Builder dispatcher = ModbusDispatcher.builder();
    RegisterDevice serverDevice = null;
    for (int unit : options.units()) {
      DataModel model = DataModel.dense();
      RegisterDevice device = RegisterDevice.builder(model).build();
      m.put(unit, model);
      dispatcher.unit(unit, device);
      if (serverDevice == null) {
        serverDevice = device;
      }
    }
    if (serverDevice != null) {
      // Units 0 and 255 address "the server itself" on TCP: the lowest unit plays that part.
      dispatcher.serverDevice(serverDevice);
    }
    this.models = Collections.unmodifiableMap(m);
    this.server = ModbusTcpServer.builder(dispatcher.build())
        .bindAddress(options.bindAddress())
        .port(options.port())
        .maxConnections(options.maxConnections())
        .connectionLimitPolicy(options.limitPolicy())
        .idleTimeout(options.idleTimeout())
        .requestTimeout(options.requestTimeout())
        .shutdownGracePeriod(options.shutdownGrace())
        .name("modbus-simulator-" + options.port())
        .build();
  }

  /** Binds and starts serving; returns the bound address. */
  public InetSocketAddress start() throws IOException {
    server.start();
    return server.localAddress();
  }

  /** The server. */
  public ModbusTcpServer server() {
    return server;
  }

  /** The options it was built from. */
  public SimulatorOptions options() {
    return options;
  }

  /** The data model of each unit, by unit id. */
  public Map<Integer, DataModel> models() {
    return models;
  }

  /** Stops the server gracefully (within the configured grace period). */
  @Override
  public void close() {
    server.close();
  }
}
