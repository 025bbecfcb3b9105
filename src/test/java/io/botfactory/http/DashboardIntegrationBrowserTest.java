package io.botfactory.http;

import io.botfactory.config.ConfigKey;
import io.botfactory.deliveries.Receiver;
import io.botfactory.deliveries.StandardWebhooks;
import io.botfactory.support.Api;
import io.botfactory.support.DashboardUi;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot's integration in the dashboard, in a real browser, checked against the API, a receiver
 * on the loopback and the Telegram double: an event endpoint added, its secret shown once and
 * verified on the deliveries it signs (by the Standard Webhooks reference library), changed,
 * disabled, rotated and deleted; a failing endpoint's delivery log, paged and filtered, a delivery
 * sent again and the failed ones replayed; an endpoint the service disabled after five days of
 * failures, saying why; a message sent to a chat from the chats tab, once however often it was
 * submitted, followed until Telegram has it. The node is this class's own, on a database of its
 * own (no other node's delivery workers take its deliveries), allowed plain http and the loopback,
 * retrying a failed delivery twice, 200 ms apart.
 */
class DashboardIntegrationBrowserTest extends DashboardBrowserSession {

  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final TelegramDouble telegram = TelegramDoubles.shared();
  private static TestStack node;
  private static Vertx vertx;
  private static String database;
  private static Receiver receiver;

  /** Runs after the session's own start: from here on, {@code api} and {@code ui} are this class's node's. */
  @BeforeAll
  static void startNode() {
    database = TestDatabase.fresh("dashboard_integration");
    node = TestStack.start(TestStack.config(database)
      .put(ConfigKey.ENDPOINTS_ALLOW_HTTP.key(), true)
      .put(ConfigKey.ENDPOINTS_ALLOW_PRIVATE.key(), true)
      .put(ConfigKey.DELIVERY_RETRY_MS.key(), "200,200")
      .put(ConfigKey.DELIVERY_TIMEOUT_MS.key(), 1500)
      .put(ConfigKey.DELIVERY_SWEEP_MS.key(), 200));
    vertx = Vertx.vertx();
    api = new Api(vertx, node.port);
    ui = new DashboardUi(browser, node.port);
    receiver = new Receiver(vertx);
  }

  @AfterAll
  static void stopNode() {
    if (receiver != null) {
      receiver.close();
    }
    if (node != null) {
      node.stop();
    }
    if (vertx != null) {
      vertx.close().await();
    }
  }

  @BeforeEach
  void signedOut() {
    ui.signedOut();
  }

  @Test
  void anEndpointIsAddedItsSecretShownOnceSignsItsDeliveriesThenItIsChangedRotatedAndDeleted() {
    Api.Account owner = api.newAccount("nora");
    JsonObject bot = bot(owner, "Order desk");
    String id = bot.getString("id");
    String orders = receiver.url("/orders");
    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + id + "/endpoints");
    ui.heading("Order desk");
    assertThat(ui.text(".endpoint-list .empty")).startsWith("No endpoints yet");

    // Refused in the API's words, under the field it names; nothing is created.
    String apiWords = Api.fieldMessages(api.post("/bots/" + id + "/endpoints", new JsonObject().put("url", "ftp://127.0.0.1/x")
      .put("events", new JsonArray().add("message.received")), owner.token())).get("url");
    ui.fill("url", "ftp://127.0.0.1/x");
    check("message.received");
    ui.click("Add endpoint");
    assertThat(ui.fieldError("url")).isEqualTo(DashboardUi.shown(apiWords));
    assertThat(endpoints(owner, id)).isEmpty();

    String description = "<img src=x onerror=\"window.pwned=1\"> Orders & CRM";
    ui.fill("url", orders);
    check("subscriber.joined");
    ui.fill("description", description);
    ui.click("Add endpoint");
    ui.status("The endpoint was added. Copy its secret now: it is shown only once.");
    String secret = browser.driver.findElement(By.cssSelector(".new-secret .key-value")).getDomProperty("value");
    assertThat(secret).matches("whsec_[A-Za-z0-9+/=]{40,}");
    JsonObject endpoint = endpoints(owner, id).getJsonObject(0);
    assertThat(endpoint.getString("url")).isEqualTo(orders);
    assertThat(endpoint.getJsonArray("events")).containsExactly("message.received", "subscriber.joined");
    assertThat(endpoint.getString("description")).isEqualTo(description);
    WebElement item = item(endpoint.getString("id"));
    assertThat(item.findElement(By.cssSelector(".description")).getText()).as("the API's text, as text").isEqualTo(description);
    assertThat(item.findElements(By.tagName("img"))).isEmpty();
    assertThat(ui.script("return window.pwned === undefined")).isEqualTo(true);
    assertThat(item.findElement(By.cssSelector(".event-names")).getText()).isEqualTo("message.received, subscriber.joined");

    // The secret shown is the one that signs: a new chat's message is two events, each verified by the reference library.
    long chat = Updates.nextId();
    Updates.deliver(api, id, Updates.text(chat, "Two pizzas, please"));
    List<Receiver.Request> delivered = Eventually.await(() -> receiver.at("/orders"), r -> r.size() == 2, WITHIN, "two deliveries");
    assertThat(StandardWebhooks.verify(delivered.stream().map(r -> StandardWebhooks.delivery(secret, r)).toList()))
      .allMatch(result -> result.getBoolean("ok"));

    browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", ui.url().replaceFirst("/app/$", ""),
      "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    ui.click("Copy secret");
    ui.status("The secret is copied.");
    assertThat(browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
      + " navigator.clipboard.readText().then(done, e => done('refused: ' + e))")).isEqualTo(secret);
    ui.click("I have stored it");
    ui.status("The secret is no longer shown.");
    assertSecretNowhereInThePage(secret);

    // Changed in place: the events and the description.
    action(endpoint.getString("id"), "Edit").click();
    WebElement form = item(endpoint.getString("id")).findElement(By.tagName("form"));
    form.findElement(By.cssSelector("input[value='subscriber.joined']")).click();
    form.findElement(By.cssSelector("input[value='message.sent']")).click();
    WebElement field = form.findElement(By.name("description"));
    field.clear();
    field.sendKeys("Orders");
    form.findElement(By.xpath(".//button[normalize-space()='Save changes']")).click();
    ui.status("The endpoint was changed.");
    endpoint = endpoints(owner, id).getJsonObject(0);
    assertThat(endpoint.getJsonArray("events")).containsExactly("message.received", "message.sent");
    assertThat(endpoint.getString("description")).isEqualTo("Orders");
    assertThat(ui.text("[data-endpoint-id] .description")).isEqualTo("Orders");

    // Disabled by its owner, with the API's reason, then enabled again.
    action(endpoint.getString("id"), "Disable").click();
    ui.status("The endpoint is disabled: nothing is sent to it.");
    assertThat(endpoints(owner, id).getJsonObject(0).getString("disabled_reason")).isEqualTo("Disabled by its owner");
    assertThat(ui.text(".disabled-reason .reason")).isEqualTo("Disabled by its owner");
    action(endpoint.getString("id"), "Enable").click();
    ui.status("The endpoint is enabled again.");
    assertThat(endpoints(owner, id).getJsonObject(0).getString("status")).isEqualTo("enabled");
    assertThat(browser.driver.findElements(By.cssSelector(".disabled-reason"))).isEmpty();

    // A new secret, shown once; for 24 hours the old one signs as well.
    action(endpoint.getString("id"), "Rotate secret").click();
    assertThat(ui.text("#confirm-text")).contains("For 24 hours every delivery carries a signature under the old secret too");
    ui.confirm(true);
    ui.status("The secret was rotated. Copy the new one now: it is shown only once.");
    assertThat(ui.text(".new-secret")).contains("The old secret keeps signing deliveries for 24 hours");
    String rotated = browser.driver.findElement(By.cssSelector(".new-secret .key-value")).getDomProperty("value");
    assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
    Updates.deliver(api, id, Updates.text(chat, "And a salad"));
    Receiver.Request last = Eventually.await(() -> receiver.at("/orders"), r -> r.size() == 3, WITHIN, "the third delivery").get(2);
    assertThat(last.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(StandardWebhooks.verify(List.of(StandardWebhooks.delivery(rotated, last), StandardWebhooks.delivery(secret, last))))
      .allMatch(result -> result.getBoolean("ok"));

    // Deleted only once confirmed; the secret on the page goes with it.
    action(endpoint.getString("id"), "Delete").click();
    ui.confirm(false);
    assertThat(endpoints(owner, id)).hasSize(1);
    action(endpoint.getString("id"), "Delete").click();
    ui.confirm(true);
    ui.status("The endpoint " + orders + " was deleted.");
    assertThat(endpoints(owner, id)).isEmpty();
    assertThat(ui.text(".endpoint-list .empty")).startsWith("No endpoints yet");
    assertThat(browser.driver.findElements(By.cssSelector(".new-secret .key-value"))).isEmpty();
  }

  @Test
  void aFailingEndpointsDeliveriesAreLoggedPagedSentAgainAndReplayed() {
    Api.Account owner = api.newAccount("omar");
    String id = bot(owner, "Ticket desk").getString("id");
    AtomicBoolean up = new AtomicBoolean(false);
    receiver.answer("/tickets", n -> Receiver.Answer.of(up.get() ? 200 : 503));
    String endpoint = create(owner, id, receiver.url("/tickets"), "message.received");
    String path = "/bots/" + id + "/endpoints/" + endpoint;
    // From 21 chats: the replies to one chat, and so its events, are paced at one a second.
    for (int i = 0; i < 21; i++) {
      Updates.deliver(api, id, Updates.text(Updates.nextId(), "ticket " + i));
    }
    JsonArray failed = Eventually.await(() -> deliveries(owner, path + "/deliveries?status=failed&limit=100"),
      l -> l.size() == 21, WITHIN, "21 failed deliveries");
    HttpResponse<Buffer> first = api.get(path + "/deliveries?limit=20", owner.token());

    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + id + "/endpoints");
    ui.heading("Ticket desk");
    action(endpoint, "Delivery log").click();
    assertThat(rows()).as("newest first, as the API pages them").isEqualTo(ids(first.bodyAsJsonArray())).hasSize(20);
    WebElement row = row(failed.getJsonObject(0).getString("id"));
    assertThat(row.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Failed");
    assertThat(row.findElement(By.cssSelector(".attempts")).getText()).isEqualTo("3");
    assertThat(row.findElement(By.cssSelector(".answer")).getText()).isEqualTo("HTTP 503\nanswered 503");
    assertThat(failed.getJsonObject(0).getString("last_error")).isEqualTo("answered 503");
    ui.click("Next page");
    browser.wait.until(d -> rows().size() == 1);
    String next = first.getHeader("Link").replaceAll("^<([^>]+)>.*$", "$1");
    assertThat(rows()).isEqualTo(ids(api.get(next, owner.token()).bodyAsJsonArray()));
    ui.click("Previous page");
    browser.wait.until(d -> rows().size() == 20);

    Select show = new Select(browser.driver.findElement(By.name("status")));
    show.selectByVisibleText("Delivered");
    assertThat(ui.text(".delivery-list .empty")).isEqualTo("No delivered delivery.");
    show.selectByVisibleText("Failed");
    browser.wait.until(d -> rows().size() == 20);
    show.selectByVisibleText("Every status");
    browser.wait.until(d -> rows().size() == 20);

    // Sent again: the receiver, up now, takes it, and the log follows it until it is delivered.
    up.set(true);
    JsonObject newest = failed.getJsonObject(0);
    row(newest.getString("id")).findElement(By.xpath(".//button[normalize-space()='Send again']")).click();
    ui.status("The delivery is due again: it is sent within seconds.");
    Eventually.await(() -> receiver.at("/tickets").stream().filter(r -> r.header("webhook-id").equals(newest.getString("event_id")))
      .count(), n -> n == 4, WITHIN, "the fourth attempt");
    browser.wait.until(d -> "delivered".equals(row(newest.getString("id")).getDomAttribute("data-status")));
    assertThat(row(newest.getString("id")).findElement(By.cssSelector(".attempts")).getText()).isEqualTo("4");
    ui.script("window.scrollTo(0, 0)");
    assertThat(ui.script("const table = document.querySelector('.deliveries-table');"
      + " return table.getBoundingClientRect().right <= table.parentElement.getBoundingClientRect().right"))
      .as("the log fits the desktop page").isEqualTo(true);
    browser.screenshot("dashboard-deliveries");

    // Every failed one since a day ago: the API's count, and each reaches the receiver.
    int before = receiver.at("/tickets").size();
    ui.click("Send failed deliveries again");
    browser.wait.until(ExpectedConditions.attributeToBe(By.cssSelector("output.replayed"), "data-replayed", "20"));
    assertThat(ui.text("output.replayed")).startsWith("20 failed deliveries since ").endsWith(" are sent again.");
    Eventually.await(() -> receiver.at("/tickets").size(), n -> n == before + 20, WITHIN, "the 20 replayed");
    Eventually.await(() -> deliveries(owner, path + "/deliveries?status=failed"), JsonArray::isEmpty, WITHIN, "none failed");
    browser.wait.until(d -> d.findElements(By.cssSelector(".deliveries-table tr[data-status='delivered']")).size() == 20);

    // A disabled endpoint's refusals (409), in the API's words.
    assertThat(api.patch(path, new JsonObject().put("status", "disabled"), owner.token()).statusCode()).isEqualTo(200);
    String refusal = api.post(path + "/replay", new JsonObject().put("since", "2020-01-01T00:00:00Z"), owner.token())
      .bodyAsJsonObject().getString("detail");
    ui.click("Send failed deliveries again");
    assertThat(ui.formAlert("since")).isEqualTo(refusal).isEqualTo("The endpoint is disabled: enable it first");
    row(newest.getString("id")).findElement(By.xpath(".//button[normalize-space()='Send again']")).click();
    assertThat(ui.text(".log-alert")).isEqualTo(refusal);

    browser.emulate(390, 844);
    try {
      browser.driver.navigate().refresh();
      browser.wait.until(d -> rows().size() == 20);
      assertFitsTheWidth();
      browser.screenshot("dashboard-phone-deliveries");
    } finally {
      browser.emulate(null, null);
    }
  }

  @Test
  void anEndpointTheServiceDisabledAfterFiveDaysOfFailuresSaysWhyAndIsEnabledAgain() {
    Api.Account owner = api.newAccount("ivy");
    String id = bot(owner, "Weather alerts").getString("id");
    receiver.answer("/gone", n -> Receiver.Answer.of(410));
    create(owner, id, receiver.url("/crm"), "command.received");
    String gone = create(owner, id, receiver.url("/gone"), "message.received");
    try (Sql sql = new Sql(vertx, database)) {
      sql.query("UPDATE endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = $1", UUID.fromString(gone));
    }
    Updates.deliver(api, id, Updates.text(Updates.nextId(), "Rain tomorrow?"));
    JsonObject disabled = Eventually.await(() -> api.get("/bots/" + id + "/endpoints/" + gone, owner.token()).bodyAsJsonObject(),
      e -> e.getString("status").equals("disabled"), WITHIN, "disabled by the delivery worker");

    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + id + "/endpoints");
    ui.heading("Weather alerts");
    WebElement item = item(gone);
    assertThat(item.findElement(By.cssSelector(".badge")).getText()).isEqualTo("Disabled");
    assertThat(item.findElement(By.cssSelector(".disabled-reason")).getText())
      .startsWith("Nothing is delivered to this endpoint. Reason: Every delivery failed for 5 days.");
    assertThat(item.findElement(By.cssSelector(".reason")).getText()).isEqualTo(disabled.getString("disabled_reason"));
    fullPageScreenshot("dashboard-endpoints");
    browser.emulate(390, 844);
    try {
      assertFitsTheWidth();
      scrollTo("[data-endpoint-id='" + gone + "']");
      browser.screenshot("dashboard-phone-endpoints");
    } finally {
      browser.emulate(null, null);
    }

    action(gone, "Delivery log").click();
    assertThat(ui.text(".endpoint-summary .reason")).isEqualTo("Every delivery failed for 5 days");
    ui.click("← All endpoints");
    action(gone, "Enable").click();
    ui.status("The endpoint is enabled again.");
    JsonObject enabled = api.get("/bots/" + id + "/endpoints/" + gone, owner.token()).bodyAsJsonObject();
    assertThat(enabled.getString("status")).isEqualTo("enabled");
    assertThat(enabled.getValue("disabled_reason")).isNull();
    assertThat(item(gone).findElement(By.cssSelector(".badge")).getText()).isEqualTo("Enabled");
  }

  @Test
  void aMessageSentFromTheChatsTabReachesTheChatOnceAndIsFollowedUntilSent() {
    Api.Account owner = api.newAccount("ben");
    JsonObject bot = bot(owner, "Bakery");
    String id = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    long chat = Updates.nextId();
    Updates.deliver(api, id, Updates.text(chat, "Is the rye bread ready?"));
    Eventually.await(() -> api.get("/bots/" + id + "/chats", owner.token()).bodyAsJsonArray(), a -> a.size() == 1, WITHIN, "the chat");
    long stranger = Updates.nextId();
    String neverWrote = Api.fieldMessages(api.post("/bots/" + id + "/messages", new JsonObject().put("chat_id", stranger)
      .put("text", "hi"), owner.token())).get("chat_id");

    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + id + "/chats");
    ui.heading("Bakery");
    ui.fill("chat_id", String.valueOf(stranger));
    ui.fill("text", "Hello?");
    ui.click("Send message");
    assertThat(ui.fieldError("chat_id")).isEqualTo(DashboardUi.shown(neverWrote)).isEqualTo("This chat has not written to the bot");

    browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Send a message to chat " + chat + "']")))
      .click();
    assertThat(ui.field("chat_id").getDomProperty("value")).isEqualTo(String.valueOf(chat));
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("text");
    String text = "Yes: fresh from the oven, until 6 pm.";
    ui.fill("text", text);
    browser.driver.findElement(By.cssSelector(".send-box input[name='silent']")).click();
    // Submitted twice at once, as a double click that beat the button would: two requests, one key, one message.
    ui.script("window.posts = 0; const send = window.fetch;"
      + " window.fetch = (url, init) => { if (String(url).endsWith('/messages') && init.method === 'POST') { window.posts++; }"
      + " return send(url, init); };"
      + " const form = document.querySelector('form.send-box'); form.requestSubmit(); form.requestSubmit();");
    WebElement sent = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".sent-message")));
    browser.wait.until(d -> "sent".equals(sent.findElement(By.cssSelector(".badge")).getDomAttribute("data-status")));
    assertThat(ui.script("return window.posts")).isEqualTo(2L);
    assertThat(browser.driver.findElements(By.cssSelector(".sent-message"))).hasSize(1);
    assertThat(sent.findElement(By.cssSelector(".sent-text")).getText()).isEqualTo(text);
    assertThat(sent.findElement(By.cssSelector(".sent-head")).getText()).startsWith("Sent Silent To chat " + chat + " · sent ");
    assertThat(telegram.sent(telegramId, chat)).containsOnlyOnce(text);
    assertThat(telegram.calls(telegramId, "sendMessage").stream().filter(c -> text.equals(c.body().getString("text")))
      .map(c -> c.body().getBoolean("disable_notification"))).containsExactly(true);
    JsonObject message = api.get("/bots/" + id + "/messages/" + sent.getDomAttribute("data-message-id"), owner.token())
      .bodyAsJsonObject();
    assertThat(message.getString("status")).isEqualTo("sent");
    assertThat(message.getLong("chat_id")).isEqualTo(chat);
    fullPageScreenshot("dashboard-send-message");

    browser.emulate(390, 844);
    try {
      assertFitsTheWidth();
      assertThat(ui.script("return document.querySelector('table.chats button').getBoundingClientRect().right <= window.innerWidth"))
        .as("a chat's Message button without scrolling the table").isEqualTo(true);
      scrollTo("form.send-box");
      browser.screenshot("dashboard-phone-send-message");
    } finally {
      browser.emulate(null, null);
    }
  }

  // ---- the API ---------------------------------------------------------------------------------

  /** A bot of {@code owner} that answers every message; updates are posted to its webhook route without waiting for Telegram's. */
  private static JsonObject bot(Api.Account owner, String name) {
    JsonObject bot = api.createBot(owner, name);
    HttpResponse<Buffer> commands = api.request(HttpMethod.PUT, "/bots/" + bot.getString("id") + "/commands",
      owner.token()).sendJsonObject(new JsonObject().put("commands", new JsonArray()).put("fallback_reply", "Noted!")).await();
    assertThat(commands.statusCode()).as(commands.bodyAsString()).isEqualTo(200);
    return bot;
  }

  private static String create(Api.Account owner, String bot, String url, String event) {
    HttpResponse<Buffer> created = api.post("/bots/" + bot + "/endpoints", new JsonObject().put("url", url)
      .put("events", new JsonArray().add(event)), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static JsonArray endpoints(Api.Account owner, String bot) {
    HttpResponse<Buffer> r = api.get("/bots/" + bot + "/endpoints", owner.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray();
  }

  private static JsonArray deliveries(Api.Account owner, String path) {
    HttpResponse<Buffer> r = api.get(path, owner.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray();
  }

  private static List<String> ids(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getString("id")).toList();
  }

  // ---- the page --------------------------------------------------------------------------------

  /** Checks the event's box in the form that adds an endpoint. */
  private static void check(String event) {
    browser.driver.findElement(By.cssSelector(".endpoint-form input[value='" + event + "']")).click();
  }

  private static WebElement item(String endpointId) {
    browser.wait.until(d -> d.findElement(By.cssSelector(".endpoint-list")).getDomAttribute("aria-busy") == null);
    return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-endpoint-id='" + endpointId + "']")));
  }

  /** A button (or the delivery log's link) of an endpoint's item, once it can be used. */
  private static WebElement action(String endpointId, String words) {
    return browser.wait.until(d -> item(endpointId).findElements(By.xpath(".//*[self::button or self::a][normalize-space()='" + words
      + "']")).stream().filter(WebElement::isEnabled).findFirst().orElse(null));
  }

  /** The delivery log's rows (their delivery ids), once it has loaded; read in one script, not one call a row. */
  @SuppressWarnings("unchecked")
  private static List<String> rows() {
    return (List<String>) browser.wait.until(d -> ui.script("const list = document.querySelector('.delivery-list');"
      + " return !list || list.getAttribute('aria-busy') !== null ? null"
      + " : [...list.querySelectorAll('.deliveries-table tbody tr')].map(r => r.dataset.deliveryId);"));
  }

  private static WebElement row(String deliveryId) {
    return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-delivery-id='" + deliveryId + "']")));
  }

  /** The signing secret (after its whsec_ prefix) nowhere in the page ({@link #assertNowhereInThePage}). */
  private static void assertSecretNowhereInThePage(String secret) {
    assertNowhereInThePage(secret.substring("whsec_".length()));
  }
}
