package dev.modbustoolkit.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The admin API over real HTTP on loopback, as a test sees it. */
final class AdminClient {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status, body text, and the body as JSON when it is JSON. */
  record Answer(int status, String body, @Nullable String contentType) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    String error() {
      return json().path("error").asText();
    }
  }

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  final URI base;
  private final @Nullable String token;

  AdminClient(Simulator simulator) {
    this(simulator, null);
  }

  AdminClient(Simulator simulator, @Nullable String token) {
    var a = simulator.adminAddress().orElseThrow();
    this.base = URI.create("http://127.0.0.1:" + a.getPort() + "/");
    this.token = token;
  }

  Answer get(String path) throws Exception {
    return send("GET", path, null);
  }

  Answer send(String method, String path, @Nullable String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(null));
  }

  /** The simulator with an admin API on a free loopback port, Modbus TCP on another. */
  static Simulator start(String... args) throws Exception {
    String[] all = new String[args.length + 4];
    all[0] = "--port";
    all[1] = "0";
    all[2] = "--admin";
    all[3] = "0";
    System.arraycopy(args, 0, all, 4, args.length);
    Simulator simulator = new Simulator(SimulatorOptions.parse(all));
    simulator.start();
    return simulator;
  }
}
