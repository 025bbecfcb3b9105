package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Browser;
import io.botfactory.support.DashboardUi;
import io.botfactory.support.Eventually;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.Updates;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard (/app/) in a real browser (see {@link Browser}) against a whole node, through
 * the public API only: one scenario per test, each as a user would go through it, checked
 * against what the API then answers. Screenshots of each screen go to target/screenshots/.
 *
 * <p>The node talks to the Telegram double, which accepts every well-formed token here; the
 * scenarios about Telegram itself (a token it rejects, the badges, commands, chats, the live
 * webhook view) are in {@link DashboardTelegramBrowserTest}.
 */
class DashboardBrowserTest extends DashboardBrowserSession {

  @BeforeEach
  void signedOut() {
    ui.signedOut();
    browser.console(); // drained: each test sees its own messages
  }

  @Test
  void aNewUserSignsUpAndSeesTheirEmptyListOfBots() {
    String email = "new-" + UUID.randomUUID() + "@example.com";
    ui.go("#/signup");
    ui.heading("Create a BotFactory account");
    ui.fill("email", email);
    ui.fill("password", "correct horse battery");
    ui.fill("full_name", "Ada Lovelace");
    browser.screenshot("dashboard-signup");
    ui.click("Create account");

    ui.heading("Your bots");
    ui.status("Your account is ready. Add your first bot below.");
    assertThat(browser.driver.findElement(By.cssSelector(".account .who")).getText()).isEqualTo(email);
    assertThat(ui.botNames()).isEmpty();
    assertThat(browser.driver.findElement(By.cssSelector(".bot-list .empty")).getText()).startsWith("You have no bots yet.");
    assertThat(api.login(email, "correct horse battery").statusCode()).isEqualTo(200);
    assertThat(ui.script("return localStorage.length")).isEqualTo(0L);
    assertThat(ui.script("return sessionStorage.length")).isEqualTo(1L);

    ui.click("Log out");
    ui.heading("Log in to BotFactory");
    ui.status("You are logged out.");
    assertThat(ui.script("return sessionStorage.length")).isEqualTo(0L);
    ui.go("#/bots");
    ui.heading("Log in to BotFactory");
  }

  @Test
  void aWrongPasswordIsAnsweredInTheApisWordsThenTheRightOneLogsIn() {
    Api.Account account = api.newAccount();
    String apiWords = api.login(account.email(), "not the password").bodyAsJsonObject().getString("detail");

    ui.submitLogin(account.email(), "not the password either");
    assertThat(ui.formAlert("username")).isEqualTo(apiWords).isEqualTo("Incorrect email or password");
    browser.screenshot("dashboard-login");

    ui.logIn(account.email(), account.password());
    assertThat(browser.driver.findElement(By.cssSelector(".account .who")).getText()).isEqualTo(account.email());
  }

  @Test
  void aThrottledLoginShowsTheApisMessageAndHowLongToWait() {
    Api.Account account = api.newAccount();
    IntStream.range(0, 5).forEach(i -> assertThat(api.login(account.email(), "wrong " + i).statusCode()).isEqualTo(401));
    HttpResponse<Buffer> throttled = api.login(account.email(), account.password());
    assertThat(throttled.statusCode()).isEqualTo(429);
    int wait = Integer.parseInt(throttled.getHeader("Retry-After"));

    ui.submitLogin(account.email(), account.password());
    String alert = ui.formAlert("username");
    assertThat(alert).startsWith(throttled.bodyAsJsonObject().getString("detail"));
    Matcher shown = Pattern.compile("You can try again in (\\d+) minutes?(?: (\\d+) seconds?)?\\.$").matcher(alert);
    assertThat(shown.find()).as(alert).isTrue();
    int seconds = Integer.parseInt(shown.group(1)) * 60 + (shown.group(2) == null ? 0 : Integer.parseInt(shown.group(2)));
    assertThat(seconds).as("the Retry-After the dashboard got, a few seconds later").isBetween(wait - 10, wait);
    assertThat(ui.heading("Log in to BotFactory")).isNotNull();
  }

  @Test
  void aSignUpTheApiRefusesShowsEachMessageNextToItsField() {
    Map<String, String> apiWords = Api.fieldMessages(api.register("not-an-email", "short", null));
    assertThat(apiWords).containsOnlyKeys("email", "password");

    ui.go("#/signup");
    ui.fill("email", "not-an-email");
    ui.fill("password", "short");
    ui.click("Create account");

    for (String loc : List.of("email", "password")) {
      assertThat(ui.fieldError(loc)).as(loc).isEqualTo(DashboardUi.shown(apiWords.get(loc)));
      WebElement field = ui.field(loc);
      assertThat(field.getDomAttribute("aria-invalid")).isEqualTo("true");
      assertThat(field.getDomAttribute("aria-describedby")).contains(field.getDomAttribute("id") + "-error");
    }
    assertThat(ui.field("full_name").getDomAttribute("aria-invalid")).isNull();
    assertThat(ui.formAlert("email")).isEqualTo("Some fields need correcting.");
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("email");
    browser.screenshot("dashboard-signup-errors");
  }

