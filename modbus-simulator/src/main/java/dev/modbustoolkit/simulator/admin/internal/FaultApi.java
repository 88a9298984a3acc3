package dev.modbustoolkit.simulator.admin.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.modbustoolkit.fault.FaultPipeline;
import dev.modbustoolkit.fault.FaultSpec;
import dev.modbustoolkit.fault.FaultStats;
import dev.modbustoolkit.simulator.FaultCatalog;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Faults, shaped like toxiproxy's API: list, add, read, replace, enable / disable, remove, each with its counters.
 * A fault is shown as the fault-file entry it was given as ({@link FaultCatalog}).
 */
public final class FaultApi {
  private final FaultPipeline pipeline;
  private final FaultCatalog catalog;
  // Serializes changes so the pipeline and the catalog agree (reads need no lock).
  private final Object lock = new Object();

  /**
   * The fault routes.
   *
   * @param pipeline the simulator's pipeline
   * @param catalog the faults' entries
   */
  public FaultApi(FaultPipeline pipeline, FaultCatalog catalog) {
    this.pipeline = pipeline;
    this.catalog = catalog;
  }

  /**
   * Adds the routes.
   *
   * @param routes where
   */
  public void register(Routes routes) {
    routes.add("GET", "/api/faults", this::list)
        .add("POST", "/api/faults", this::add)
        .add("GET", "/api/faults/{id}", this::get)
        .add("PUT", "/api/faults/{id}", this::replace)
        .add("PATCH", "/api/faults/{id}", this::patch)
        .add("DELETE", "/api/faults/{id}", this::delete);
  }

  private void list(ServerRequest req, ServerResponse res) {
    Json.ok(res, pipeline.faults().stream().map(this::view).toList());
  }

  private Map<String, Object> view(FaultSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", spec.id());
    m.put("enabled", pipeline.isEnabled(spec.id()));
    m.put("fault", entry(spec));
    FaultStats s = pipeline.stats(spec.id()).orElse(new FaultStats(spec.id(), 0, 0, null));
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("checks", s.checks());
    stats.put("activations", s.activations());
    stats.put("lastActivation", s.lastActivation() == null ? null : s.lastActivation().toString());
    m.put("stats", stats);
    return m;
  }

  /** Its entry as given; a fault added in Java code has none, so only its id and its description are shown. */
  private JsonNode entry(FaultSpec spec) {
    var text = catalog.entry(spec.id());
    if (text.isPresent()) {
      return Json.parse(text.get());
    }
    ObjectNode o = Json.object();
    o.put("id", spec.id());
    o.set("builtInCode", new TextNode(spec.toString()));
    return o;
  }

  private FaultSpec existing(String id) {
    return pipeline.fault(id).orElseThrow(() -> ApiException.notFound("no fault with id '" + id + "'"));
  }

  private void get(ServerRequest req, ServerResponse res) {
    Json.ok(res, view(existing(Params.path(req, "id"))));
  }

  private void add(ServerRequest req, ServerResponse res) {
    ObjectNode body = Json.body(req);
    if (!body.has("id")) {
      throw ApiException.badField("id", "required");
    }
    FaultSpec spec = FaultEntry.parse(body);
    synchronized (lock) {
      if (pipeline.fault(spec.id()).isPresent()) {
        throw new ApiException(409, "id: a fault with id '" + spec.id() + "' exists (PUT /api/faults/" + spec.id()
            + " replaces it)");
      }
      catalog.put(spec.id(), Json.text(body));
      try {
        pipeline.add(spec);
      } catch (IllegalArgumentException e) {
        catalog.remove(spec.id());
        throw ApiException.badField("body", e.getMessage());
      }
    }
    res.header("Location", "/api/faults/" + spec.id());
    Json.send(res, 201, view(spec));
  }

  private void replace(ServerRequest req, ServerResponse res) {
    String id = Params.path(req, "id");
    existing(id);
    ObjectNode body = Json.body(req);
    JsonNode given = body.get("id");
    if (given == null) {
      body.put("id", id);
    } else if (!given.isTextual() || !given.textValue().strip().equals(id)) {
      throw ApiException.badField("id", given + " is not the id in the path, '" + id + "'");
    }
    FaultSpec spec = FaultEntry.parse(body);
    synchronized (lock) {
      catalog.put(id, Json.text(body));
      if (!pipeline.replace(spec)) {
        catalog.remove(id);
        throw ApiException.notFound("no fault with id '" + id + "'");
      }
    }
    Json.ok(res, view(spec));
  }

  private void patch(ServerRequest req, ServerResponse res) {
    String id = Params.path(req, "id");
    FaultSpec spec = existing(id);
    ObjectNode body = Json.body(req);
    DeviceApi.unknownFields(body, "enabled");
    JsonNode enabled = body.get("enabled");
    if (enabled == null || !enabled.isBoolean()) {
      throw ApiException.badField("enabled", enabled == null ? "required" : "expected true or false, found " + enabled);
    }
    if (!pipeline.setEnabled(id, enabled.booleanValue())) {
      throw ApiException.notFound("no fault with id '" + id + "'");
    }
    Json.ok(res, view(spec));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    String id = Params.path(req, "id");
    synchronized (lock) {
      if (!pipeline.remove(id)) {
        throw ApiException.notFound("no fault with id '" + id + "'");
      }
      catalog.remove(id);
    }
    res.status(204);
    res.send();
  }
}
