package dev.modbustoolkit.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the pymodbus client script (src/test/resources/peers/gateway_client.py) against the gateway and returns its
 * {@code name=value} lines; a run is bounded in time (killed and failed after {@link #LIMIT}) and must exit 0.
 *
 * @param values the lines by name, in the order printed
 * @param output the whole output, for failure messages
 */
record PeerScript(Map<String, String> values, String output) {
  static final Duration LIMIT = Duration.ofSeconds(90);

  /** Runs the script with {@code args} after its mode and the gateway's address. */
  static PeerScript run(PeerBus bus, String mode, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(bus.python().toString(),
        bus.resource("gateway_client.py").toString(), mode, "127.0.0.1", String.valueOf(bus.port())));
    command.addAll(List.of(args));
    Tools.Result r = Tools.run(LIMIT, command);
    assertThat(r.exitCode()).as("%s:%n%s", command, r.output()).isZero();
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : r.output().split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new PeerScript(values, r.output());
  }

  /** {@return the value printed for {@code name}}, failing when there is none */
  String get(String name) {
    assertThat(values).as(output).containsKey(name);
    return values.get(name);
  }
}
