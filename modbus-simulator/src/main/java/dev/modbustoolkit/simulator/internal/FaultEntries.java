package dev.modbustoolkit.simulator.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modbustoolkit.fault.config.FaultFileLoader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entries of a fault file's {@code faults} list as JSON text, by id: what the admin API shows of each fault.
 * Only called on text that {@link FaultFileLoader} accepted, so every entry is an object with an id.
 */
public final class FaultEntries {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private FaultEntries() {}

  /**
   * {@return each entry of the file's {@code faults} list as compact JSON, by id, in file order}
   *
   * @param text the fault file's text, already accepted by the loader
   * @param syntax its syntax
   */
  public static Map<String, String> of(String text, FaultFileLoader.Syntax syntax) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      JsonNode root = (syntax == FaultFileLoader.Syntax.JSON ? JSON : YAML).readTree(text);
      for (JsonNode entry : root.path("faults")) {
        out.put(entry.path("id").asText().strip(), JSON.writeValueAsString(entry));
      }
    } catch (JacksonException e) {
      // The loader parsed the same text a moment ago; an error here is a bug, not bad input.
      throw new IllegalStateException("fault file text the loader accepted does not parse: " + e, e);
    }
    return out;
  }
}
