package dev.modbustoolkit.simulator.admin;

import dev.modbustoolkit.simulator.AdminOptions;
import dev.modbustoolkit.simulator.Simulator;
import dev.modbustoolkit.simulator.admin.internal.ApiException;
import dev.modbustoolkit.simulator.admin.internal.BearerToken;
import dev.modbustoolkit.simulator.admin.internal.DeviceApi;
import dev.modbustoolkit.simulator.admin.internal.EventsApi;
import dev.modbustoolkit.simulator.admin.internal.FaultApi;
import dev.modbustoolkit.simulator.admin.internal.Json;
import dev.modbustoolkit.simulator.admin.internal.MetricsApi;
import dev.modbustoolkit.simulator.admin.internal.Routes;
import dev.modbustoolkit.simulator.admin.internal.SystemApi;
import dev.modbustoolkit.simulator.admin.internal.WriteEvents;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.staticcontent.ClasspathHandlerConfig;
import io.helidon.webserver.staticcontent.StaticContentFeature;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API and dashboard of a running {@link Simulator}: Helidon SE's web server (one virtual thread per
 * request) on {@link AdminOptions#bindAddress()}, port {@link AdminOptions#port()}. The simulator starts and stops
 * it; {@link Simulator#adminAddress()} says where it listens.
 */
public final class AdminServer implements AutoCloseable {
  /** Where the dashboard's static files are on the class path. */
  public static final String DASHBOARD = "dev/modbustoolkit/simulator/dashboard";

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

  private final WebServer server;
  private final EventsApi events;
  private final List<Route> routes;
  private final InetSocketAddress address;

  /**
   * A route of the API, as registered.
   *
   * @param method the HTTP method
   * @param path the path pattern, parameters in braces
   */
  public record Route(String method, String path) {}

  private AdminServer(Simulator simulator, AdminHooks hooks, AdminOptions options) {
    HttpRouting.Builder routing = HttpRouting.builder();
    String token = options.token();
    if (token != null) {
      routing.addFilter(new BearerToken(token));
    }
    Routes r = new Routes(routing);
    new SystemApi(simulator, hooks.requests()).register(r);
    new DeviceApi(simulator).register(r);
    new FaultApi(simulator.faults(), simulator.faultCatalog()).register(r);
    new MetricsApi(simulator, hooks.requests(), hooks.events()).register(r);
    this.events = new EventsApi(hooks.events(), simulator.faults());
    events.register(r);
    hooks.events().watch(new WriteEvents(simulator.device(), hooks.events()));
    List<Route> all = new java.util.ArrayList<>(r.routes().stream().map(x -> new Route(x.method(), x.path())).toList());
    all.add(new Route("GET", "/"));
    this.routes = List.copyOf(all);
    routing.any("/api/*", (req, res) -> Json.send(res, 404,
        Map.of("error", "no such endpoint: " + req.prologue().method().text() + " " + req.path().path())));
    routing.register("/", StaticContentFeature.createService(ClasspathHandlerConfig.builder()
        .location(DASHBOARD)
        .classLoader(AdminServer.class.getClassLoader())
        .welcome("index.html")
        .build()));
    routing.error(ApiException.class, (req, res, e) -> Json.send(res, e.status(), Map.of("error", e.getMessage())));
    routing.error(io.helidon.http.HttpException.class, (req, res, e) -> Json.send(res, e.status().code(),
        Map.of("error", e.getMessage() + ": " + req.prologue().method().text() + " " + req.path().path())));
    routing.error(RuntimeException.class, (req, res, e) -> {
      LOG.warn("admin API: {} {} failed", req.prologue().method().text(), req.path().path(), e);
      Json.send(res, 500, Map.of("error", "internal error: " + e));
    });
    this.server = WebServer.builder()
        .address(options.bindAddress())
        .port(options.port())
        .shutdownHook(false)
        .shutdownGracePeriod(Duration.ofMillis(500))
        .routing(routing)
        .build()
        .start();
    this.address = new InetSocketAddress(options.bindAddress(), server.port());
  }

  /**
   * Starts the admin server of a simulator.
   *
   * @param simulator the simulator, built with these hooks
   * @param hooks the hooks its dispatchers and servers report to
   * @param options where to listen, and the token
   * @return the running server
   * @throws RuntimeException when it cannot listen (Helidon's exception, e.g. the port is taken)
   */
  public static AdminServer start(Simulator simulator, AdminHooks hooks, AdminOptions options) {
    return new AdminServer(Objects.requireNonNull(simulator, "simulator"), Objects.requireNonNull(hooks, "hooks"),
        Objects.requireNonNull(options, "options"));
  }

  /** {@return where it listens, with the real port when port 0 was asked for} */
  public InetSocketAddress address() {
    return address;
  }

  /** {@return every API route (method and path pattern), in registration order, then the dashboard's {@code GET /}} */
  public List<Route> routes() {
    return routes;
  }

  /** Stops the server: open event streams end, then the listener closes. */
  @Override
  public void close() {
    events.close();
    server.stop();
  }
}
