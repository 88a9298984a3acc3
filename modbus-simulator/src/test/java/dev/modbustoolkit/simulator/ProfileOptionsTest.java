package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.registers.AddressBlock;
import dev.modbustoolkit.registers.AccessRule;
import dev.modbustoolkit.simulator.internal.ProfileSummary;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --profile}, {@code --size} and {@code --seed} on the command line, and a bad profile's exit status. */
class ProfileOptionsTest {
  @TempDir Path dir;
  private static final String METER = "examples/energy-meter.yaml";

  @Test
  void aProfileGivesTheUnitsAndItsSeed() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--profile", "examples/pumping-station.yaml");
    assertThat(o.units()).containsExactly(1, 2, 3);
    ProfileOptions p = o.profile();
    assertThat(p.seed()).isEqualTo(3);
    assertThat(p.seedSource()).isEqualTo(FaultOptions.SeedSource.FILE);
    ProfileOptions overridden = SimulatorOptions.parse("--profile", METER, "--seed", "99").profile();
    assertThat(overridden.seed()).isEqualTo(99);
    assertThat(overridden.seedSource()).isEqualTo(FaultOptions.SeedSource.OPTION);
    Path noSeed = Files.writeString(dir.resolve("p.json"), "{\"units\": [{\"id\": 9}]}");
    ProfileOptions random = SimulatorOptions.parse("--profile", noSeed.toString()).profile();
    assertThat(random.seedSource()).isEqualTo(FaultOptions.SeedSource.RANDOM);
    assertThat(SimulatorOptions.parse("--profile", noSeed.toString()).units()).containsExactly(9);
  }

  @Test
  void theStartLineSaysWhatTheProfileHoldsAndHowToRepeatTheRun() throws Exception {
    assertThat(ProfileSummary.line(SimulatorOptions.parse("--profile", "examples/pumping-station.yaml").profile()))
        .isEqualTo("Profile: examples/pumping-station.yaml, unit 1 (map pump): 3 points, 1 moving; unit 2 (map pump):"
            + " 3 points, 1 moving; unit 3: 1 point, 1 moving; seed 3 (from the file).");
    Path noSeed = Files.writeString(dir.resolve("p.yaml"), "units: [{id: 9}]");
    ProfileOptions random = SimulatorOptions.parse("--profile", noSeed.toString()).profile();
    assertThat(ProfileSummary.line(random)).endsWith("seed " + random.seed() + " (random; repeat this run with --seed "
        + random.seed() + ").");
  }

  @Test
  void aProfileDoesNotGoWithUnitFillOrSize() {
    for (String[] extra : new String[][] {{"--unit", "2"}, {"--fill", "pattern"}, {"--size", "10"}}) {
      assertThatThrownBy(() -> SimulatorOptions.parse("--profile", METER, extra[0], extra[1]))
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("option " + extra[0] + " does not go with --profile");
    }
  }

  @Test
  void sizeLimitsEveryTableOfEveryUnit() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--size", "100", "--unit", "1", "--unit", "2", "--fill", "pattern");
    assertThat(o.size()).isEqualTo(100);
    try (Simulator simulator = new Simulator(o)) {
      for (var model : simulator.models().values()) {
        assertThat(model.holdingRegisters().blocks()).containsExactly(new AddressBlock(0, 100, AccessRule.READ_WRITE));
        assertThat(model.coils().blocks()).containsExactly(new AddressBlock(0, 100, AccessRule.READ_WRITE));
        assertThat(model.inputRegisters().get(99)).isEqualTo(99);
        assertThat(model.discreteInputs().contains(100)).isFalse();
      }
    }
    assertThat(SimulatorOptions.parse().size()).isEqualTo(65536);
    assertThatThrownBy(() -> SimulatorOptions.parse("--size", "0")).isInstanceOf(UsageException.class)
        .hasMessageContaining("option --size: 0 is out of range 1..65536");
    assertThatThrownBy(() -> SimulatorOptions.parse("--size", "65537")).isInstanceOf(UsageException.class);
  }

  @Test
  void aMissingProfileIsAUsageError() {
    assertThatThrownBy(() -> SimulatorOptions.parse("--profile", dir.resolve("none.yaml").toString()))
        .isInstanceOf(UsageException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> SimulatorOptions.parse("--profile", " ")).isInstanceOf(UsageException.class)
        .hasMessageContaining("the file name is empty");
  }

  @Test
  void aBadProfileExitsWithStatus2NamingTheField() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), """
        units:
          - id: 1
            points:
              - {name: a, table: holding-registers, address: 0, type: uint16}
              - {name: b, table: holding-registers, address: 1, type: uint16}
              - {name: c, table: holding-registers, address: 2, type: uint16}
              - {name: d, table: holding-registers, address: 3, type: real}
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ModbusSimulator.run(new String[] {"--profile", bad.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(ModbusSimulator.EXIT_USAGE).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("modbus-simulator: option --profile: " + bad + ": units[0].points[3].type: unknown type 'real'");
    assertThat(out.size()).isZero();
  }
}
