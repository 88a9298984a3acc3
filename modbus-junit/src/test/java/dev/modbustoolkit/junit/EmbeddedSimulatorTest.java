package dev.modbustoolkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.client.ModbusClient;
import dev.modbustoolkit.simulator.Simulator;
import dev.modbustoolkit.simulator.SimulatorOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "start a simulator from Java" snippet, verbatim between the markers: the simulator's own API, what
 * the JUnit extension is built on, for code that is not a JUnit 5 test (a main, another test framework).
 */
class EmbeddedSimulatorTest {

  @Test
  void theReadmesEmbeddingRuns() throws Exception {
    assertThat(voltage(Path.of("..", "modbus-simulator", "examples", "energy-meter.yaml"))).isBetween(220.0, 240.0);
  }

  private static double voltage(Path profile) throws Exception {
    // README snippet: start
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--profile", profile.toString());
    try (Simulator simulator = new Simulator(options)) {                    // builds the devices and the servers
      simulator.start();                                                     // binds; SimulatorStartException if not
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (ModbusClient client = ModbusClient.tcp("127.0.0.1", port).build()) {
        client.blocking().readHoldingRegisters(1, 0, 2);
      }
      long served = simulator.totals().requests();                 // 1: every transport's counters
      return simulator.device().point(1, "voltage-l1").orElseThrow().readNumber();   // typed, by name
    }                                                                         // close(): stops every server
    // README snippet: end
  }
}
