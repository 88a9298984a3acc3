package dev.modbustoolkit.simulator.admin.internal;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds routes to Helidon's routing and remembers each (method, path), so a test can hold the routing against the
 * OpenAPI file in both directions.
 */
public final class Routes {
  /** One route. */
  public record Route(String method, String path) {}

  private final HttpRouting.Builder routing;
  private final List<Route> routes = new ArrayList<>();

  /**
   * Routes added to {@code routing}.
   *
   * @param routing Helidon's routing builder
   */
  public Routes(HttpRouting.Builder routing) {
    this.routing = routing;
  }

  /**
   * Adds a route.
   *
   * @param method GET, PUT, POST, PATCH or DELETE
   * @param path a path with {@code {name}} parameters
   * @param handler its handler
   * @return this
   */
  public Routes add(String method, String path, Handler handler) {
    routing.route(Method.create(method), path, handler);
    routes.add(new Route(method, path));
    return this;
  }

  /** {@return every route added, in order} */
  public List<Route> routes() {
    return List.copyOf(routes);
  }
}