  @Test
  void aTokenTheApiNoLongerAcceptsSendsTheUserBackToLogIn() {
    Api.Account account = api.newAccount();
    ui.logIn(account.email(), account.password());
    String key = (String) ui.script("return sessionStorage.key(0)");

    // A token the API refuses (as after a key rotation): the first call ends the session.
    ui.script("const s = JSON.parse(sessionStorage.getItem(arguments[0])); s.token = s.token.slice(0, -4) + 'AAAA';"
      + " sessionStorage.setItem(arguments[0], JSON.stringify(s));", key);
    browser.driver.navigate().refresh();
    ui.heading("Log in to BotFactory");
    ui.status("Your session has ended; please log in again.");
    assertThat(ui.script("return sessionStorage.length")).isEqualTo(0L);

    // A token past its expires_in is not even sent: straight to the login screen, nothing to announce.
    ui.logIn(account.email(), account.password());
    ui.script("const s = JSON.parse(sessionStorage.getItem(arguments[0])); s.expiresAt = Date.now() - 1000;"
      + " sessionStorage.setItem(arguments[0], JSON.stringify(s));", key);
    browser.driver.navigate().refresh();
    ui.heading("Log in to BotFactory");
    assertThat(browser.driver.findElement(By.id("status")).isDisplayed()).isFalse();
    assertThat(ui.script("return sessionStorage.length")).isEqualTo(0L);
  }

  @Test
  void theListOfBotsIsPagedAsTheApiPagesIt() {
    Api.Account account = api.newAccount();
    List<String> names = IntStream.rangeClosed(1, 12).mapToObj(i -> String.format("bot %02d", i)).toList();
    names.forEach(name -> api.createBot(account, name));

    ui.logIn(account.email(), account.password());
    assertThat(ui.botNames()).isEqualTo(names.subList(0, 10));
    assertThat(buttons("Previous page")).isEmpty();

    ui.click("Next page");
    assertThat(ui.botNames()).isEqualTo(names.subList(10, 12));
    assertThat(buttons("Next page")).isEmpty();

    ui.click("Previous page");
    assertThat(ui.botNames()).isEqualTo(names.subList(0, 10));
  }

  @Test
  void anOwnerAddsRenamesDescribesDeactivatesAndDeletesABot() {
    Api.Account account = api.newAccount();
    ui.logIn(account.email(), account.password());
    long telegramId = Api.telegramId();

    ui.fill("name", "Support desk");
    ui.fill("token", Api.telegramToken(telegramId));
    ui.fill("description", "Answers customers");
    ui.click("Add bot");
    ui.heading("Support desk");
    ui.status("\"Support desk\" was added.");
    String id = ui.shownBotId();
    JsonObject bot = bot(account, id);
    assertThat(bot.getLong("telegram_bot_id")).isEqualTo(telegramId);
    assertThat(bot.getString("description")).isEqualTo("Answers customers");
    assertThat(ui.headerBadge("active")).isEqualTo("Active");
    assertThat(browser.driver.findElement(By.cssSelector(".token-hint")).getText()).isEqualTo(bot.getString("token_hint"));

    ui.fill("name", "Help desk");
    ui.fill("description", "Answers everyone");
    ui.click("Save name and description");
    ui.heading("Help desk");
    ui.status("Name and description saved.");
    assertThat(bot(account, id).getString("name")).isEqualTo("Help desk");
    assertThat(bot(account, id).getString("description")).isEqualTo("Answers everyone");

    ui.empty("description");
    ui.click("Save name and description");
    browser.wait.until(d -> bot(account, id).getValue("description") == null);

    ui.click("Deactivate bot");
    ui.button("Activate bot");
    assertThat(ui.headerBadge("disabled")).isEqualTo("Disabled");
    assertThat(bot(account, id).getBoolean("is_active")).isFalse();
    assertThat(bot(account, id).getJsonObject("webhook").getString("status")).isEqualTo("disabled");
    ui.click("Activate bot");
    ui.button("Deactivate bot");
    assertThat(bot(account, id).getBoolean("is_active")).isTrue();
    ui.headerBadge("active");

    ui.click("Delete bot");
    ui.confirm(false);
    assertThat(api.get("/bots/" + id, account.token()).statusCode()).isEqualTo(200);
    ui.click("Delete bot");
    ui.confirm(true);
    ui.heading("Your bots");
    ui.status("\"Help desk\" was deleted.");
    assertThat(api.get("/bots/" + id, account.token()).statusCode()).isEqualTo(404);
    assertThat(ui.botNames()).isEmpty();
  }

