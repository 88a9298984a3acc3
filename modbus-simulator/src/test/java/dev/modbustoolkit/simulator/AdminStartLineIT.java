package dev.modbustoolkit.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The start line says where the admin API listens, and it is there. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminStartLineIT {
  @Test
  void theStartLineNamesTheAdminAddress() throws Exception {
    try (Simulator simulator = AdminClient.start()) {
      var address = simulator.adminAddress().orElseThrow();
      assertThat(address.getAddress().isLoopbackAddress()).isTrue();
      assertThat(address.getPort()).isPositive();
      assertThat(new AdminClient(simulator).get("/health").status()).isEqualTo(200);
    }
    // The CLI prints it: run it on a thread, read the line, then stop it through its own shutdown.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    Thread cli = Thread.ofPlatform().daemon().start(() -> {
      try {
        ModbusSimulator.run(new String[] {"--port", "0", "--admin", "0"}, print, print);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Pattern line = Pattern.compile("Admin API and dashboard on http://127\\.0\\.0\\.1:(\\d+)/");
    Matcher m = line.matcher("");
    for (int i = 0; i < 600 && !m.reset(out.toString(StandardCharsets.UTF_8)).find(); i++) {
      Thread.sleep(100);
    }
    assertThat(m.find(0)).as(out.toString(StandardCharsets.UTF_8)).isTrue();
    cli.interrupt();
  }
}
