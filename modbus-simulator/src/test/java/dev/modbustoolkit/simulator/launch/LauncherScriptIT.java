package dev.modbustoolkit.simulator.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.ChildProcess;
import dev.modbustoolkit.testkit.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/modbus-simulator}, the run command the README gives: it exec's java, so the exit status and the
 * signals are the simulator's own. The package phase has just built the jar, so the script does not build.
 */
class LauncherScriptIT {
  private static final Path SCRIPT = Path.of("..", "bin", "modbus-simulator").toAbsolutePath().normalize();

  @Test
  void aBadOptionExits2WithOneLine() throws Exception {
    Tools.Result r = Tools.run(Duration.ofSeconds(120), SCRIPT.toString(), "--bogus");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
    assertThat(r.output().strip()).isEqualTo("modbus-simulator: unknown option --bogus (see --help)");
  }

  @Test
  void sigintToTheScriptsProcessStopsTheSimulatorGracefully() throws Exception {
    try (ChildProcess child = ChildProcess.startInterruptible(new ProcessBuilder(SCRIPT.toString(), "--port", "0"))) {
      child.awaitLine(Duration.ofSeconds(60), "Press Ctrl-C to stop."::equals);
      // The script's own pid: after exec it is the JVM, so SIGINT reaches the simulator's shutdown hook.
      child.interrupt();
      int exit = child.awaitExit(Duration.ofSeconds(20));
      assertThat(child.lines()).contains("Modbus simulator stopped.");
      assertThat(exit).as(child.output()).isEqualTo(130);
    }
  }

  @Test
  void theJvmGetsTheIntegerCacheThatTakesTheSelectorsGarbageAwayAndJavaOptsComeAfterIt() throws Exception {
    ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "--port", "0");
    builder.environment().put("JAVA_OPTS", "-Dmodbus.launcher.test=1");
    try (ChildProcess child = ChildProcess.startInterruptible(builder)) {
      child.awaitLine(Duration.ofSeconds(60), "Press Ctrl-C to stop."::equals);
      // After the exec the script's pid is the JVM's: its arguments are the ones java got.
      List<String> args = child.process().info().arguments().map(Arrays::asList).orElseThrow(
          () -> new AssertionError("the platform does not report the JVM's arguments"));
      int cache = args.indexOf("-Djava.lang.Integer.IntegerCache.high=65535");
      assertThat(cache).as("%s", args).isNotNegative();
      assertThat(args.indexOf("-Dmodbus.launcher.test=1")).as("%s", args).isGreaterThan(cache);
      assertThat(args.indexOf("-jar")).as("%s", args).isGreaterThan(args.indexOf("-Dmodbus.launcher.test=1"));
      child.interrupt();
      assertThat(child.awaitExit(Duration.ofSeconds(20))).as(child.output()).isEqualTo(130);
    }
  }
}
