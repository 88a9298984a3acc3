package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Faults through the admin API (toxiproxy-shaped), the bearer token, and reload without dropping connections. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminFaultsIT {
  private static final String FAULTS = """
      seed: 1
      faults:
        - id: slow
          action: {type: delay, base: 1ms}
          trigger: {functionCodes: [write-single-register]}
      """;

  @TempDir
  Path dir;

  /** The top-level ids of a fault list (each entry repeats its id inside "fault"). */
  private static java.util.List<String> ids(JsonNode list) {
    java.util.List<String> out = new java.util.ArrayList<>();
    list.forEach(f -> out.add(f.path("id").asText()));
    return out;
  }

  private Path faultFile() throws Exception {
    Path f = dir.resolve("faults.yaml");
    Files.writeString(f, FAULTS);
    return f;
  }

  @Test
  void faultsAreListedAddedReadReplacedSwitchedAndRemoved() throws Exception {
    try (Simulator simulator = AdminClient.start("--faults", faultFile().toString())) {
      AdminClient api = new AdminClient(simulator);
      JsonNode list = api.get("/api/faults").json();
      assertThat(list.size()).isEqualTo(1);
      JsonNode slow = list.get(0);
      assertThat(slow.path("id").asText()).isEqualTo("slow");
      assertThat(slow.path("enabled").asBoolean()).isTrue();
      // the fault file's own entry, as JSON
      assertThat(slow.path("fault").toString())
          .isEqualTo("{\"id\":\"slow\",\"action\":{\"type\":\"delay\",\"base\":\"1ms\"},"
              + "\"trigger\":{\"functionCodes\":[\"write-single-register\"]}}");
      assertThat(slow.path("stats").path("checks").asLong()).isZero();
      assertThat(slow.path("stats").path("lastActivation").isNull()).isTrue();

      String entry = "{\"id\":\"busy\",\"action\":{\"type\":\"exception\",\"code\":\"server-device-busy\"}}";
      AdminClient.Answer added = api.send("POST", "/api/faults", entry);
      assertThat(added.status()).isEqualTo(201);
      assertThat(added.json().path("fault").toString()).isEqualTo(entry);
      assertThat(api.send("POST", "/api/faults", entry).status()).isEqualTo(409);
      assertThat(api.send("POST", "/api/faults", entry).error()).startsWith("id: ").contains("'busy'");
      assertThat(ids(api.get("/api/faults").json())).containsExactly("slow", "busy");

      AdminClient.Answer patched = api.send("PATCH", "/api/faults/slow", "{\"enabled\": false}");
      assertThat(patched.status()).isEqualTo(200);
      assertThat(patched.json().path("enabled").asBoolean()).isFalse();
      assertThat(simulator.faults().isEnabled("slow")).isFalse();
      // disabled, it keeps its place
      assertThat(ids(api.get("/api/faults").json())).containsExactly("slow", "busy");

      AdminClient.Answer replaced = api.send("PUT", "/api/faults/slow",
          "{\"action\":{\"type\":\"delay\",\"base\":\"2ms\"}}");
      assertThat(replaced.status()).isEqualTo(200);
      assertThat(replaced.json().path("fault").path("action").path("base").asText()).isEqualTo("2ms");
      assertThat(replaced.json().path("enabled").asBoolean()).isFalse();
      assertThat(api.get("/api/faults/slow").json().path("fault").path("id").asText()).isEqualTo("slow");

      AdminClient.Answer deleted = api.send("DELETE", "/api/faults/busy", null);
      assertThat(deleted.status()).isEqualTo(204);
      assertThat(api.get("/api/faults/busy").status()).isEqualTo(404);
      assertThat(api.get("/api/faults/busy").error()).isEqualTo("no fault with id 'busy'");
      assertThat(api.send("DELETE", "/api/faults/busy", null).status()).isEqualTo(404);
      assertThat(api.send("PATCH", "/api/faults/busy", "{\"enabled\": true}").status()).isEqualTo(404);
    }
  }

  @Test
  void badFaultsAnswer400NamingTheFieldOfTheBody() throws Exception {
    try (Simulator simulator = AdminClient.start()) {
      AdminClient api = new AdminClient(simulator);
      AdminClient.Answer base = api.send("POST", "/api/faults", "{\"id\":\"d\",\"action\":{\"type\":\"delay\",\"base\":\"soon\"}}");
      assertThat(base.status()).isEqualTo(400);
      assertThat(base.error()).startsWith("action.base: ");
      AdminClient.Answer type = api.send("POST", "/api/faults", "{\"id\":\"d\",\"action\":{\"type\":\"explode\"}}");
      assertThat(type.status()).isEqualTo(400);
      assertThat(type.error()).startsWith("action.type: ");
      AdminClient.Answer noId = api.send("POST", "/api/faults", "{\"action\":{\"type\":\"no-response\"}}");
      assertThat(noId.status()).isEqualTo(400);
      assertThat(noId.error()).isEqualTo("id: required");
      AdminClient.Answer extra = api.send("POST", "/api/faults", "{\"id\":\"d\",\"action\":{\"type\":\"no-response\"},\"when\":1}");
      assertThat(extra.status()).isEqualTo(400);
      assertThat(extra.error()).contains("when");
      assertThat(api.send("POST", "/api/faults", "[1]").error()).startsWith("body: expected a JSON object");
      api.send("POST", "/api/faults", "{\"id\":\"d\",\"action\":{\"type\":\"no-response\"}}");
      AdminClient.Answer otherId = api.send("PUT", "/api/faults/d", "{\"id\":\"e\",\"action\":{\"type\":\"no-response\"}}");
      assertThat(otherId.status()).isEqualTo(400);
      assertThat(otherId.error()).startsWith("id: ");
      AdminClient.Answer enabled = api.send("PATCH", "/api/faults/d", "{\"enabled\": \"no\"}");
      assertThat(enabled.status()).isEqualTo(400);
      assertThat(enabled.error()).startsWith("enabled: expected true or false");
      assertThat(simulator.faults().faults()).hasSize(1);
    }
  }

  @Test
  void aFaultSwitchedOnThroughTheApiChangesTheWireAndSwitchedOffStops() throws Exception {
    try (Simulator simulator = AdminClient.start()) {
      AdminClient api = new AdminClient(simulator);
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        byte[] normal = hex("0001 0000 0005 01 03 02 0000");
        assertThat(exchange(out, in, mbap(1, 1, "03 0000 0001"), 11)).isEqualTo(normal);
        api.send("POST", "/api/faults", "{\"id\":\"busy\",\"action\":{\"type\":\"exception\",\"code\":\"server-device-busy\"},"
            + "\"trigger\":{\"functionCodes\":[\"read-holding-registers\"]}}");
        // on the same connection: exception 06
        assertThat(exchange(out, in, mbap(2, 1, "03 0000 0001"), 9)).isEqualTo(hex("0002 0000 0003 01 83 06"));
        assertThat(api.send("PATCH", "/api/faults/busy", "{\"enabled\": false}").status()).isEqualTo(200);
        assertThat(exchange(out, in, mbap(3, 1, "03 0000 0001"), 11)).isEqualTo(hex("0003 0000 0005 01 03 02 0000"));
        JsonNode stats = api.get("/api/faults/busy").json().path("stats");
        assertThat(stats.path("activations").asLong()).isEqualTo(1);
        assertThat(stats.path("checks").asLong()).isEqualTo(1);
        assertThat(stats.path("lastActivation").asText()).endsWith("Z");
        api.send("PATCH", "/api/faults/busy", "{\"enabled\": true}");
        assertThat(exchange(out, in, mbap(4, 1, "03 0000 0001"), 9)).isEqualTo(hex("0004 0000 0003 01 83 06"));
        // The device answered 2 of the 4 reads, the fault the other 2: the device counts no exception for them.
        JsonNode counters = api.get("/api/device").json().path("counters");
        assertThat(counters.path("faultsFired").asLong()).isEqualTo(2);
        assertThat(counters.path("exceptions").asLong()).isZero();
        // The request log shows all four, the fault's answers marked as the fault's.
        JsonNode recent = api.get("/api/requests/recent?limit=4").json();
        assertThat(recent.size()).isEqualTo(4);
        for (int i : new int[] {0, 2}) {
          assertThat(recent.get(i).path("answeredBy").asText()).isEqualTo("fault");
          assertThat(recent.get(i).path("faults").toString()).isEqualTo("[\"busy\"]");
          assertThat(recent.get(i).path("outcome").asText()).isEqualTo("exception");
          assertThat(recent.get(i).path("exceptionCode").asInt()).isEqualTo(6);
          assertThat(recent.get(i).path("functionCode").asInt()).isEqualTo(3);
        }
        for (int i : new int[] {1, 3}) {
          assertThat(recent.get(i).path("answeredBy").asText()).isEqualTo("device");
          assertThat(recent.get(i).path("faults").toString()).isEqualTo("[]");
          assertThat(recent.get(i).path("outcome").asText()).isEqualTo("ok");
        }
      }
    }
  }

  @Test
  void anAnswerAFaultDropsAfterTheDeviceGaveItIsLoggedAsTheDevicesAndUndelivered() throws Exception {
    try (Simulator simulator = AdminClient.start()) {
      AdminClient api = new AdminClient(simulator);
      api.send("POST", "/api/faults", "{\"id\":\"lost\",\"action\":{\"type\":\"no-response\",\"execute\":true},"
          + "\"trigger\":{\"functionCodes\":[\"write-single-register\"]}}");
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(mbap(1, 1, "06 0004 1234"));
        // The write's answer is lost; the read after it shows the write was executed.
        assertThat(exchange(out, in, mbap(2, 1, "03 0004 0001"), 11)).isEqualTo(hex("0002 0000 0005 01 03 02 1234"));
      }
      JsonNode recent = api.get("/api/requests/recent?limit=2").json();
      assertThat(recent.get(0).path("functionCode").asInt()).isEqualTo(3);
      assertThat(recent.get(0).path("delivered").asBoolean()).isTrue();
      assertThat(recent.get(0).path("faults").toString()).isEqualTo("[]");
      JsonNode write = recent.get(1);
      assertThat(write.path("functionCode").asInt()).isEqualTo(6);
      assertThat(write.path("answeredBy").asText()).isEqualTo("device");
      assertThat(write.path("outcome").asText()).isEqualTo("ok");
      assertThat(write.path("faults").toString()).isEqualTo("[\"lost\"]");
      assertThat(write.path("delivered").asBoolean()).as(write.toString()).isFalse();
    }
  }

  @Test
  void withATokenEveryRequestButHealthNeedsIt() throws Exception {
    try (Simulator simulator = AdminClient.start("--admin-token", "s3cret")) {
      AdminClient anonymous = new AdminClient(simulator);
      assertThat(anonymous.get("/health").status()).isEqualTo(200);
      AdminClient.Answer refused = anonymous.get("/api/device");
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.error()).startsWith("Authorization: ");
      assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
      assertThat(new AdminClient(simulator, "wrong").get("/api/faults").status()).isEqualTo(401);
      assertThat(new AdminClient(simulator, "s3cret").get("/api/device").status()).isEqualTo(200);
      assertThat(anonymous.get("/api/device?token=s3cret").status()).isEqualTo(200);
      // The page's own files hold no data, and a browser sends no header for a stylesheet or a script.
      for (String file : List.of("/", "/dashboard.js", "/dashboard.css")) {
        assertThat(anonymous.get(file).status()).as(file).isEqualTo(200);
      }
      assertThat(anonymous.get("/openapi.yaml").status()).isEqualTo(401);
    }
  }

  @Test
  void reloadReplacesTheFaultsAndKeepsConnections() throws Exception {
    Path faults = faultFile();
    try (Simulator simulator = AdminClient.start("--faults", faults.toString())) {
      AdminClient api = new AdminClient(simulator);
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        assertThat(exchange(out, in, mbap(1, 1, "03 0000 0001"), 11)).isEqualTo(hex("0001 0000 0005 01 03 02 0000"));
        Files.writeString(faults, """
            faults:
              - id: busy
                action: {type: exception, code: server-device-busy}
            """);
        AdminClient.Answer reload = api.send("POST", "/api/reload", null);
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.json().path("faults").asInt()).isEqualTo(1);
        assertThat(reload.json().path("profile").asText()).isEqualTo("none");
        assertThat(ids(api.get("/api/faults").json())).containsExactly("busy");
        // the same connection, now faulted
        assertThat(exchange(out, in, mbap(2, 1, "03 0000 0001"), 9)).isEqualTo(hex("0002 0000 0003 01 83 06"));

        Files.writeString(faults, "faults:\n  - id: x\n    action: {type: delay, base: never}\n");
        AdminClient.Answer bad = api.send("POST", "/api/reload", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("faults[0].action.base");
        assertThat(simulator.faults().faults()).extracting(f -> f.id()).containsExactly("busy");
        assertThat(exchange(out, in, mbap(3, 1, "03 0000 0001"), 9)).isEqualTo(hex("0003 0000 0003 01 83 06"));
        assertThat(simulator.tcpServer().orElseThrow().metrics().acceptedConnections()).isEqualTo(1);
      }
    }
  }

  @Test
  void reloadOfAProfileResetsNewInitialValuesOrAsksForARestart() throws Exception {
    Path profile = dir.resolve("meter.yaml");
    String text = """
        seed: 1
        units:
          - id: 1
            tables:
              holding-registers: [{start: 0, count: 10}]
            points:
              - {name: setting, table: holding-registers, address: 0, type: uint16, initial: 5}
        """;
    Files.writeString(profile, text);
    try (Simulator simulator = AdminClient.start("--profile", profile.toString())) {
      AdminClient api = new AdminClient(simulator);
      // No identification and a map of its own: no name, rather than its place in the profile.
      JsonNode unit = api.get("/api/device").json().path("units").get(0);
      assertThat(unit.path("name").isNull()).as(unit.toString()).isTrue();
      assertThat(unit.path("map").asText()).isEqualTo("units[0]");
      int port = simulator.tcpServer().orElseThrow().localAddress().getPort();
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        assertThat(api.send("POST", "/api/reload", null).json().path("profile").asText()).isEqualTo("unchanged");
        assertThat(exchange(out, in, mbap(1, 1, "06 0000 0063"), 12)).isEqualTo(hex("0001 0000 0006 01 06 0000 0063"));
        Files.writeString(profile, text.replace("initial: 5", "initial: 7"));
        AdminClient.Answer reset = api.send("POST", "/api/reload", null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("profile").asText()).isEqualTo("reset");
        assertThat(reset.json().path("faults").isNull()).isTrue();
        assertThat(exchange(out, in, mbap(2, 1, "03 0000 0001"), 11)).isEqualTo(hex("0002 0000 0005 01 03 02 0007"));
        // POST /api/reset goes back to the reloaded initial value, not the first one
        exchange(out, in, mbap(3, 1, "06 0000 0063"), 12);
        api.send("POST", "/api/reset", null);
        assertThat(api.get("/api/units/1/points/setting").json().path("value").asInt()).isEqualTo(7);

        Files.writeString(profile, text.replace("count: 10", "count: 20"));
        AdminClient.Answer restart = api.send("POST", "/api/reload", null);
        assertThat(restart.status()).isEqualTo(409);
        assertThat(restart.error()).contains("restart");
        assertThat(exchange(out, in, mbap(4, 1, "03 0000 0001"), 11)).isEqualTo(hex("0004 0000 0005 01 03 02 0007"));
      }
    }
  }
}
