package dev.modbustoolkit.simulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FaultStats;
import dev.modbustoolkit.fault.config.FaultFile;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultSummaryTest {

  /** The summary names each action as a fault file does, so a user can find it in the file. */
  @Test
  void everyActionTypeIsNamedAsInTheFaultFile() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("delay", "");
    fields.put("no-response", "");
    fields.put("late-response", ", after: 1s");
    fields.put("exception", ", code: 4");
    fields.put("duplicate", "");
    fields.put("wrong-transaction-id", "");
    fields.put("wrong-unit-id", "");
    fields.put("wrong-function-code", "");
    fields.put("wrong-byte-count", "");
    fields.put("wrong-mbap-length", "");
    fields.put("truncate", "");
    fields.put("extra-bytes", ", bytes: '00'");
    fields.put("split", ", parts: 2");
    fields.put("raw", ", bytes: '00'");
    fields.put("corrupt-crc", "");
    fields.put("partial-frame", "");
    fields.put("inter-character-gap", ", position: 1");
    fields.put("inter-frame-violation", "");
    fields.put("garbage", ", random: 2");
    fields.put("byte-jitter", ", max: 1ms");
    fields.put("close", "");
    fields.put("drop-mid-frame", "");
    fields.put("reset-after-partial", "");
    fields.put("hold-open", "");
    fields.put("idle-close", ", after: 1s");
    fields.put("connection-limit", ", max: 1");
    fields.put("one-request-at-a-time", "");
    StringBuilder yaml = new StringBuilder("faults:\n");
    fields.forEach((type, extra) ->
        yaml.append("  - {id: ").append(type).append(", action: {type: ").append(type).append(extra).append("}}\n"));
    List<FaultSpec> faults = FaultFileLoader.parseYaml(yaml.toString()).faults();
    assertThat(faults).hasSize(27);
    for (FaultSpec f : faults) {
      assertThat(FaultSummary.typeName(f.action())).as(f.id()).isEqualTo(f.id());
    }
  }

  @Test
  void syntaxFollowsTheExtensionThenTheContent() {
    assertThat(FaultFiles.syntaxOf(Path.of("a.JSON"), "x: 1")).isEqualTo(FaultFileLoader.Syntax.JSON);
    assertThat(FaultFiles.syntaxOf(Path.of("a.yaml"), "{}")).isEqualTo(FaultFileLoader.Syntax.YAML);
    assertThat(FaultFiles.syntaxOf(Path.of("a.yml"), "{}")).isEqualTo(FaultFileLoader.Syntax.YAML);
    assertThat(FaultFiles.syntaxOf(Path.of("faults"), "\uFEFF \n{\"faults\": []}")).isEqualTo(FaultFileLoader.Syntax.JSON);
    assertThat(FaultFiles.syntaxOf(Path.of("faults.txt"), "faults: []")).isEqualTo(FaultFileLoader.Syntax.YAML);
  }

  @Test
  void aFileWithoutFaultsSaysSo() {
    FaultFile empty = new FaultFile(3L, List.of());
    assertThat(FaultSummary.line(new dev.modbustoolkit.simulator.FaultOptions(Path.of("x.yaml"), empty, 3,
        dev.modbustoolkit.simulator.FaultOptions.SeedSource.FILE)))
        .isEqualTo("Faults: none in x.yaml, seed 3 (from the file)");
  }

  @Test
  void firedListsOnlyTheFaultsThatFiredInTheirOrder() {
    List<FaultStats> stats = List.of(new FaultStats("slow", 10, 0, null),
        new FaultStats("silent", 4, 2, Instant.EPOCH), new FaultStats("busy", 3, 1, Instant.EPOCH));
    assertThat(FaultSummary.fired(stats)).isEqualTo("silent 2, busy 1");
    assertThat(FaultSummary.fired(List.of(new FaultStats("slow", 10, 0, null)))).isEmpty();
  }
}
