package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** --admin, --admin-bind, --admin-token: parsed, defaulted, and bad values exit 2 naming the option. */
class AdminOptionsTest {

  private static String refused(String... args) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = ModbusSimulator.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(ModbusSimulator.EXIT_USAGE);
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutAdminThereIsNone() throws Exception {
    assertThat(SimulatorOptions.parse().admin()).isNull();
  }

  @Test
  void adminDefaultsToLoopbackWithoutAToken() throws Exception {
    AdminOptions a = SimulatorOptions.parse("--admin", "8080").admin();
    assertThat(a).isEqualTo(new AdminOptions(8080, InetAddress.getLoopbackAddress(), null));
    AdminOptions b = SimulatorOptions.parse("--admin=0", "--admin-bind", "::1", "--admin-token", "t0k3n").admin();
    assertThat(b.port()).isZero();
    assertThat(b.bindAddress()).isEqualTo(InetAddress.getByName("::1"));
    assertThat(b.token()).isEqualTo("t0k3n");
  }

  @Test
  void badValuesExitWithStatus2NamingTheOption() throws Exception {
    assertThat(refused("--admin", "70000")).contains("option --admin: 70000 is out of range 0..65535");
    assertThat(refused("--admin", "web")).contains("option --admin: 'web' is not a whole number");
    assertThat(refused("--admin")).contains("option --admin needs a value");
    assertThat(refused("--admin", "0", "--admin-bind", "")).contains("option --admin-bind: the address is empty");
    assertThat(refused("--admin", "0", "--admin-token", "a b")).contains("option --admin-token: ");
    assertThat(refused("--admin-token", "x")).contains("option --admin-token sets up the admin API: add --admin PORT");
    assertThat(refused("--admin-bind", "0.0.0.0")).contains("option --admin-bind sets up the admin API");
  }

  @Test
  void helpSaysWhereTheAdminApiListens() throws Exception {
    assertThat(SimulatorOptions.usage()).contains("--admin PORT").contains("--admin-bind ADDRESS")
        .contains("--admin-token TOKEN").contains("/metrics");
  }

  @Test
  void theRecordChecksItsValues() {
    assertThatThrownBy(() -> new AdminOptions(-1, InetAddress.getLoopbackAddress(), null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("admin port");
    assertThatThrownBy(() -> new AdminOptions(1, InetAddress.getLoopbackAddress(), " "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
  }
}
