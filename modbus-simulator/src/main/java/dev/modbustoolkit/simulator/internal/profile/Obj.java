package dev.modbustoolkit.simulator.internal.profile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modbustoolkit.simulator.profile.ProfileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A JSON/YAML object being read: remembers its path for messages and which fields were read, so unknown fields
 * are reported (a typo must not silently drop a setting). The fault-file loader's twin, for profiles.
 */
final class Obj {
  private final JsonNode node;
  private final String path;
  private final Set<String> read = new LinkedHashSet<>();

  private Obj(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  static Obj of(JsonNode node, String path) {
    if (!node.isObject()) {
      throw new ProfileException(path, "expected an object with fields, found " + Values.describe(node));
    }
    return new Obj(node, path);
  }

  String path() {
    return path;
  }

  String pathOf(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  Iterator<String> fieldNames() {
    return node.fieldNames();
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  @Nullable JsonNode opt(String field) {
    read.add(field);
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v;
  }

  JsonNode req(String field) {
    JsonNode v = opt(field);
    if (v == null) {
      throw new ProfileException(pathOf(field), "missing");
    }
    return v;
  }

  /** Fails on fields nobody read. */
  void done(String what) {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!read.contains(f)) {
        unknown.add(f);
      }
    }
    if (!unknown.isEmpty()) {
      String f = unknown.get(0);
      List<String> known = read.stream().filter(k -> !k.equals("type")).toList();
      throw new ProfileException(pathOf(f), "unknown field '" + f + "' for " + what
          + (known.isEmpty() ? " (it has no fields)" : " (known: " + String.join(", ", known) + ")"));
    }
  }
}
