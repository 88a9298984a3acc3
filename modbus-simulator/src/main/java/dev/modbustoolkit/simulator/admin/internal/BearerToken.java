package dev.modbustoolkit.simulator.admin.internal;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * With {@code --admin-token}, every request but {@code GET /health} and the dashboard page's own files must carry
 * {@code Authorization: Bearer TOKEN} (or, for clients that cannot set headers, such as a browser's
 * {@code EventSource}, {@code ?token=TOKEN}); otherwise 401. Compared in constant time.
 *
 * <p>Why the page's files are public: a browser sends no header for a stylesheet or a script, and they hold no data
 * (the page asks the API for everything with the token from its own {@code ?token=}).
 */
public final class BearerToken implements Filter {
  private static final Set<String> PUBLIC =
      Set.of("/health", "/", "/index.html", "/dashboard.js", "/dashboard.css");

  private final byte[] expected;

  /**
   * The filter.
   *
   * @param token the token
   */
  public BearerToken(String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    if (req.prologue().method() == Method.GET && PUBLIC.contains(req.path().path())) {
      chain.proceed();
      return;
    }
    Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
    String given = header.filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7)).map(h -> h.substring(7).strip())
        .orElseGet(() -> req.query().first("token").orElse(null));
    if (given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      chain.proceed();
      return;
    }
    res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
    Json.send(res, 401, java.util.Map.of("error", given == null
        ? "Authorization: a bearer token is required (Authorization: Bearer TOKEN)"
        : "Authorization: the bearer token is wrong"));
  }
}
