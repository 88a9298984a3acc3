package dev.modbustoolkit.simulator;

import dev.modbustoolkit.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver for browser tests, found on the PATH like every other external tool
 * ({@link Tools#require}: skipped visibly when missing, a failure under {@code CI=true}).
 *
 * <p>Both executables are given to Selenium explicitly, so Selenium Manager never runs (it would try to download a
 * browser and a driver, and nothing outside loopback is reachable here). Chromium's own background traffic
 * (component updates, sync, field trials, QUIC probes) is switched off: on a closed network those connections are
 * refused, and a browser that keeps retrying them is slow to start.
 */
final class HeadlessChromium {
  /** The window, and so the screenshot: the size the dashboard is designed for. */
  static final Dimension WINDOW = new Dimension(1280, 800);

  private HeadlessChromium() {}

  /**
   * Starts chromedriver and a headless Chromium with a fresh profile in {@code profileDir}.
   *
   * @param profileDir an empty directory for Chromium's user data, deleted by the caller
   * @return the driver; the caller quits it
   */
  static ChromeDriver start(Path profileDir) throws IOException {
    Path chromium = Tools.require("chromium", "chromium");
    Path chromedriver = Tools.require("chromedriver", "chromium-driver");
    Files.createDirectories(profileDir);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.toFile())
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(60))
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",                        // tests may run as root in a container
        "--disable-gpu",
        "--disable-dev-shm-usage",             // small /dev/shm in containers
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight(),
        "--user-data-dir=" + profileDir.toAbsolutePath());
    ChromeDriver driver = new ChromeDriver(service, options);
    // The window size counts the (invisible) browser frame: the page itself would get less than 800 px of height.
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", WINDOW.getWidth(), "height", WINDOW.getHeight(), "deviceScaleFactor", 1, "mobile", false));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }
}
