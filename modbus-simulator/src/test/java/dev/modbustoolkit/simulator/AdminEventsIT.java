package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /events (server-sent events), /metrics (Prometheus text) and the OpenAPI file against the routing. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminEventsIT {

  /** Reads SSE lines until an event of {@code name} arrives; its data. */
  private static JsonNode awaitEvent(BufferedReader sse, String name) throws Exception {
    String event = null;
    for (String line = sse.readLine(); line != null; line = sse.readLine()) {
      if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:") && name.equals(event)) {
        return AdminClient.JSON.readTree(line.substring(5).strip());
      } else if (line.isEmpty()) {
        event = null;
      }
    }
    throw new AssertionError("the stream ended before a '" + name + "' event");
  }

  @Test
  void theEventStreamShowsConnectionsWritesRequestsAndFaults() throws Exception {
    try (Simulator simulator = AdminClient.start("--profile", "examples/energy-meter.yaml")) {
      AdminClient api = new AdminClient(simulator);
      HttpResponse<InputStream> stream = api.http.send(HttpRequest.newBuilder(api.base.resolve("events"))
          .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      try (BufferedReader sse = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
        // the subscription is made when the first line (a comment) has been sent
        assertThat(sse.readLine()).startsWith(":");
        api.send("POST", "/api/faults", "{\"id\":\"every-read\",\"action\":{\"type\":\"delay\",\"base\":\"1ms\"},"
            + "\"trigger\":{\"functionCodes\":[\"read-holding-registers\"]}}");
        int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.setSoTimeout(10_000);
          JsonNode open = awaitEvent(sse, "connection");
          assertThat(open.path("state").asText()).isEqualTo("open");
          assertThat(open.path("transport").asText()).isEqualTo("tcp");
          assertThat(open.path("peer").asText()).isEqualTo("127.0.0.1:" + s.getLocalPort());
          assertThat(exchange(s.getOutputStream(), s.getInputStream(), mbap(1, 1, "10 0100 0002 04 0001 0002"), 12))
              .isEqualTo(hex("0001 0000 0006 01 10 0100 0002"));
          JsonNode write = awaitEvent(sse, "write");
          assertThat(write.path("unit").asInt()).isEqualTo(1);
          assertThat(write.path("table").asText()).isEqualTo("holding-registers");
          assertThat(write.path("address").asInt()).isEqualTo(256);
          assertThat(write.path("count").asInt()).isEqualTo(2);
          exchange(s.getOutputStream(), s.getInputStream(), mbap(2, 1, "03 0000 0001"), 11);
          JsonNode request = awaitEvent(sse, "request");
          while (request.path("functionCode").asInt() != 3) {
            request = awaitEvent(sse, "request"); // the write's came first
          }
          assertThat(request.path("unit").asInt()).isEqualTo(1);
          assertThat(request.path("outcome").asText()).isEqualTo("ok");
          assertThat(request.path("faults")).isEmpty();
          // The delay fired on the device's answer: the same request again, with the fault that changed it.
          JsonNode amended = awaitEvent(sse, "request-amended");
          assertThat(amended.path("seq").asLong()).isEqualTo(request.path("seq").asLong());
          assertThat(amended.path("functionCode").asInt()).isEqualTo(3);
          assertThat(amended.path("faults").toString()).isEqualTo("[\"every-read\"]");
          assertThat(amended.path("answeredBy").asText()).isEqualTo("device");
          assertThat(amended.path("delivered").asBoolean()).isTrue();
          // The fault watcher polls the counters: it reports the first read's activation if it looked after it,
          // else a later read's; the loop sends reads until it has.
          JsonNode fault = null;
          for (int i = 3; fault == null && i < 200; i++) {
            exchange(s.getOutputStream(), s.getInputStream(), mbap(i, 1, "03 0000 0001"), 11);
            fault = awaitFaultOrNull(sse);
          }
          assertThat(fault).isNotNull();
          assertThat(fault.path("id").asText()).isEqualTo("every-read");
          assertThat(fault.path("activations").asLong()).isPositive();
        }
        assertThat(awaitEvent(sse, "connection").path("state").asText()).isEqualTo("closed");
      }
    }
  }

  /** The next fault event, or null when a request event comes first (the watcher has not looked yet). */
  private static JsonNode awaitFaultOrNull(BufferedReader sse) throws Exception {
    String event = null;
    for (String line = sse.readLine(); line != null; line = sse.readLine()) {
      if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:") && "fault".equals(event)) {
        return AdminClient.JSON.readTree(line.substring(5).strip());
      } else if (line.startsWith(":")) {
        return null; // a keep-alive: nothing more is coming for now
      }
    }
    throw new AssertionError("the stream ended");
  }

  @Test
  void metricsCountRequestsByFunctionCodeUnitAndOutcome() throws Exception {
    try (Simulator simulator = AdminClient.start("--profile", "examples/energy-meter.yaml")) {
      AdminClient api = new AdminClient(simulator);
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        for (int i = 1; i <= 3; i++) {
          exchange(s.getOutputStream(), s.getInputStream(), mbap(i, 1, "03 0000 0001"), 11);
        }
        exchange(s.getOutputStream(), s.getInputStream(), mbap(9, 1, "03 003F 0002"), 9); // exception 02
        AdminClient.Answer m = api.get("/metrics");
        assertThat(m.status()).isEqualTo(200);
        assertThat(m.contentType()).startsWith("text/plain; version=0.0.4");
        Map<String, Double> samples = new java.util.HashMap<>();
        Pattern line = Pattern.compile("^([a-z_]+)(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(m.body());
        while (matcher.find()) {
          samples.put(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)),
              Double.parseDouble(matcher.group(3)));
        }
        assertThat(samples).containsEntry(
            "modbus_requests_total{function_code=\"3\",outcome=\"ok\",transport=\"tcp\",unit=\"1\"}", 3.0);
        assertThat(samples).containsEntry(
            "modbus_requests_total{function_code=\"3\",outcome=\"exception\",transport=\"tcp\",unit=\"1\"}", 1.0);
        assertThat(samples).containsEntry("modbus_exceptions_total{exception_code=\"2\",transport=\"tcp\"}", 1.0);
        assertThat(samples).containsEntry("modbus_connections{transport=\"tcp\"}", 1.0);
        assertThat(samples.get("modbus_request_duration_seconds_count")).isEqualTo(4.0);
        assertThat(samples.get("modbus_bytes_received_total{transport=\"tcp\"}")).isGreaterThanOrEqualTo(48.0);
      }
    }
  }

  @Test
  void everyPathOfTheOpenApiFileIsRoutedAndEveryRouteIsInTheFile() throws Exception {
    try (Simulator simulator = AdminClient.start()) {
      AdminClient api = new AdminClient(simulator);
      AdminClient.Answer file = api.get("/openapi.yaml");
      assertThat(file.status()).isEqualTo(200);
      JsonNode doc = new YAMLMapper().readTree(file.body());
      assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
      Set<String> documented = new TreeSet<>();
      doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
        if (Set.of("get", "put", "post", "patch", "delete").contains(op.getKey())) {
          documented.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
        }
      }));
      Set<String> routed = new TreeSet<>();
      simulator.adminServer().orElseThrow().routes().forEach(r -> routed.add(r.method() + " " + r.path()));
      assertThat(routed).isEqualTo(documented);
      // and each is really served: no route-level 404 / 405 for any of them, with sample parameters
      Set<String> unserved = new HashSet<>();
      for (String route : documented) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{unit}", "1").replace("{name}", "nope")
            .replace("{table}", "coils").replace("{id}", "nope");
        if (path.equals("/events") || path.equals("/")) {
          // a stream, checked in its own test; the dashboard's static files (AdminApiIT serves a fixture of the
          // same class path folder; the dashboard's own IT loads index.html)
          continue;
        }
        AdminClient.Answer a = api.send(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
        if (a.status() == 405 || a.body().contains("no such endpoint") || a.body().contains("Endpoint not found")) {
          unserved.add(route + " -> " + a.status() + " " + a.body());
        }
      }
      assertThat(unserved).isEmpty();
    }
  }
}
