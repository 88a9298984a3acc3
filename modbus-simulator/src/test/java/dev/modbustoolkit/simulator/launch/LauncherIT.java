package dev.modbustoolkit.simulator.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The runnable jar's launcher: one line and status 1 on a Java older than 21, the program itself on 21+. */
class LauncherIT {
  private static final Path JAR = Path.of("target", "modbus-simulator.jar");

  /** The Java 17 of the machine (Debian's, the default {@code java} here), or empty. */
  private static Optional<Path> java17() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(jvms)) {
      return dirs.filter(d -> d.getFileName().toString().matches("java-17.*|.*jdk-17.*|openjdk-17"))
          .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().findFirst();
    }
  }

  @Test
  void onJava17TheJarSaysWhichJavaItNeedsAndExits1() throws Exception {
    assertThat(JAR).as("built by the package phase").exists();
    Optional<Path> java17 = java17();
    if (java17.isEmpty()) {
      Assumptions.abort("no Java 17 under /usr/lib/jvm (Debian: openjdk-17-jre-headless)");
      return;
    }
    Tools.Result r = Tools.run(Duration.ofSeconds(30), java17.get().toString(), "-jar", JAR.toString(), "--help");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
    assertThat(r.output().strip()).isEqualTo("modbus-simulator: needs Java 21 or newer (found 17)");
  }

  @Test
  void onTheBuildsJdkTheJarRunsTheProgram() throws Exception {
    assertThat(JAR).as("built by the package phase").exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Tools.Result r = Tools.run(Duration.ofSeconds(30), java, "-jar", JAR.toString(), "--help");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("--help").doesNotContain("needs Java");
  }

  @Test
  void theLauncherReadsEveryFormOfTheSpecificationVersion() {
    assertThat(List.of("1.8", "11", "17", "21", "25", "26-ea", "", "x").stream().map(Launcher::feature).toList())
        .containsExactly(8, 11, 17, 21, 25, 26, 0, 0);
  }
}
