package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.DashboardUi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API keys of the account page (#/account) in a real browser, checked against what the API
 * then answers: a key is created, shown once and copied, works, is listed with its last use and
 * revoked; the API's refusals (a bad name, the 21st key) are shown in its words.
 */
class DashboardApiKeysBrowserTest extends DashboardBrowserSession {

  @BeforeEach
  void signedOut() {
    ui.signedOut();
    browser.console(); // drained: each test sees its own messages
  }

  @Test
  void anOwnerCreatesCopiesUsesThenRevokesAKey() {
    Api.Account account = api.newAccount("grace");
    ui.logIn(account.email(), account.password());
    ui.click("Account");
    ui.heading("Your account");
    browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".facts dd"), account.email()));
    assertThat(ui.text(".api-key-list .empty")).isEqualTo("You have no API keys.");

    ui.fill("name", "Deploy from CI");
    ui.click("Create key");
    ui.status("\"Deploy from CI\" was created. Copy the key now: it is shown only once.");
    String key = browser.driver.findElement(By.cssSelector(".new-key .key-value")).getDomProperty("value");
    assertThat(key).matches("bfk_[A-Za-z0-9_-]{43}");
    assertThat(ui.field("name").getDomProperty("value")).as("the form is emptied").isEmpty();
    assertThat(keyNames()).containsExactly("Deploy from CI");
    browser.screenshot("dashboard-api-key-created");
    browser.emulate(390, 844);
    try {
      assertThat(ui.script("return document.documentElement.scrollWidth <= window.innerWidth")).as("fits a phone").isEqualTo(true);
      browser.screenshot("dashboard-phone-api-key-created");
    } finally {
      browser.emulate(null, null);
    }

    // Copy: the browser's clipboard holds the key.
    browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", ui.url().replaceFirst("/app/$", ""),
      "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    ui.click("Copy key");
    ui.status("The key is copied.");
    Object copied = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
      + " navigator.clipboard.readText().then(done, e => done('refused: ' + e))");
    assertThat(copied).isEqualTo(key);

    // The key works, and its use shows once the list is read again; the key itself is gone from the page.
    HttpResponse<Buffer> me = api.get("/clients/me", key);
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("id")).isEqualTo(account.id());
    browser.driver.navigate().refresh();
    ui.heading("Your account");
    browser.wait.until(d -> !lastUsed().isEmpty() && !lastUsed().equals("Never"));
    assertKeyNowhereInThePage(key);
    browser.screenshot("dashboard-api-keys");

    ui.click("Revoke");
    ui.confirm(false);
    assertThat(keyNames()).as("cancelled: still there").containsExactly("Deploy from CI");
    ui.click("Revoke");
    ui.confirm(true);
    ui.status("\"Deploy from CI\" was revoked.");
    assertThat(ui.text(".api-key-list .empty")).isEqualTo("You have no API keys.");
    HttpResponse<Buffer> refused = api.get("/clients/me", key);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Could not validate credentials"));
  }

  @Test
  void theApisRefusalsAreShownInItsWords() {
    Api.Account account = api.newAccount();
    for (int i = 1; i <= 20; i++) {
      api.createApiKey(account, "key " + i);
    }
    String blankName = Api.fieldMessages(api.post("/clients/me/api-keys", new JsonObject().put("name", "   "), account.token()))
      .get("name");
    String tooMany = api.post("/clients/me/api-keys", new JsonObject().put("name", "one too many"), account.token())
      .bodyAsJsonObject().getString("detail");

    ui.logIn(account.email(), account.password());
    ui.go("#/account");
    ui.heading("Your account");
    browser.wait.until(d -> keyNames().size() == 20);

    ui.fill("name", "   ");
    ui.click("Create key");
    assertThat(ui.fieldError("name")).isEqualTo(DashboardUi.shown(blankName));
    assertThat(ui.field("name").getDomAttribute("aria-invalid")).isEqualTo("true");

    ui.fill("name", "one too many");
    ui.click("Create key");
    assertThat(ui.formAlert("name")).isEqualTo(tooMany).isEqualTo("An account holds at most 20 API keys; revoke one first");
    assertThat(browser.driver.findElements(By.cssSelector(".new-key input"))).as("no key shown").isEmpty();
    assertThat(api.get("/clients/me/api-keys", account.token()).bodyAsJsonArray()).hasSize(20);
  }

  private static List<String> keyNames() {
    browser.wait.until(d -> d.findElement(By.cssSelector(".api-key-list")).getDomAttribute("aria-busy") == null);
    return browser.driver.findElements(By.cssSelector(".api-key-list td.key-name")).stream().map(WebElement::getText).toList();
  }

  private static String lastUsed() {
    List<WebElement> cells = browser.driver.findElements(By.cssSelector(".api-key-list tbody tr td:nth-child(3)"));
    return cells.isEmpty() ? "" : cells.get(0).getText();
  }

  /** Once the list is shown, the key (after its bfk_ prefix) nowhere in the page ({@link #assertNowhereInThePage}). */
  private static void assertKeyNowhereInThePage(String key) {
    browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".api-key-list table")));
    assertNowhereInThePage(key.substring(4));
  }
}
