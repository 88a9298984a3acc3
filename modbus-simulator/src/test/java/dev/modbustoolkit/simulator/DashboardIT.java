package dev.modbustoolkit.simulator;

import static dev.modbustoolkit.simulator.Frames.exchange;
import static dev.modbustoolkit.simulator.Frames.hex;
import static dev.modbustoolkit.simulator.Frames.mbap;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard page in a real browser (headless Chromium): the energy meter example with one fault, the admin API
 * on a free port behind a bearer token. The page loads and lists the points, a moving value moves on the page, a
 * point written in the page is written in the device, and switching the fault off in the page stops it on the wire.
 *
 * <p>With {@code -Ddashboard.screenshot=PATH} it also saves a screenshot of the page there (the README's
 * {@code docs/dashboard.png}), after half a minute of values so that the trend lines have something to show;
 * without it, the screenshot goes to {@code target/dashboard.png} as soon as the checks are done.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DashboardIT {
  private static final String TOKEN = "dashboard-it-token";
  /** Generous: a loaded 2-core machine, a browser starting, the page polling every 500 ms. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  // Reads of the status and tariff registers (20-21) are refused with SERVER_DEVICE_FAILURE (0x04).
  private static final String FAULTS = """
      seed: 1
      faults:
        - id: refuse-status
          action: {type: exception, code: server-device-failure}
          trigger: {functionCodes: [read-holding-registers], addresses: 20-21}
        - id: slow-nameplate
          action: {type: delay, base: 200ms, jitter: 50ms}
          trigger: {functionCodes: [read-holding-registers], addresses: 1000-1007}
      """;

  private static @Nullable ChromeDriver driver;
  @TempDir static Path dir;

  @BeforeAll
  static void startBrowser() throws IOException {
    driver = HeadlessChromium.start(dir.resolve("chromium-profile"));
  }

  @AfterAll
  static void quitBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void thePageShowsTheDeviceLiveAndSwitchesAFaultOffOnTheWire() throws Exception {
    ChromeDriver browser = java.util.Objects.requireNonNull(driver);
    Path faults = Files.writeString(dir.resolve("faults.yaml"), FAULTS);
    SimulatorOptions options = SimulatorOptions.parse("--port", "0", "--profile", "examples/energy-meter.yaml",
        "--faults", faults.toString(), "--admin", "0", "--admin-token", TOKEN);
    try (Simulator simulator = new Simulator(options)) {
      simulator.start();
      int modbusPort = simulator.tcpServer().orElseThrow().localAddress().getPort();
      InetSocketAddress adminAddress = simulator.adminAddress().orElseThrow();
      assertThat(adminAddress.getAddress().isLoopbackAddress()).as("the admin API's default bind").isTrue();
      URI admin = URI.create("http://" + Simulator.hostAndPort(adminAddress) + "/");
      WebDriverWait wait = new WebDriverWait(browser, WAIT, Duration.ofMillis(100));

      browser.get(admin.resolve("/?token=" + TOKEN).toString());

      // It loads, gets past the token (every API call needs it), and lists every point of unit 1.
      wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "live"));
      Set<String> expected = simulator.device().unit(1).orElseThrow().points().names().stream()
          .map(name -> "1/" + name).collect(Collectors.toSet());
      wait.until(d -> pointKeys(browser).equals(expected));
      assertThat(pointKeys(browser)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(valueOf(browser, "1/serial-number")).isEqualTo("EM3-2026-000042");

      // A moving value moves on the page: the voltage is a sine with a 500 ms tick.
      String first = wait.until(d -> nonEmpty(valueOf(browser, "1/voltage-l1")));
      assertThat(Double.parseDouble(first)).isBetween(228.0, 232.0);
      String later = wait.until(d -> changed(valueOf(browser, "1/voltage-l1"), first));
      assertThat(later).isNotEqualTo(first);

      try (Socket socket = new Socket("127.0.0.1", modbusPort)) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();

        // The fault is on: reading the status register answers exception 04, and the page counts it.
        assertThat(exchange(out, in, mbap(1, 1, "03 0014 0001"), 9)).isEqualTo(hex("0001 0000 0003 01 83 04"));
        WebElement fault = browser.findElement(By.cssSelector("li[data-fault='refuse-status']"));
        assertThat(fault.getAttribute("data-enabled")).isEqualTo("true");
        wait.until(d -> activations(fault) >= 1);

        // Switched off in the page: the API says so, and the next read is answered with the register's value.
        fault.findElement(By.cssSelector("label.switch")).click();
        wait.until(ExpectedConditions.attributeToBe(fault, "data-enabled", "false"));
        assertThat(fault.findElement(By.cssSelector("input[data-fault-switch]")).isSelected()).isFalse();
        assertThat(faultEnabled(admin, "refuse-status")).isFalse();
        assertThat(faultEnabled(admin, "slow-nameplate")).isTrue();
        // status (bitfield, initial 1: running)
        assertThat(exchange(out, in, mbap(2, 1, "03 0014 0001"), 11)).isEqualTo(hex("0002 0000 0005 01 03 02 0001"));
        assertThat(simulator.faults().stats("refuse-status").orElseThrow().activations()).isEqualTo(1);
        // The answered read is in the page's tail of recent requests.
        wait.until(d -> !d.findElements(By.cssSelector("#requests tr[data-request][data-outcome='ok']")).isEmpty());

        // And on again: the next read is refused again.
        fault.findElement(By.cssSelector("label.switch")).click();
        wait.until(ExpectedConditions.attributeToBe(fault, "data-enabled", "true"));
        assertThat(faultEnabled(admin, "refuse-status")).isTrue();
        assertThat(exchange(out, in, mbap(3, 1, "03 0014 0001"), 9)).isEqualTo(hex("0003 0000 0003 01 83 04"));
        wait.until(d -> activations(fault) >= 2);

        // A point written in the page: the device holds it and a Modbus read sees it.
        WebElement form = browser.findElement(By.cssSelector("form[data-write='1/ct-ratio']"));
        form.findElement(By.name("value")).sendKeys("250");
        form.findElement(By.cssSelector("button")).click();
        wait.until(ExpectedConditions.attributeToBe(form, "data-result", "ok"));
        assertThat(simulator.device().point(1, "ct-ratio").orElseThrow().readNumber()).isEqualTo(250);
        assertThat(exchange(out, in, mbap(4, 1, "03 0100 0001"), 11)).isEqualTo(hex("0004 0000 0005 01 03 02 00FA"));
        wait.until(d -> "250".equals(valueOf(browser, "1/ct-ratio")));

        screenshot(browser, out, in);
      }
    }
  }

  /** Saves the page as PNG: to -Ddashboard.screenshot after some traffic and trend history, else to target/. */
  private static void screenshot(ChromeDriver browser, OutputStream out, InputStream in)
      throws IOException, InterruptedException {
    String wanted = System.getProperty("dashboard.screenshot", "");
    Path target = Path.of(wanted.isEmpty() ? "target/dashboard.png" : wanted);
    if (!wanted.isEmpty()) {
      // A client polling the measurements for a while: recent requests to show, counters that count, and 60
      // samples (30 s at 500 ms) for each trend line.
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(32);
      int id = 100;
      while (System.nanoTime() < end) {
        exchange(out, in, mbap(id++, 1, "03 0000 000E"), 9 + 28);
        exchange(out, in, mbap(id++, 1, "01 0000 0008"), 10);
        exchange(out, in, mbap(id++, 1, "03 0014 0001"), 9);
        Thread.sleep(700);
      }
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
  }

  private static Set<String> pointKeys(ChromeDriver browser) {
    return browser.findElements(By.cssSelector("tr[data-point]")).stream()
        .map(row -> row.getAttribute("data-point")).collect(Collectors.toCollection(HashSet::new));
  }

  /** The value shown for a point, without grouping separators; empty before the first poll. */
  private static String valueOf(ChromeDriver browser, String key) {
    List<WebElement> found = browser.findElements(By.cssSelector("tr[data-point='" + key + "'] [data-value]"));
    return found.isEmpty() ? "" : found.getFirst().getText().replace(",", "").strip();
  }

  private static @Nullable String nonEmpty(String s) {
    return s.isEmpty() ? null : s;
  }

  private static @Nullable String changed(String now, String before) {
    return now.isEmpty() || now.equals(before) ? null : now;
  }

  private static int activations(WebElement fault) {
    String text = fault.findElement(By.cssSelector("[data-activations]")).getText();
    String digits = Arrays.stream(text.split("\\s+")).findFirst().orElse("");
    return digits.matches("\\d+") ? Integer.parseInt(digits) : -1;
  }

  /**
   * GET /api/faults with the token: the entry's "enabled". (HttpURLConnection: the tests are compiled into the
   * simulator's module, which does not read java.net.http.)
   */
  private static boolean faultEnabled(URI admin, String id) throws IOException {
    HttpURLConnection http = (HttpURLConnection) admin.resolve("/api/faults").toURL().openConnection();
    try {
      http.setConnectTimeout(10_000);
      http.setReadTimeout(10_000);
      http.setRequestProperty("Authorization", "Bearer " + TOKEN);
      assertThat(http.getResponseCode()).isEqualTo(200);
      String body;
      try (InputStream in = http.getInputStream()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (JsonNode entry : new ObjectMapper().readTree(body)) {
        if (entry.path("id").asText().equals(id)) {
          return entry.path("enabled").asBoolean();
        }
      }
      throw new AssertionError("no fault " + id + " in " + body);
    } finally {
      http.disconnect();
    }
  }
}
