package io.botfactory.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium, driven by Selenium through Debian's chromedriver, for the tests
 * that need a real browser (/docs, /app/). CI (CI=true) installs Chromium, so there these tests
 * must run; on a developer machine without /usr/bin/chromium they are skipped, not passed.
 * Screenshots go to {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

  public static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  public final ChromeDriver driver;
  public final WebDriverWait wait;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
    // Pages redraw parts of themselves (a bot's header follows its webhook): an element found a
    // moment ago may be gone; waits look again.
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    this.wait.ignoring(StaleElementReferenceException.class);
  }

  /** A new browser with a fresh profile and a window of the given size; skips the test when Chromium is missing. */
  public static Browser start(int width, int height) {
    boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!installed) {
      assertThat(System.getenv("CI")).as("CI must install chromium and chromium-driver").isNotEqualTo("true");
      assumeTrue(false, "Debian chromium and chromium-driver are not installed");
    }
    try {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=" + width + "," + height, "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
      // The console, so that tests can see what the page's Content-Security-Policy blocked.
      options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
      return new Browser(new ChromeDriver(service, options));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves what the browser shows to {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.createDirectories(SCREENSHOTS);
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The console messages since the last call (each call drains them). */
  public List<String> console() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
  }

  /** Makes the page think it is on a phone: its viewport, touch and pixel ratio; {@code null} restores the window. */
  public void emulate(Integer width, Integer height) {
    if (width == null) {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
      return;
    }
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
      Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
