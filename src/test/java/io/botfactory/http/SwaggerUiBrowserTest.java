package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Browser;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * /docs in a real browser (see {@link Browser}): Authorize with the OAuth2 password flow, call
 * GET /bots/me, see a 200. The page runs under its Content-Security-Policy, and keeps the token
 * out of the browser's storage. The screenshot is saved to target/screenshots/swagger-ui.png.
 */
@ExtendWith(VertxExtension.class)
class SwaggerUiBrowserTest {

  @Test
  void authorizeThenListBotsFromTheDocsPage(Vertx vertx) throws Exception {
    int port = TestStack.shared().port;
    Api api = new Api(vertx, port);
    Api.Account account = api.newAccount();
    api.createBot(account, "seen in the browser");

    try (Browser browser = Browser.start(1400, 2200)) {
      WebDriver driver = browser.driver;
      WebDriverWait wait = browser.wait;
      try {
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
        assertThat(browser.console()).as("the page's Content-Security-Policy blocks nothing it needs")
          .noneSatisfy(message -> assertThat(message).contains("Content Security Policy"));

        Path shot = browser.screenshot("swagger-ui");
        assertThat(Files.size(shot)).isGreaterThan(10_000);
      } catch (RuntimeException | AssertionError e) {
        browser.screenshot("swagger-ui-failure");
        throw e;
      }
    }
  }
}
