package dev.modbustoolkit.fault.config.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.Scope;
import dev.modbustoolkit.fault.TriggerSpec;
import dev.modbustoolkit.fault.config.FaultFile;
import dev.modbustoolkit.fault.config.FaultFileException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a fault file's tree into {@link FaultFile}; every error names the field it is about. */
public final class FaultFileParser {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private FaultFileParser() {}

  /** Parses {@code text} as JSON or YAML. */
  public static FaultFile parse(String text, boolean json) {
    JsonNode root;
    try {
      root = (json ? JSON : YAML).readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      throw new FaultFileException("", where + "not valid " + (json ? "JSON" : "YAML") + ": "
          + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new FaultFileException("", "the file is empty (expected an object with 'faults')");
    }
    Obj top = Obj.of(root, "");
    Long seed = null;
    var seedNode = top.opt("seed");
    if (seedNode != null) {
      seed = Values.longValue(seedNode, "seed");
    }
    JsonNode list = top.req("faults");
    if (!list.isArray()) {
      throw new FaultFileException("faults", "expected a list of faults, found " + Values.describe(list));
    }
    top.done("the fault file");
    List<FaultSpec> faults = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "faults[" + i + "]";
      FaultSpec spec = fault(Obj.of(list.get(i), path));
      Integer first = seen.putIfAbsent(spec.id(), i);
      if (first != null) {
        throw new FaultFileException(
            path + ".id", "duplicate id '" + spec.id() + "' (also faults[" + first + "])");
      }
      faults.add(spec);
    }
    return new FaultFile(seed, faults);
  }

  private static FaultSpec fault(Obj o) {
    String id = Values.text(o.req("id"), o.pathOf("id")).strip();
    if (id.isEmpty()) {
      throw new FaultFileException(o.pathOf("id"), "must not be empty");
    }
    var action = Actions.parse(Obj.of(o.req("action"), o.pathOf("action")));
    JsonNode triggerNode = o.opt("trigger");
    TriggerSpec trigger =
        triggerNode == null ? TriggerSpec.ALWAYS : Triggers.parse(Obj.of(triggerNode, o.pathOf("trigger")));
    JsonNode scopeNode = o.opt("scope");
    Scope scope = scopeNode == null ? Scope.SERVER : Values.enumValue(scopeNode, o.pathOf("scope"), Scope.class);
    o.done("a fault");
    try {
      return new FaultSpec(id, action, trigger, scope);
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage() == null ? "invalid" : e.getMessage();
      int colon = msg.indexOf(": ");
      // FaultSpec's messages start with the field ("scope: ...", "trigger: ...").
      if (colon > 0 && (msg.startsWith("scope") || msg.startsWith("trigger"))) {
        throw new FaultFileException(o.pathOf(msg.substring(0, colon)), msg.substring(colon + 2), e);
      }
      throw new FaultFileException(o.path(), msg, e);
    }
  }
}
