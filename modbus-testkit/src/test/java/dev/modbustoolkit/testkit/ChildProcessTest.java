package dev.modbustoolkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every wait on a child's output is bounded. */
class ChildProcessTest {
  private static ProcessBuilder sh(String script) {
    return new ProcessBuilder(Tools.require("sh", "dash").toString(), "-c", script);
  }

  @Test
  void awaitsALineThenTheExit() throws Exception {
    try (ChildProcess child = ChildProcess.start(sh("echo one; echo ready; echo err >&2; exit 4"))) {
      assertThat(child.awaitLine(Duration.ofSeconds(20), "ready"::equals)).isEqualTo("ready");
      assertThat(child.lines()).containsExactly("one", "ready");
      assertThat(child.awaitExit(Duration.ofSeconds(20))).isEqualTo(4);
      assertThat(child.lines()).containsExactly("one", "ready", "err");
    }
  }

  @Test
  void aLineThatNeverComesFailsAfterTheTimeout() throws Exception {
    try (ChildProcess child = ChildProcess.start(sh("echo started; exec sleep 60"))) {
      assertThatThrownBy(() -> child.awaitLine(Duration.ofMillis(300), "ready"::equals))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no such line")
          .hasMessageContaining("started");
    }
  }

  @Test
  void anOutputThatEndsWithoutTheLineFails() throws Exception {
    try (ChildProcess child = ChildProcess.start(sh("echo bye"))) {
      assertThatThrownBy(() -> child.awaitLine(Duration.ofSeconds(20), "ready"::equals))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("output ended")
          .hasMessageContaining("bye");
    }
  }

  @Test
  void aChildThatDoesNotExitIsDestroyedAndFails() throws Exception {
    try (ChildProcess child = ChildProcess.start(sh("exec sleep 60"))) {
      assertThatThrownBy(() -> child.awaitExit(Duration.ofMillis(300)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("did not exit");
      assertThat(child.process().isAlive()).isFalse();
    }
  }
}
