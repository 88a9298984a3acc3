package dev.modbustoolkit.simulator.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas (schema/profile.schema.json, schema/faults.schema.json on the class path) accept every
 * example file, which the loader accepts too, and refuse what the loader refuses for the same reason.
 */
class ProfileSchemaTest {
  static final Path EXAMPLES = Path.of("examples");
  private static final YAMLMapper YAML = new YAMLMapper();

  static Schema schema(String name) throws Exception {
    try (InputStream in = ProfileSchemaTest.class.getResourceAsStream("/schema/" + name)) {
      assertThat(in).as(name + " on the class path").isNotNull();
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  static Stream<Path> profiles() throws Exception {
    return Files.list(EXAMPLES).filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("faults.yaml")).sorted();
  }

  @Test
  void everyExampleProfileIsFound() throws Exception {
    assertThat(profiles().map(p -> p.getFileName().toString()))
        .contains("energy-meter.yaml", "tank.yaml", "pumping-station.yaml");
  }

  @ParameterizedTest
  @MethodSource("profiles")
  void examplesMatchTheProfileSchemaAndLoad(Path file) throws Exception {
    JsonNode tree = YAML.readTree(Files.readString(file));
    List<Error> errors = schema("profile.schema.json").validate(tree);
    assertThat(errors).as(file.toString()).isEmpty();
    assertThat(ProfileLoader.load(file).units()).isNotEmpty();
  }

  @Test
  void theExampleFaultFileMatchesTheFaultSchema() throws Exception {
    JsonNode tree = YAML.readTree(Files.readString(EXAMPLES.resolve("faults.yaml")));
    assertThat(schema("faults.schema.json").validate(tree)).isEmpty();
  }

  @Test
  void theSchemasRefuseWhatTheLoaderRefuses() throws Exception {
    Schema profile = schema("profile.schema.json");
    String[] bad = {
        "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: float}]}]",
        "units: [{id: 1, points: [{name: a, table: coils, address: 0, type: uint16}]}]",
        "units: [{id: 1, points: [{name: a, table: holding-registers, address: 0, type: string}]}]",
        "units: [{id: 1, colour: red}]",
        "units: [{id: 300}]",
        "units: [{id: 1, points: [{name: a, table: input-registers, address: 0, type: uint16,"
            + " value: {type: sine, min: 0}}]}]",
        "units: [{id: 1, map: m, points: []}]\nmaps: {m: {}}",
        "units: []",
    };
    for (String text : bad) {
      assertThat(profile.validate(YAML.readTree(text))).as(text).isNotEmpty();
    }
    Schema faults = schema("faults.schema.json");
    assertThat(faults.validate(YAML.readTree("faults: [{id: a, action: {type: dealy}}]"))).isNotEmpty();
    assertThat(faults.validate(YAML.readTree("faults: [{id: a, action: {type: delay}, trigger: {often: 1}}]")))
        .isNotEmpty();
  }
}