  @Test
  void aTokenTheApiRefusesIsAnsweredNextToTheTokenField() {
    Api.Account account = api.newAccount();
    ui.logIn(account.email(), account.password());
    JsonObject malformed = new JsonObject().put("name", "Malformed").put("token", "12345:too-short");
    String apiWords = Api.fieldMessages(api.post("/bots", malformed, account.token())).get("token");

    ui.fill("name", "Malformed");
    ui.fill("token", "12345:too-short");
    ui.click("Add bot");
    assertThat(ui.fieldError("token")).isEqualTo(DashboardUi.shown(apiWords));
    assertThat(ui.field("token").getDomAttribute("aria-invalid")).isEqualTo("true");

    String taken = Api.telegramToken(Api.telegramId());
    HttpResponse<Buffer> first = api.post("/bots", new JsonObject().put("name", "First").put("token", taken), api.newAccount().token());
    assertThat(first.statusCode()).isEqualTo(201);
    ui.fill("token", taken);
    ui.click("Add bot");
    assertThat(ui.formAlert("token")).isEqualTo("A bot with this Telegram bot id is already registered");
    assertThat(api.get("/bots/me", account.token()).bodyAsJsonArray()).isEmpty();
  }

  @Test
  void theTokenNeverStaysInThePageNorInItsStorage() {
    Api.Account account = api.newAccount();
    ui.logIn(account.email(), account.password());
    long telegramId = Api.telegramId();
    String first = Api.telegramToken(telegramId);
    String second = Api.telegramToken(telegramId);

    ui.fill("name", "Secretive");
    ui.fill("token", first);
    ui.click("Add bot");
    ui.heading("Secretive");
    assertTokenNowhereInThePage(first);

    ui.fill("token", second);
    ui.click("Replace the token");
    ui.status("The token was replaced.");
    assertThat(browser.driver.findElement(By.cssSelector(".token-hint")).getText()).endsWith(second.substring(second.length() - 4));
    assertTokenNowhereInThePage(first);
    assertTokenNowhereInThePage(second);

    String otherBots = Api.telegramToken(Api.telegramId());
    String apiWords = Api.fieldMessages(api.patch("/bots/" + ui.shownBotId(), new JsonObject().put("token", otherBots), account.token()))
      .get("token");
    ui.fill("token", otherBots);
    ui.click("Replace the token");
    assertThat(ui.fieldError("token")).isEqualTo(DashboardUi.shown(apiWords));

    ui.go("#/bots");
    ui.heading("Your bots");
    assertThat(ui.botNames()).containsExactly("Secretive");
    assertTokenNowhereInThePage(first);
    assertTokenNowhereInThePage(second);
    assertTokenNowhereInThePage(otherBots);
  }

  @Test
  void theDashboardWorksUnderItsContentSecurityPolicy() {
    Api.Account account = api.newAccount();
    api.post("/bots", new JsonObject().put("name", "Support desk").put("token", Api.telegramToken(Api.telegramId()))
      .put("description", "Answers customers' questions day and night"), account.token());
    api.post("/bots", new JsonObject().put("name", "Weather alerts").put("token", Api.telegramToken(Api.telegramId())), account.token());
    String pizza = api.post("/bots", new JsonObject().put("name", "Pizza orders").put("token", Api.telegramToken(Api.telegramId()))
      .put("description", "Takes orders for the shop on Main Street"), account.token()).bodyAsJsonObject().getString("id");
    api.patch("/bots/" + pizza, new JsonObject().put("is_active", false), account.token());

    ui.logIn(account.email(), account.password());
    assertThat(ui.botNames()).containsExactly("Support desk", "Weather alerts", "Pizza orders");
    ui.click("Support desk");
    ui.heading("Support desk");
    for (String tab : List.of("Commands", "Chats", "Webhook", "Settings")) {
      ui.tab(tab);
    }
    ui.heading("Support desk");

    assertThat(ui.script("return document.querySelectorAll('script:not([src])').length")).isEqualTo(0L);
    assertThat(ui.script("return [...document.querySelectorAll('*')].flatMap(e => e.getAttributeNames())"
      + ".filter(n => n.startsWith('on') || n === 'style')")).asList().isEmpty();
    assertThat(browser.console()).noneMatch(message -> message.contains("Content Security Policy"));

    // The browser enforces the policy: a script put into the page does not run.
    Object ran = ui.script("const s = document.createElement('script'); s.textContent = 'window.injected = true';"
      + " document.body.append(s); return window.injected === true;");
    assertThat(ran).isEqualTo(false);
    assertThat(browser.console()).anyMatch(message -> message.contains("Content Security Policy"));
  }

