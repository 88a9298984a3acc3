package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** Finding tools on a PATH, skipping or failing when one is missing, bounded runs. */
class ToolsTest {
  @TempDir Path dir;

  private Path executable(String name) throws IOException {
    Path p = Files.writeString(dir.resolve(name), "#!/bin/sh\necho hi\n");
    p.toFile().setExecutable(true);
    return p;
  }

  @Test
  void findsOnThePathOnly() throws IOException {
    Path tool = executable("fake-tool");
    Files.writeString(dir.resolve("not-executable"), "");
    Map<String, String> env = Map.of("PATH", "/nonexistent:" + dir);
    assertThat(Tools.find("fake-tool", env)).contains(tool);
    assertThat(Tools.find("not-executable", env)).isEmpty();
    assertThat(Tools.find("fake-tool", Map.of("PATH", "/nonexistent"))).isEmpty();
    assertThat(Tools.find("fake-tool", Map.of())).isEmpty();
    assertThat(Tools.find(tool.toString(), Map.of())).contains(tool);
  }

  @Test
  void findAllListsEveryMatchInPathOrder() throws IOException {
    Path first = executable("fake-tool");
    Path second = Files.createDirectory(dir.resolve("later"));
    Path other = Files.writeString(second.resolve("fake-tool"), "#!/bin/sh\n");
    other.toFile().setExecutable(true);
    Map<String, String> env = Map.of("PATH", dir + ":" + second + ":" + dir);
    assertThat(Tools.findAll("fake-tool", env)).containsExactly(first, other);
  }

  @Test
  void aMissingToolSkipsNamingItsPackage() {
    assertThatThrownBy(() -> Tools.require("no-such-tool", "no-such-package", Map.of("PATH", dir.toString())))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("no-such-tool")
        .hasMessageContaining("no-such-package");
  }

  @Test
  void aMissingToolFailsUnderCi() {
    assertThatThrownBy(
            () -> Tools.require("no-such-tool", "no-such-package", Map.of("PATH", dir.toString(), "CI", "true")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no-such-tool")
        .hasMessageContaining("no-such-package");
  }

  @Test
  void aPresentToolIsReturnedUnderCiToo() throws IOException {
    Path tool = executable("fake-tool");
    assertThat(Tools.require("fake-tool", "pkg", Map.of("PATH", dir.toString(), "CI", "true"))).isEqualTo(tool);
  }

  @Test
  void runReturnsExitCodeAndMergedOutput() throws Exception {
    Path sh = Tools.require("sh", "dash");
    Tools.Result r = Tools.run(Duration.ofSeconds(20), sh.toString(), "-c", "echo out; echo err >&2; exit 3");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.output()).contains("out").contains("err");
  }

  @Test
  void runFailsAfterItsTimeoutAndDestroysTheChild() {
    Path sh = Tools.require("sh", "dash");
    long started = System.nanoTime();
    assertThatThrownBy(() -> Tools.run(Duration.ofMillis(300), sh.toString(), "-c", "echo started; exec sleep 60"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not finish within")
        .hasMessageContaining("started");
    // Far less than the child's 60 s: it was destroyed, not waited for.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void aToolThatCannotStartIsAnIoFailure() throws IOException {
    Path notExecutable = Files.writeString(dir.resolve("broken"), "");
    assertThatThrownBy(() -> Tools.run(Duration.ofSeconds(5), notExecutable.toString()))
        .isInstanceOf(IOException.class);
  }
}
