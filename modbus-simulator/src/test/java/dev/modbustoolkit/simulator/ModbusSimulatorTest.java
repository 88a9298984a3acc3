package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.config.FaultFile;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import dev.modbustoolkit.simulator.internal.FaultSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main class's answers that need no server: help, command line and fault file errors, start failures. */
class ModbusSimulatorTest {
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws InterruptedException {
    return ModbusSimulator.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpPrintsUsageAndSucceeds() throws Exception {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("Usage: modbus-simulator").contains("--port N")
        .contains("--rtu DEVICE").contains("--faults FILE");
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

  @Test
  void aBadLogLevelExitsWithStatus2NamingTheOptionAndTheLevels() throws Exception {
    assertThat(run("--log-level", "loud", "--port", "0")).isEqualTo(ModbusSimulator.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("modbus-simulator: option --log-level: 'loud' is not one of error, warn, info, debug, trace, off")
        .contains("--help");
    assertThat(out.size()).isZero();
  }

  @Test
  void aBadFaultFileExitsWithStatus2NamingTheField() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"),
        "faults:\n  - id: ok\n    action: {type: no-response}\n  - id: late\n    action: {type: delay, base: soon}\n");
    assertThat(run("--faults", bad.toString())).isEqualTo(ModbusSimulator.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("modbus-simulator: option --faults: " + bad + ": faults[1].action.base");
    assertThat(out.size()).isZero();
  }

  @Test
  void aSerialDeviceThatDoesNotExistExitsWithStatus1() throws Exception {
    String device = dir.resolve("no-such-tty").toString();
    assertThat(run("--no-tcp", "--rtu", device)).isEqualTo(ModbusSimulator.EXIT_START_FAILED);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("modbus-simulator: cannot open serial device " + device + " (Modbus RTU at 19200 8E1)")
        .contains("does not exist");
  }

  @Test
  void theFaultSummaryIsOneLineWithTheSeedAndEachFaultsType() throws Exception {
    FaultFile file = FaultFileLoader.parseYaml("""
        faults:
          - {id: slow, action: {type: delay, base: 1s}}
          - {id: cut, action: {type: truncate, bytes: 3}}
          - {id: bye, action: {type: close, mode: rst, afterRequests: 5}}
        """);
    String line = FaultSummary.line(new FaultOptions(Path.of("f.yaml"), file, 9, FaultOptions.SeedSource.OPTION));
    assertThat(line).isEqualTo(
        "Faults: 3 from f.yaml, seed 9 (from --seed): slow (delay), cut (truncate), bye (close)");
    assertThat(FaultSummary.line(new FaultOptions(Path.of("e.yaml"), new FaultFile(null, java.util.List.of()), 77,
        FaultOptions.SeedSource.RANDOM))).isEqualTo(
            "Faults: none in e.yaml, seed 77 (random; repeat this run with --seed 77)");
  }
}
