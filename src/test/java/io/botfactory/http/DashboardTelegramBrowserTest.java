package io.botfactory.http;

import io.botfactory.support.Api;
import io.botfactory.support.Browser;
import io.botfactory.support.DashboardUi;
import io.botfactory.support.Eventually;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.FaultRule;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's Telegram side in a real browser (see {@link Browser}) against a whole node
 * that talks to the Telegram double ({@link TelegramDoubles#shared()}): the issue's story from
 * sign-up to a chat answered, a token Telegram rejects, the commands editor, every webhook
 * badge, the live webhook view, and the chats. Each step is checked against what the API, and
 * the double, then answer. Screenshots of each screen go to target/screenshots/.
 */
class DashboardTelegramBrowserTest extends DashboardBrowserSession {

  private static final Duration WITHIN = Duration.ofSeconds(20);
  private static final TelegramDouble telegram = TelegramDoubles.shared();

  @BeforeEach
  void signedOut() {
    ui.signedOut();
  }

  @Test
  void aNewUserAddsABotGivesItStartAndSeesTheChatItAnswered() {
    long telegramId = Api.telegramId();
    String username = "helper" + telegramId + "_bot";
    String token = telegram.addBot(telegramId, username);
    // Telegram takes its time to confirm the webhook, so that "Pending" is seen turning into "Active".
    telegram.when("setWebhook").forBot(telegramId).times(1).then(DoubleFault.slow(4000));
    String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String password = "correct horse battery";

    ui.signUp(email, password, "Ada Lovelace");
    ui.heading("Your bots");
    ui.click("Log out");
    ui.heading("Log in to BotFactory");
    ui.logIn(email, password);
    Api.Account owner = owner(email, password);

    ui.fill("name", "Ada's helper");
    ui.fill("token", token);
    ui.click("Add bot");
    ui.heading("Ada's helper");
    String id = ui.shownBotId();
    assertThat(ui.headerBadge("pending")).isEqualTo("Pending");
    assertThat(ui.headerBadge("active")).as("without a reload").isEqualTo("Active");
    JsonObject bot = api.bot(owner, id);
    assertThat(bot.getString("telegram_username")).isEqualTo(username);
    assertThat(bot.getJsonObject("webhook").getString("status")).isEqualTo("active");
    assertThat(ui.text("section > .meta")).startsWith("@" + username);
    assertThat(ui.text(".bot-facts .token-hint")).isEqualTo(bot.getString("token_hint"));
    browser.screenshot("dashboard-bot");

    ui.tab("Commands");
    ui.click("Add a command");
    ui.fill("commands.0.command", "/start");
    ui.fill("commands.0.description", "Say hello");
    ui.fill("commands.0.reply", "Hello from BotFactory!");
    ui.click("Save commands");
    ui.status("Commands saved: 1.");
    assertThat(commands(owner, id)).isEqualTo(new JsonObject()
      .put("commands", new JsonArray().add(command("start", "Say hello", "Hello from BotFactory!")))
      .putNull("fallback_reply"));
    assertThat(ui.field("commands.0.command").getDomProperty("value")).as("the name as the API keeps it").isEqualTo("start");
    Eventually.await(() -> telegram.commands(telegramId), c -> !c.isEmpty(), WITHIN, "Telegram's menu");
    assertThat(telegram.commands(telegramId))
      .isEqualTo(new JsonArray().add(new JsonObject().put("command", "start").put("description", "Say hello")));

    long chat = Updates.nextId();
    assertThat(telegram.deliver(telegramId, Updates.text(chat, "/start")).await().status()).isEqualTo(200);
    Eventually.await(() -> telegram.sent(telegramId, chat), s -> !s.isEmpty(), WITHIN, "the reply to /start");
    assertThat(telegram.sent(telegramId, chat)).containsExactly("Hello from BotFactory!");
    JsonArray chats = Eventually.await(() -> chats(owner, id).bodyAsJsonArray(), a -> !a.isEmpty(), WITHIN, "the chat recorded");

    ui.tab("Chats");
    assertThat(chatRows()).isEqualTo(shown(chats));
    assertThat(chats.getJsonObject(0).getLong("chat_id")).isEqualTo(chat);
    assertThat(chatRows().get(chat)).isEqualTo(List.of(String.valueOf(chat), "private", "Open"));
  }

  @Test
  void aTokenTelegramRejectsIsAnsweredUnderTheTokenFieldWhenAddingAndWhenReplacing() {
    Api.Account account = api.newAccount("bea");
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId, "bea" + telegramId + "_bot");
    String madeUp = Api.telegramToken(telegramId);
    String apiWords = Api.fieldMessages(api.post("/bots", new JsonObject().put("name", "Impostor").put("token", madeUp),
      account.token())).get("token");
    assertThat(apiWords).isEqualTo("Value error, Telegram rejected this token");

    ui.logIn(account.email(), account.password());
    ui.fill("name", "Look-alike");
    ui.fill("token", madeUp);
    ui.click("Add bot");
    assertThat(ui.fieldError("token")).isEqualTo(DashboardUi.shown(apiWords)).isEqualTo("Telegram rejected this token");
    assertThat(ui.field("token").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(ui.formAlert("token")).isEqualTo("Some fields need correcting.");
    assertThat(ui.focused().getDomAttribute("name")).isEqualTo("token");
    browser.screenshot("dashboard-token-rejected");
    assertThat(api.get("/bots/me", account.token()).bodyAsJsonArray()).isEmpty();

    ui.fill("token", real);
    ui.click("Add bot");
    ui.heading("Look-alike");
    String id = ui.shownBotId();
    JsonObject before = api.awaitWebhook(account, id, "active");

    String otherMadeUp = Api.telegramToken(telegramId);
    String replaceWords = Api.fieldMessages(api.patch("/bots/" + id, new JsonObject().put("token", otherMadeUp), account.token()))
      .get("token");
    ui.fill("token", otherMadeUp);
    ui.click("Replace the token");
    assertThat(ui.fieldError("token")).isEqualTo(DashboardUi.shown(replaceWords)).isEqualTo("Telegram rejected this token");
    assertThat(ui.formAlert("token")).isEqualTo("Some fields need correcting.");
    JsonObject after = api.bot(account, id);
    assertThat(after.getString("token_hint")).isEqualTo(before.getString("token_hint"));
    assertThat(after.getString("updated_at")).isEqualTo(before.getString("updated_at"));
    assertThat(ui.text(".bot-facts .token-hint")).isEqualTo(before.getString("token_hint"));
  }

  @Test
  void commandsAreAddedReorderedAndRemovedAndTheApisRefusalIsShownOnTheRowItNames() {
    Api.Account account = api.newAccount("cy");
    JsonObject bot = api.createBot(account, "Pizza orders");
    String id = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    ui.logIn(account.email(), account.password());
    ui.go("#/bots/" + id + "/commands");
    ui.heading("Pizza orders");
    browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".command-list .empty"), "No commands yet."));

    addCommand(0, "start", "Start ordering", "Welcome! Send /menu to see today's pizzas.");
    addCommand(1, "menu", "Today's pizzas", "Margherita, Diavola, Quattro formaggi.");
    addCommand(2, "hours", "Opening hours", "Every day from 11:00 to 23:00.");
    String fallback = "Sorry, I only know /start, /menu and /hours.";
    ui.fill("fallback_reply", fallback);
    ui.click("Save commands");
    ui.status("Commands saved: 3.");
    assertThat(names(commands(account, id))).containsExactly("start", "menu", "hours");
    assertThat(commands(account, id).getString("fallback_reply")).isEqualTo(fallback);

    // /hours moves above /menu, then /menu goes.
    rowButton(2, "up").click();
    assertThat(shownNames()).containsExactly("start", "hours", "menu");
    rowButton(2, "remove").click();
    assertThat(shownNames()).containsExactly("start", "hours");
    ui.click("Save commands");
    ui.status("Commands saved: 2.");
    assertThat(names(commands(account, id))).containsExactly("start", "hours");

    // The API's own checks, each shown on the row it names: "/start" is the name "start" again, and
    // 2,100 pizza emoji are 2,100 characters but 4,200 UTF-16 code units, over Telegram's 4,096.
    ui.click("Add a command");
    ui.fill("commands.2.command", "/start");
    ui.fill("commands.2.description", "Start again");
    ui.fill("commands.2.reply", "Welcome back!");
    String pizzas = "\uD83C\uDF55".repeat(2100);
    ui.paste("commands.1.reply", pizzas);
    JsonObject attempt = new JsonObject().put("commands", new JsonArray()
        .add(command("start", "Start ordering", "Welcome! Send /menu to see today's pizzas."))
        .add(command("hours", "Opening hours", pizzas))
        .add(command("/start", "Start again", "Welcome back!")))
      .put("fallback_reply", fallback);
    Map<String, String> apiWords = Api.fieldMessages(putCommands(account, id, attempt));
    assertThat(apiWords).containsOnlyKeys("commands.2.command", "commands.1.reply");

    ui.click("Save commands");
    assertThat(ui.fieldError("commands.2.command")).isEqualTo(DashboardUi.shown(apiWords.get("commands.2.command")))
      .isEqualTo("Command names must be unique within the bot");
    assertThat(ui.fieldError("commands.1.reply")).isEqualTo(DashboardUi.shown(apiWords.get("commands.1.reply")))
      .isEqualTo("String should have at most 4096 UTF-16 code units (Telegram's limit)");
    assertThat(invalidFields()).containsExactlyInAnyOrder("commands.2.command", "commands.1.reply");
    assertThat(ui.formAlert("fallback_reply")).isEqualTo("Some fields need correcting.");
    browser.screenshot("dashboard-commands-errors");
    assertThat(names(commands(account, id))).as("nothing changed").containsExactly("start", "hours");

    ui.fill("commands.2.command", "order");
    ui.fill("commands.2.description", "Order a pizza");
    ui.fill("commands.2.reply", "Which pizza would you like?");
    ui.paste("commands.1.reply", "Every day from 11:00 to 23:00 \uD83C\uDF55");
    ui.click("Save commands");
    ui.status("Commands saved: 3.");
    assertThat(invalidFields()).isEmpty();
    JsonObject saved = commands(account, id);
    assertThat(names(saved)).containsExactly("start", "hours", "order");
    assertThat(saved.getJsonArray("commands").getJsonObject(1).getString("reply")).isEqualTo("Every day from 11:00 to 23:00 \uD83C\uDF55");
    browser.screenshot("dashboard-commands");

    // Telegram's menu follows, and the fallback reply answers any other text.
    Eventually.await(() -> telegram.commands(telegramId).stream().map(c -> ((JsonObject) c).getString("command")).toList(),
      menu -> menu.equals(List.of("start", "hours", "order")), WITHIN, "Telegram's menu");
    long chat = Updates.nextId();
    telegram.deliver(telegramId, Updates.text(chat, "Do you deliver?")).await();
    assertThat(Eventually.await(() -> telegram.sent(telegramId, chat), s -> !s.isEmpty(), WITHIN, "the fallback reply"))
      .containsExactly(fallback);
  }

  @Test
  void eachBotShowsItsWebhookStateAndWhatToDoAboutIt() {
    Api.Account account = api.newAccount("ada");
    long supportId = Api.telegramId();
    long weatherId = Api.telegramId();
    long pizzaId = Api.telegramId();
    long quizId = Api.telegramId();
    String pizzaToken = telegram.addBot(pizzaId, "pizza_orders_bot");

    create(account, "Support desk", telegram.addBot(supportId, "support_desk_bot"), "Answers customers' questions day and night");
    FaultRule telegramDown = telegram.when("setWebhook").forBot(weatherId).then(DoubleFault.internalError());
    String weather = create(account, "Weather alerts", telegram.addBot(weatherId, "weather_alerts_bot"), "Rain, storms and heat waves");
    String pizza = create(account, "Pizza orders", pizzaToken, "Takes orders for the shop on Main Street");
    String quiz = create(account, "Quiz night", telegram.addBot(quizId, "quiz_night_bot"), null);
    api.awaitWebhook(account, pizza, "active");
    api.patch("/bots/" + quiz, new JsonObject().put("is_active", false), account.token());
    api.awaitWebhook(account, quiz, "disabled");
    JsonObject failing = api.awaitWebhook(account, weather, "failing").getJsonObject("webhook");
    assertThat(failing.getString("last_error")).isNotBlank();

    // The token is revoked with @BotFather; Telegram says so when the bot is activated again.
    telegram.revoke(pizzaToken);
    ui.logIn(account.email(), account.password());
    ui.click("Pizza orders");
    ui.heading("Pizza orders");
    ui.headerBadge("active");
    ui.click("Deactivate bot");
    assertThat(ui.headerBadge("disabled")).isEqualTo("Disabled");
    ui.click("Activate bot");
    assertThat(ui.headerBadge("token_rejected")).as("without a reload").isEqualTo("Token rejected");
    JsonObject rejected = api.bot(account, pizza).getJsonObject("webhook");
    assertThat(rejected.getString("status")).isEqualTo("token_rejected");
    assertThat(ui.text(".bot-facts .webhook-details")).contains("@BotFather").contains("Replace the token")
      .contains(rejected.getString("last_error"));
    browser.screenshot("dashboard-bot-token-rejected");

    ui.click("← All bots");
    assertThat(ui.botNames()).containsExactly("Support desk", "Weather alerts", "Pizza orders", "Quiz night");
    for (JsonObject bot : api.get("/bots/me", account.token()).bodyAsJsonArray().stream().map(JsonObject.class::cast).toList()) {
      WebElement card = ui.botCard(bot.getString("name"));
      assertThat(card.findElement(By.cssSelector(".badge")).getDomAttribute("data-status"))
        .as(bot.getString("name")).isEqualTo(bot.getJsonObject("webhook").getString("status"));
      assertThat(card.findElement(By.cssSelector(".meta")).getText()).isEqualTo("@" + bot.getString("telegram_username"));
    }
    assertThat(badges()).containsExactly("Active", "Failing", "Token rejected", "Disabled");
    assertThat(ui.botCard("Weather alerts").findElement(By.cssSelector(".last-error")).getText())
      .isEqualTo(api.bot(account, weather).getJsonObject("webhook").getString("last_error"));
    assertThat(ui.botCard("Pizza orders").findElement(By.linkText("Replace the token")).getDomAttribute("href"))
      .isEqualTo("#/bots/" + pizza);
    browser.screenshot("dashboard-bots");

    // Telegram is back: the failing bot settles by itself, as its open page shows.
    ui.click("Weather alerts");
    ui.heading("Weather alerts");
    ui.headerBadge("failing");
    assertThat(ui.text(".bot-facts .last-error")).contains(api.bot(account, weather).getJsonObject("webhook").getString("last_error"));
    telegramDown.clear();
    // Its retries back off while Telegram fails (1, 2, 4 … s; here at most 2 s: BOTFACTORY_WEBHOOK_RETRY_MAX_S).
    browser.wait.until(ExpectedConditions.attributeToBe(By.cssSelector("section > .meta .badge"), "data-status", "active"));
    assertThat(api.bot(account, weather).getJsonObject("webhook").getValue("last_error")).isNull();
    assertThat(browser.driver.findElements(By.cssSelector(".bot-facts .last-error"))).isEmpty();

    // A new token from @BotFather puts the rejected bot right.
    ui.click("← All bots");
    ui.click("Replace the token");
    ui.heading("Pizza orders");
    ui.fill("token", telegram.newToken(pizzaId));
    ui.click("Replace the token");
    ui.status("The token was replaced.");
    ui.headerBadge("active");
    assertThat(api.bot(account, pizza).getJsonObject("webhook").getString("status")).isEqualTo("active");
  }

  @Test
  void theWebhookViewShowsWhatTelegramReportsOrThatItDidNotAnswer() {
    Api.Account account = api.newAccount("dee");
    JsonObject bot = api.createBot(account, "Weather alerts");
    String id = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    // Telegram keeps three updates for the bot and reports why its last delivery failed: the
    // first, which BotFactory refused (413: over 1 MiB; an update it merely cannot use is
    // answered 200, so that it never holds the others back), blocks the others.
    long chat = Updates.nextId();
    telegram.queueUpdate(telegramId, Updates.text(chat, "x".repeat(1_100_000)));
    telegram.queueUpdate(telegramId, Updates.text(chat, "second"));
    telegram.queueUpdate(telegramId, Updates.text(chat, "third"));
    assertThat(telegram.flushToWebhook(telegramId).await()).extracting(TelegramDouble.Delivery::status).containsExactly(413);
    JsonObject view = webhook(account, id);
    JsonObject live = view.getJsonObject("telegram");
    assertThat(live.getInteger("pending_update_count")).isEqualTo(3);
    assertThat(live.getString("last_error_message")).startsWith("Wrong response from the webhook: 413");

    ui.logIn(account.email(), account.password());
    ui.go("#/bots/" + id + "/webhook");
    ui.heading("Weather alerts");
    browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".pending-updates"), "3"));
    assertThat(ui.text(".telegram .url")).isEqualTo(live.getString("url")).endsWith("/telegram/webhook/" + id);
    assertThat(ui.text(".telegram-error q")).isEqualTo(live.getString("last_error_message"));
    assertThat(browser.driver.findElement(By.cssSelector(".telegram-error time")).getDomAttribute("datetime"))
      .isEqualTo(live.getString("last_error_date"));
    assertThat(browser.driver.findElement(By.cssSelector(".card .facts .badge")).getDomAttribute("data-status"))
      .isEqualTo(view.getString("status")).isEqualTo("active");
    browser.screenshot("dashboard-webhook");

    FaultRule silent = telegram.when("getWebhookInfo").forBot(telegramId).then(DoubleFault.hang());
    try {
      ui.click("Refresh");
      browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".telegram-silent")));
      assertThat(ui.text(".telegram-silent")).startsWith("Telegram did not answer");
      assertThat(browser.driver.findElements(By.cssSelector(".pending-updates"))).isEmpty();
      assertThat(browser.driver.findElement(By.cssSelector(".card .facts .badge")).getDomAttribute("data-status")).isEqualTo("active");
      JsonObject unanswered = webhook(account, id);
      assertThat(unanswered.getValue("telegram")).isNull();
      assertThat(unanswered.getString("status")).isEqualTo("active");
    } finally {
      silent.clear();
    }
    ui.click("Refresh");
    browser.wait.until(ExpectedConditions.textToBe(By.cssSelector(".pending-updates"), "3"));
  }

  @Test
  void chatsArePagedAsTheApiPagesThemAndAChatThatBlockedTheBotIsMarked() {
    Api.Account account = api.newAccount("eve");
    JsonObject bot = api.createBot(account, "Quiz night");
    String id = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    assertThat(putCommands(account, id, new JsonObject().put("commands", new JsonArray()
      .add(command("start", "Join the quiz", "Welcome to quiz night!")))).statusCode()).isEqualTo(200);
    long blocker = Updates.nextId();
    telegram.block(telegramId, blocker);
    telegram.deliver(telegramId, Updates.text(blocker, "/start")).await();
    List<Long> others = IntStream.range(0, 26).mapToObj(i -> Updates.nextId()).toList();
    for (long chat : others) {
      assertThat(telegram.deliver(telegramId, Updates.text(chat, "/start")).await().status()).isEqualTo(200);
    }
    Eventually.await(() -> chats(account, id).bodyAsJsonArray(),
      a -> a.size() == 27 && a.stream().map(JsonObject.class::cast).anyMatch(c -> c.getBoolean("blocked")), WITHIN,
      "27 chats, one blocked");

    HttpResponse<Buffer> first = api.get("/bots/" + id + "/chats?limit=25", account.token());
    String next = first.getHeader("Link").replaceAll("^<([^>]+)>.*$", "$1");
    JsonArray second = api.get(next, account.token()).bodyAsJsonArray();

    ui.logIn(account.email(), account.password());
    ui.go("#/bots/" + id + "/chats");
    ui.heading("Quiz night");
    Map<Long, List<String>> page1 = chatRows();
    assertThat(page1).isEqualTo(shown(first.bodyAsJsonArray()));
    browser.screenshot("dashboard-chats");
    ui.click("Next page");
    browser.wait.until(d -> chatRows().size() == 2);
    assertThat(chatRows()).isEqualTo(shown(second));
    Map<Long, List<String>> all = new LinkedHashMap<>(page1);
    all.putAll(chatRows());
    assertThat(all.get(blocker).get(2)).isEqualTo("Blocked the bot");
    assertThat(all.values().stream().filter(row -> row.get(2).equals("Open")).count()).isEqualTo(26);
    assertThat(browser.driver.findElements(By.xpath("//button[normalize-space()='Next page']"))).isEmpty();
    ui.click("Previous page");
    browser.wait.until(d -> chatRows().size() == 25);
    assertThat(chatRows()).isEqualTo(page1);
  }

  // ---- steps and what the API answers ----------------------------------------------------------

  private static Api.Account owner(String email, String password) {
    String token = api.login(email, password).bodyAsJsonObject().getString("access_token");
    return new Api.Account(api.get("/clients/me", token).bodyAsJsonObject().getString("id"), email, password, token);
  }

  /** Adds a bot through the API; answers its id. */
  private static String create(Api.Account account, String name, String token, String description) {
    HttpResponse<Buffer> created = api.post("/bots", new JsonObject().put("name", name).put("token", token)
      .put("description", description), account.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static void addCommand(int row, String name, String description, String reply) {
    ui.click("Add a command");
    ui.fill("commands." + row + ".command", name);
    ui.fill("commands." + row + ".description", description);
    ui.fill("commands." + row + ".reply", reply);
  }

  private static WebElement rowButton(int row, String action) {
    return browser.driver.findElement(By.cssSelector("[data-row='" + row + "'][data-action='" + action + "']"));
  }

  private static List<String> shownNames() {
    return browser.driver.findElements(By.cssSelector("[data-loc$='.command']")).stream()
      .map(e -> e.getDomProperty("value")).toList();
  }

  private static List<String> invalidFields() {
    return browser.driver.findElements(By.cssSelector("[aria-invalid='true']")).stream()
      .map(e -> e.getDomAttribute("data-loc")).toList();
  }

  private static List<String> badges() {
    return browser.driver.findElements(By.cssSelector(".bot-card .badge")).stream().map(WebElement::getText).toList();
  }

  private static JsonObject command(String name, String description, String reply) {
    return new JsonObject().put("command", name).put("description", description).put("reply", reply);
  }

  private static JsonObject commands(Api.Account account, String id) {
    HttpResponse<Buffer> r = api.get("/bots/" + id + "/commands", account.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static List<String> names(JsonObject set) {
    return set.getJsonArray("commands").stream().map(c -> ((JsonObject) c).getString("command")).toList();
  }

  private static HttpResponse<Buffer> putCommands(Api.Account account, String id, JsonObject set) {
    return api.request(HttpMethod.PUT, "/bots/" + id + "/commands", account.token()).sendJsonObject(set).await();
  }

  private static HttpResponse<Buffer> chats(Api.Account account, String id) {
    HttpResponse<Buffer> r = api.get("/bots/" + id + "/chats", account.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r;
  }

  private static JsonObject webhook(Api.Account account, String id) {
    HttpResponse<Buffer> r = api.get("/bots/" + id + "/webhook", account.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  /** The chats table once loaded: chat id → [chat id, type, state], in the page's order. */
  private static Map<Long, List<String>> chatRows() {
    browser.wait.until(d -> d.findElement(By.cssSelector(".table-scroll")).getDomAttribute("aria-busy") == null
      && !d.findElements(By.cssSelector("table.chats tbody tr")).isEmpty());
    Map<Long, List<String>> rows = new LinkedHashMap<>();
    for (WebElement row : browser.driver.findElements(By.cssSelector("table.chats tbody tr"))) {
      List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
      rows.put(Long.parseLong(row.getDomAttribute("data-chat-id")), List.of(cells.get(0), cells.get(2), cells.get(1)));
    }
    return rows;
  }

  /** What the chats table should show for the API's chats. */
  private static Map<Long, List<String>> shown(JsonArray chats) {
    Map<Long, List<String>> rows = new LinkedHashMap<>();
    for (Object c : chats) {
      JsonObject chat = (JsonObject) c;
      rows.put(chat.getLong("chat_id"), List.of(String.valueOf(chat.getLong("chat_id")), chat.getString("type"),
        chat.getBoolean("blocked") ? "Blocked the bot" : "Open"));
    }
    return rows;
  }
}
