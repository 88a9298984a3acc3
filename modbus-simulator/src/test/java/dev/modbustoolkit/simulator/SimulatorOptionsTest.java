package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modbustoolkit.server.tcp.ConnectionLimitPolicy;
import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

  @Test
  void defaultsAreLoopbackPort5020Unit1() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse();
    assertThat(o.bindAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(o.port()).isEqualTo(5020);
    assertThat(o.units()).containsExactly(1);
    assertThat(o.maxConnections()).isEqualTo(10_000);
    assertThat(o.limitPolicy()).isEqualTo(ConnectionLimitPolicy.REFUSE);
    assertThat(o.help()).isFalse();
  }

  @Test
  void parsesEveryOptionInBothSpellings() throws Exception {
    SimulatorOptions o = SimulatorOptions.parse("--bind", "::1", "--port=1502", "--unit", "3", "--unit=1",
        "--max-connections", "5", "--connection-limit-policy", "evict-oldest-idle", "--idle-timeout", "0",
        "--request-timeout=250", "--shutdown-grace", "2");
    assertThat(o.bindAddress()).isEqualTo(InetAddress.getByName("::1"));
    assertThat(o.port()).isEqualTo(1502);
    assertThat(o.units()).containsExactly(1, 3);
    assertThat(o.maxConnections()).isEqualTo(5);
    assertThat(o.limitPolicy()).isEqualTo(ConnectionLimitPolicy.EVICT_OLDEST_IDLE);
    assertThat(o.idleTimeout()).isEqualTo(Duration.ZERO);
    assertThat(o.requestTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(o.shutdownGrace()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void helpWinsOverEverythingElse() throws Exception {
    assertThat(SimulatorOptions.parse("--port", "1", "--help").help()).isTrue();
    assertThat(SimulatorOptions.parse("-h").help()).isTrue();
  }

  @Test
  void theHelpTextDocumentsEveryOption() {
    String usage = SimulatorOptions.usage();
    for (String option : new String[] {"--bind", "--port", "--unit", "--max-connections",
        "--connection-limit-policy", "--idle-timeout", "--request-timeout", "--shutdown-grace", "--help"}) {
      assertThat(usage).contains(option);
    }
  }

  @Test
  void rejectsBadInputWithAMessageNamingTheOption() {
    assertThatThrownBy(() -> SimulatorOptions.parse("--port", "70000"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--port").hasMessageContaining("0..65535");
    assertThatThrownBy(() -> SimulatorOptions.parse("--port", "abc"))
        .isInstanceOf(UsageException.class).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> SimulatorOptions.parse("--port"))
        .isInstanceOf(UsageException.class).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SimulatorOptions.parse("--unit", "0"))
        .isInstanceOf(UsageException.class).hasMessageContaining("1..247");
    assertThatThrownBy(() -> SimulatorOptions.parse("--unit", "248"))
        .isInstanceOf(UsageException.class).hasMessageContaining("1..247");
    assertThatThrownBy(() -> SimulatorOptions.parse("--unit", "2", "--unit", "2"))
        .isInstanceOf(UsageException.class).hasMessageContaining("more than once");
    assertThatThrownBy(() -> SimulatorOptions.parse("--port", "1", "--port", "2"))
        .isInstanceOf(UsageException.class).hasMessageContaining("more than once");
    assertThatThrownBy(() -> SimulatorOptions.parse("--max-connections", "0"))
        .isInstanceOf(UsageException.class).hasMessageContaining("--max-connections");
    assertThatThrownBy(() -> SimulatorOptions.parse("--connection-limit-policy", "drop"))
        .isInstanceOf(UsageException.class).hasMessageContaining("refuse, close-new, evict-oldest-idle");
    assertThatThrownBy(() -> SimulatorOptions.parse("--bind", ""))
        .isInstanceOf(UsageException.class).hasMessageContaining("--bind");
    assertThatThrownBy(() -> SimulatorOptions.parse("--verbose"))
        .isInstanceOf(UsageException.class).hasMessageContaining("unknown option --verbose");
    assertThatThrownBy(() -> SimulatorOptions.parse("5020"))
        .isInstanceOf(UsageException.class).hasMessageContaining("unexpected argument");
  }
}
