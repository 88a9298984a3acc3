package dev.modbustoolkit.simulator.admin.internal;

import dev.modbustoolkit.simulator.ReloadException;
import dev.modbustoolkit.simulator.ReloadResult;
import dev.modbustoolkit.simulator.Simulator;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /health}, {@code /api/requests/recent}, {@code /api/reload} and {@code /openapi.yaml}. */
public final class SystemApi {
  /** Where the OpenAPI description lives on the class path (the simulator module's own resource). */
  public static final String OPENAPI = "/dev/modbustoolkit/simulator/admin/openapi.yaml";

  private final Simulator simulator;
  private final RequestLog log;

  /**
   * The routes.
   *
   * @param simulator the simulator
   * @param log its request log
   */
  public SystemApi(Simulator simulator, RequestLog log) {
    this.simulator = simulator;
    this.log = log;
  }

  /**
   * Adds the routes.
   *
   * @param routes where
   */
  public void register(Routes routes) {
    routes.add("GET", "/health", (req, res) -> Json.ok(res, Map.of("status", "UP")))
        .add("GET", "/api/requests/recent", this::recent)
        .add("POST", "/api/reload", this::reload)
        .add("GET", "/openapi.yaml", this::openApi);
  }

  private void recent(ServerRequest req, ServerResponse res) {
    int limit = Params.queryInt(req, "limit", 1, RequestLog.CAPACITY, RequestLog.CAPACITY);
    Json.ok(res, log.recent(limit).stream().map(RequestRecord::toJson).toList());
  }

  private void reload(ServerRequest req, ServerResponse res) {
    ReloadResult r;
    try {
      r = simulator.reload();
    } catch (ReloadException e) {
      throw new ApiException(e.reason() == ReloadException.Reason.BAD_FILE ? 400 : 409, e.getMessage());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("faults", r.faults() < 0 ? null : r.faults());
    body.put("profile", Names.of(r.profile()));
    Json.ok(res, body);
  }

  private void openApi(ServerRequest req, ServerResponse res) {
    byte[] yaml;
    try (InputStream in = SystemApi.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw ApiException.notFound("openapi.yaml is missing from the simulator's jar");
      }
      yaml = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
    res.send(yaml);
  }
}