  @Test
  void onAPhoneEveryScreenFitsTheWidth() {
    Api.Account account = api.newAccount("ada");
    long telegramId = Api.telegramId();
    String token = TelegramDoubles.shared().addBot(telegramId, "neighbourhood_bot");
    String id = api.post("/bots", new JsonObject().put("name", "Neighbourhood association announcements").put("token", token)
      .put("description", "Posts the week's meetings, bin days and lost cats"), account.token()).bodyAsJsonObject().getString("id");
    api.createBot(account, "Quiz night");
    JsonObject commands = new JsonObject().put("commands", new JsonArray()
        .add(new JsonObject().put("command", "start").put("description", "What this bot does").put("reply", "Hello, neighbour!"))
        .add(new JsonObject().put("command", "bins").put("description", "Bin days").put("reply", "Paper on Monday, glass on Thursday.")))
      .put("fallback_reply", "Try /bins");
    assertThat(api.request(HttpMethod.PUT, "/bots/" + id + "/commands", account.token()).sendJsonObject(commands).await().statusCode())
      .isEqualTo(200);
    long chat = Updates.nextId();
    assertThat(TelegramDoubles.shared().deliver(telegramId, Updates.text(chat, "/bins")).await().status()).isEqualTo(200);
    Eventually.await(() -> api.get("/bots/" + id + "/chats", account.token()).bodyAsJsonArray(), chats -> !chats.isEmpty(),
      Duration.ofSeconds(20), "the chat recorded");
    api.awaitWebhook(account, id, "active");

    browser.emulate(390, 844);
    try {
      ui.signedOut();
      assertFitsTheWidth();
      browser.screenshot("dashboard-phone-login");
      ui.logIn(account.email(), account.password());
      assertThat(ui.botNames()).hasSize(2);
      assertFitsTheWidth();
      browser.screenshot("dashboard-phone-bots");
      ui.click("Neighbourhood association announcements");
      ui.heading("Neighbourhood association announcements");
      ui.headerBadge("active");
      assertFitsTheWidth();
      browser.screenshot("dashboard-phone-bot");
      ui.tab("Commands");
      ui.field("commands.1.reply");
      assertFitsTheWidth();
      browser.screenshot("dashboard-phone-commands");
      ui.tab("Chats");
      browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("table.chats tbody tr")));
      assertFitsTheWidth();
      browser.screenshot("dashboard-phone-chats");
      ui.tab("Webhook");
      browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".pending-updates")));
      assertFitsTheWidth();
      browser.screenshot("dashboard-phone-webhook");
    } finally {
      browser.emulate(null, null);
    }
  }

  @Test
  void theKeyboardAloneLogsInOpensABotAndCancelsADeletion() {
    Api.Account account = api.newAccount();
    String id = api.createBot(account, "Keyboard bot").getString("id");

    assertThat(ui.focused().getTagName()).isEqualTo("h1");
    keys(Keys.TAB);
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("username");
    keys(account.email(), Keys.TAB, account.password(), Keys.ENTER);
    ui.heading("Your bots");
    assertThat(ui.botNames()).containsExactly("Keyboard bot");
    assertThat(ui.focused().getTagName()).isEqualTo("h1");

    keys(Keys.TAB);
    assertThat(ui.focused().getText()).isEqualTo("Keyboard bot");
    keys(Keys.ENTER);
    ui.heading("Keyboard bot");
    assertThat(ui.focused().getTagName()).isEqualTo("h1");

    for (int i = 0; i < 40 && !"Delete bot".equals(ui.focused().getText()); i++) {
      keys(Keys.TAB);
    }
    assertThat(ui.focused().getText()).as("Delete bot is reachable with Tab").isEqualTo("Delete bot");
    keys(Keys.ENTER);
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm")));
    assertThat(ui.focused().getText()).as("the safe choice has the focus").isEqualTo("Cancel");
    keys(Keys.ESCAPE);
    browser.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("dialog.confirm")));
    assertThat(ui.focused().getText()).isEqualTo("Delete bot");
    assertThat(api.get("/bots/" + id, account.token()).statusCode()).isEqualTo(200);
  }

  private void keys(CharSequence... keys) {
    new Actions(browser.driver).sendKeys(keys).perform();
  }

  private static List<WebElement> buttons(String words) {
    return browser.driver.findElements(By.xpath("//button[normalize-space()='" + words + "']"));
  }

  private static JsonObject bot(Api.Account account, String id) {
    HttpResponse<Buffer> r = api.get("/bots/" + id, account.token());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** The token's secret part, nowhere in the page ({@link #assertNowhereInThePage}). */
  private static void assertTokenNowhereInThePage(String token) {
    assertNowhereInThePage(token.substring(token.indexOf(':') + 1));
  }
}
