package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The main class's answers that need no server: help and command line errors. */
class ModbusSimulatorTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws InterruptedException {
    return ModbusSimulator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndSucceeds() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: modbus-simulator").contains("--port N");
    assertThat(err.size()).isZero();
  }

  @Test
  void aBadOptionExitsWithStatus2AndAHint() throws Exception {
    assertThat(run("--port", "-3")).isEqualTo(ModbusSimulator.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("modbus-simulator: option --port: -3 is out of range 0..65535")
        .contains("--help");
    assertThat(out.size()).isZero();
  }
}
