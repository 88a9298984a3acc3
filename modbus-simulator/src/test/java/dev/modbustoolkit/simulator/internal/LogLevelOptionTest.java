package dev.modbustoolkit.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.simulator.UsageException;
import org.junit.jupiter.api.Test;

class LogLevelOptionTest {

  @Test
  void takesTheOptionOffTheCommandLineInBothForms() throws Exception {
    LogLevelOption.Split split = LogLevelOption.split(new String[] {"--port", "0", "--log-level", "DEBUG", "--no-tcp"});
    assertThat(split.level()).isEqualTo("debug");
    assertThat(split.rest()).containsExactly("--port", "0", "--no-tcp");

    split = LogLevelOption.split(new String[] {"--log-level=trace", "--unit", "2"});
    assertThat(split.level()).isEqualTo("trace");
    assertThat(split.rest()).containsExactly("--unit", "2");
  }

  @Test
  void withoutTheOptionTheArgumentsStayAsTheyAre() throws Exception {
    LogLevelOption.Split split = LogLevelOption.split(new String[] {"--port", "5021"});
    assertThat(split.level()).isNull();
    assertThat(split.rest()).containsExactly("--port", "5021");
  }

  @Test
  void everyLevelOfSlf4jSimpleIsAccepted() throws Exception {
    for (String level : LogLevelOption.LEVELS) {
      assertThat(LogLevelOption.split(new String[] {"--log-level", level}).level()).isEqualTo(level);
    }
  }

  @Test
  void helpWinsOverWhatFollowsIt() throws Exception {
    LogLevelOption.Split split = LogLevelOption.split(new String[] {"--help", "--log-level", "loud"});
    assertThat(split.level()).isNull();
    assertThat(split.rest()).containsExactly("--help", "--log-level", "loud");
  }

  @Test
  void badUseIsAUsageErrorNamingTheOption() {
    assertThatThrownBy(() -> LogLevelOption.split(new String[] {"--log-level", "loud"}))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --log-level: 'loud' is not one of error, warn, info, debug, trace, off");
    assertThatThrownBy(() -> LogLevelOption.split(new String[] {"--log-level"}))
        .isInstanceOf(UsageException.class).hasMessage("option --log-level needs a value");
    assertThatThrownBy(() -> LogLevelOption.split(new String[] {"--log-level", "--port", "1"}))
        .isInstanceOf(UsageException.class).hasMessage("option --log-level needs a value");
    assertThatThrownBy(() -> LogLevelOption.split(new String[] {"--log-level", "info", "--log-level=warn"}))
        .isInstanceOf(UsageException.class).hasMessage("option --log-level given more than once");
  }
}
