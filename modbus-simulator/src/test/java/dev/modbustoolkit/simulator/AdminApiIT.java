package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The device endpoints of the admin API over real HTTP on loopback, against the energy meter example. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdminApiIT {
  private static Simulator simulator;
  private static AdminClient api;

  @BeforeAll
  static void start() throws Exception {
    simulator = AdminClient.start("--profile", "examples/energy-meter.yaml");
    api = new AdminClient(simulator);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static int modbusPort() {
    return simulator.tcpServer().orElseThrow().localAddress().getPort();
  }

  @Test
  void healthIsUp() throws Exception {
    AdminClient.Answer a = api.get("/health");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.contentType()).startsWith("application/json");
    assertThat(a.json().path("status").asText()).isEqualTo("UP");
  }

  @Test
  void theDeviceListsItsUnitsAndCountsTraffic() throws Exception {
    try (Socket s = new Socket("127.0.0.1", modbusPort())) {
      s.setSoTimeout(10_000);
      exchange(s.getOutputStream(), s.getInputStream(), mbap(1, 1, "03 0000 0001"), 11);
      exchange(s.getOutputStream(), s.getInputStream(), mbap(2, 1, "03 003F 0002"), 9); // exception 02
      JsonNode d = api.get("/api/device").json();
      JsonNode unit = d.path("units").get(0);
      assertThat(unit.path("id").asInt()).isEqualTo(1);
      assertThat(unit.path("name").asText()).isEqualTo("Three-phase energy meter (simulated)");
      assertThat(unit.path("transports").toString()).isEqualTo("[\"tcp\"]");
      JsonNode c = d.path("counters");
      assertThat(c.path("connections").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(c.path("requests").asLong()).isGreaterThanOrEqualTo(2);
      assertThat(c.path("exceptions").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(c.path("bytesIn").asLong()).isGreaterThanOrEqualTo(24);
      // the first answer's 11 bytes at least: the second's may be counted just after the client has read it
      assertThat(c.path("bytesOut").asLong()).isGreaterThanOrEqualTo(11);
    }
  }

  @Test
  void pointsAreListedReadAndWrittenByName() throws Exception {
    JsonNode points = api.get("/api/units/1/points").json();
    assertThat(points.size()).isEqualTo(16);
    JsonNode voltage = points.get(0);
    assertThat(voltage.path("name").asText()).isEqualTo("voltage-l1");
    assertThat(voltage.path("table").asText()).isEqualTo("holding-registers");
    assertThat(voltage.path("address").asInt()).isZero();
    assertThat(voltage.path("type").asText()).isEqualTo("uint16");
    assertThat(voltage.path("access").asText()).isEqualTo("read-only");
    assertThat(voltage.path("unit").asText()).isEqualTo("V");
    assertThat(voltage.path("value").asDouble()).isBetween(200.0, 260.0);

    AdminClient.Answer put = api.send("PUT", "/api/units/1/points/ct-ratio", "{\"value\": 250}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().path("value").asInt()).isEqualTo(250);
    assertThat(api.get("/api/units/1/points/ct-ratio").json().path("value").asInt()).isEqualTo(250);
    // and a Modbus client reads it too: holding register 256 = 250 (0x00FA)
    try (Socket s = new Socket("127.0.0.1", modbusPort())) {
      s.setSoTimeout(10_000);
      assertThat(exchange(s.getOutputStream(), s.getInputStream(), mbap(3, 1, "03 0100 0001"), 11))
          .isEqualTo(hex("0003 0000 0005 01 03 02 00FA"));
    }
  }

  @Test
  void badPointWritesAnswer400NamingTheField() throws Exception {
    AdminClient.Answer text = api.send("PUT", "/api/units/1/points/ct-ratio", "{\"value\": \"lots\"}");
    assertThat(text.status()).isEqualTo(400);
    assertThat(text.error()).startsWith("value: ").contains("ct-ratio");
    AdminClient.Answer missing = api.send("PUT", "/api/units/1/points/ct-ratio", "{\"val\": 1}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).startsWith("value: required");
    AdminClient.Answer tooBig = api.send("PUT", "/api/units/1/points/ct-ratio", "{\"value\": 70000}");
    assertThat(tooBig.status()).isEqualTo(400);
    assertThat(tooBig.error()).startsWith("value: ").contains("does not fit");
    AdminClient.Answer notJson = api.send("PUT", "/api/units/1/points/ct-ratio", "{\"value\": ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.error()).startsWith("body: not valid JSON");
  }

  @Test
  void unknownUnitsPointsTablesAndEndpointsAnswer404() throws Exception {
    assertThat(api.get("/api/units/9/points").status()).isEqualTo(404);
    assertThat(api.get("/api/units/9/points").error()).isEqualTo("unit 9 is not served");
    AdminClient.Answer point = api.get("/api/units/1/points/nope");
    assertThat(point.status()).isEqualTo(404);
    assertThat(point.error()).contains("'nope'");
    assertThat(api.get("/api/units/1/registers?address=0").status()).isEqualTo(404);
    assertThat(api.get("/api/nothing-here").status()).isEqualTo(404);
    assertThat(api.get("/api/nothing-here").error()).startsWith("no such endpoint");
    AdminClient.Answer unit = api.get("/api/units/x/points");
    assertThat(unit.status()).isEqualTo(400);
    assertThat(unit.error()).startsWith("unit: 'x'");
  }

  @Test
  void rawTablesAreReadAndWritten() throws Exception {
    AdminClient.Answer w = api.send("PUT", "/api/units/1/holding-registers", "{\"address\": 257, \"values\": [7, 65535]}");
    assertThat(w.status()).isEqualTo(200);
    JsonNode r = api.get("/api/units/1/holding-registers?address=257&count=2").json();
    assertThat(r.path("address").asInt()).isEqualTo(257);
    assertThat(r.path("values").toString()).isEqualTo("[7,65535]");
    AdminClient.Answer unmapped = api.get("/api/units/1/holding-registers?address=100&count=1");
    assertThat(unmapped.status()).isEqualTo(400);
    assertThat(unmapped.error()).startsWith("address: ");
    AdminClient.Answer noAddress = api.get("/api/units/1/holding-registers?count=1");
    assertThat(noAddress.status()).isEqualTo(400);
    assertThat(noAddress.error()).startsWith("address: required");
    AdminClient.Answer badValue = api.send("PUT", "/api/units/1/holding-registers",
        "{\"address\": 257, \"values\": [1, 70000]}");
    assertThat(badValue.status()).isEqualTo(400);
    assertThat(badValue.error()).startsWith("values[1]: ");
    AdminClient.Answer extra = api.send("PUT", "/api/units/1/holding-registers",
        "{\"address\": 257, \"values\": [1], \"unit\": 1}");
    assertThat(extra.status()).isEqualTo(400);
    assertThat(extra.error()).startsWith("unit: unknown field");
  }

  @Test
  void resetSnapshotAndRestore() throws Exception {
    api.send("PUT", "/api/units/1/points/ct-ratio", "{\"value\": 321}");
    AdminClient.Answer snap = api.get("/api/snapshot");
    assertThat(snap.status()).isEqualTo(200);
    assertThat(api.send("POST", "/api/reset", null).status()).isEqualTo(200);
    assertThat(api.get("/api/units/1/points/ct-ratio").json().path("value").asInt()).isEqualTo(100);
    AdminClient.Answer restore = api.send("PUT", "/api/snapshot", snap.body());
    assertThat(restore.status()).isEqualTo(200);
    assertThat(api.get("/api/units/1/points/ct-ratio").json().path("value").asInt()).isEqualTo(321);
    AdminClient.Answer bad = api.send("PUT", "/api/snapshot", "{\"maps\": {\"nope\": {}}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).startsWith("maps: ").contains("nope");
  }

  @Test
  void recentRequestsAreNewestFirst() throws Exception {
    try (Socket s = new Socket("127.0.0.1", modbusPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      exchange(out, in, mbap(1, 1, "04 0000 0001"), 9); // input registers: none mapped, exception 02
      exchange(out, in, mbap(2, 1, "03 0000 0001"), 11);
      JsonNode recent = api.get("/api/requests/recent?limit=2").json();
      assertThat(recent.size()).isEqualTo(2);
      JsonNode newest = recent.get(0);
      assertThat(newest.path("functionCode").asInt()).isEqualTo(3);
      assertThat(newest.path("outcome").asText()).isEqualTo("ok");
      assertThat(newest.path("exceptionCode").isNull()).isTrue();
      assertThat(newest.path("transport").asText()).isEqualTo("tcp");
      assertThat(newest.path("peer").asText()).isEqualTo("127.0.0.1:" + s.getLocalPort());
      assertThat(newest.path("unit").asInt()).isEqualTo(1);
      assertThat(newest.path("time").asText()).endsWith("Z");
      assertThat(newest.path("answeredBy").asText()).isEqualTo("device");
      assertThat(newest.path("faults").isArray()).isTrue();
      assertThat(newest.path("faults").size()).isZero();
      JsonNode older = recent.get(1);
      assertThat(older.path("functionCode").asInt()).isEqualTo(4);
      assertThat(older.path("outcome").asText()).isEqualTo("exception");
      assertThat(older.path("exceptionCode").asInt()).isEqualTo(2);
    }
    assertThat(api.get("/api/requests/recent?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/requests/recent?limit=0").error()).startsWith("limit: ");
  }

  @Test
  void staticFilesComeFromTheDashboardClassPathFolder() throws Exception {
    AdminClient.Answer a = api.get("/admin-test-fixture.txt");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).startsWith("admin API test fixture");
    assertThat(api.get("/no-such-file.js").status()).isEqualTo(404);
  }
}
