package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * /docs in a real browser (Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver): Authorize with the OAuth2 password flow, call GET /bots/me, see a 200.
 * The page runs under its Content-Security-Policy, and keeps the token out of the browser's
 * storage. The screenshot is saved to target/screenshots/swagger-ui.png.
 *
 * <p>CI (CI=true) installs Chromium, so there the test must run; on a developer machine
 * without /usr/bin/chromium it is skipped, not passed.
 */
@ExtendWith(VertxExtension.class)
class SwaggerUiBrowserTest {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  @Test
  void authorizeThenListBotsFromTheDocsPage(Vertx vertx) throws Exception {
    boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!installed) {
      assertThat(System.getenv("CI")).as("CI must install chromium and chromium-driver").isNotEqualTo("true");
      assumeTrue(false, "Debian chromium and chromium-driver are not installed");
    }
    int port = TestStack.shared().port;
    Api api = new Api(vertx, port);
    Api.Account account = api.newAccount();
    api.createBot(account, "seen in the browser");

    WebDriver driver = chromium();
    Path shot = Path.of("target", "screenshots", "swagger-ui.png");
    Files.createDirectories(shot.getParent());
    try {
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      driver.get("http://127.0.0.1:" + port + "/docs");

      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.authorize"))).click();
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("oauth_username"))).sendKeys(account.email());
      driver.findElement(By.id("oauth_password")).sendKeys(account.password());
      driver.findElement(By.cssSelector(".auth-btn-wrapper button.authorize")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".auth-btn-wrapper button.btn-done"))).click();

      WebElement operation = wait.until(ExpectedConditions.elementToBeClickable(By.id("operations-bots-listMyBots")));
      operation.findElement(By.cssSelector(".opblock-summary")).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-bots-listMyBots .try-out__btn"))).click();
      wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#operations-bots-listMyBots button.execute"))).click();

      By status = By.cssSelector("#operations-bots-listMyBots .live-responses-table tbody td.response-col_status");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(status, "200"));
      String body = driver.findElement(By.cssSelector("#operations-bots-listMyBots .live-responses-table tbody td.response-col_description"))
        .getText();
      assertThat(driver.findElement(status).getText()).contains("200");
      assertThat(body).contains("seen in the browser");
      // The bearer token lives in the page only: nothing of the login is kept in the browser's storage.
      String stored = (String) ((JavascriptExecutor) driver).executeScript(
        "return JSON.stringify(window.localStorage) + JSON.stringify(window.sessionStorage);");
      assertThat(stored).doesNotContain("authorized").doesNotContain("eyJ");
      assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .as("the page's Content-Security-Policy blocks nothing it needs")
        .noneSatisfy(entry -> assertThat(entry.getMessage()).contains("Content Security Policy"));

      screenshot(driver, shot);
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    } catch (RuntimeException | AssertionError e) {
      screenshot(driver, Path.of("target", "screenshots", "swagger-ui-failure.png"));
      throw e;
    } finally {
      driver.quit();
    }
  }

  private static void screenshot(WebDriver driver, Path file) throws java.io.IOException {
    Files.write(file, ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES));
  }

  private static WebDriver chromium() throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
      "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--window-size=1400,2200", "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
    return new ChromeDriver(service, options);
  }
}
