package dev.modbustoolkit.gateway.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Tools;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/modbus-gateway}, the run command the README gives (a link to {@code bin/modbus-simulator}, which
 * runs the program it is named after). The package phase has just built the jar, so the script does not build.
 */
class LauncherScriptIT {
  private static final Path SCRIPT = Path.of("..", "bin", "modbus-gateway").toAbsolutePath().normalize();

  @Test
  void helpExits0WithTheUsage() throws Exception {
    Tools.Result r = Tools.run(Duration.ofSeconds(120), SCRIPT.toString(), "--help");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).startsWith("Usage: ").doesNotContain("building");
  }

  @Test
  void aBadOptionExits2WithOneLine() throws Exception {
    Tools.Result r = Tools.run(Duration.ofSeconds(120), SCRIPT.toString(), "--bogus");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output().strip()).isEqualTo("modbus-gateway: unknown option '--bogus' (see --help)");
  }
}
