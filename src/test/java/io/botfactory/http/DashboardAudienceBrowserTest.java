package io.botfactory.http;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Browser;
import io.botfactory.support.DashboardUi;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleFault;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot's audience in the dashboard, in a real browser (see {@link Browser}): subscribers who
 * came with /start through the bot's webhook, filtered, tagged one by one and in bulk, and
 * exported; the analytics tab's chart, totals and breakdowns; a broadcast composed with the live
 * count of whom it reaches, followed until it is done, paused, resumed, and a refusal (409) shown.
 * Each step is checked against what the API, the downloaded files and the Telegram double then
 * say. The node is this class's own, sending broadcasts at 1,000 messages a second, so that
 * waiting for one to finish takes no time; screenshots go to target/screenshots/.
 */
class DashboardAudienceBrowserTest extends DashboardBrowserSession {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final TelegramDouble telegram = TelegramDoubles.shared();
  private static TestStack node;
  private static String database;
  private static Vertx vertx;
  private static Path downloads;

  /** Runs after the session's own start: from here on, {@code api} and {@code ui} are this class's node's. */
  @BeforeAll
  static void startNode() throws IOException {
    // A database of its own: a node with the webhook role and a public URL of its own would make
    // every bot of the shared one due again, and its engine would take them.
    database = TestDatabase.fresh("audience_browser");
    node = TestStack.start(TestStack.config(database).put(ConfigKey.BROADCAST_RATE.key(), 1000));
    vertx = Vertx.vertx();
    api = new Api(vertx, node.port);
    ui = new DashboardUi(browser, node.port);
    downloads = Files.createTempDirectory("dashboard-downloads");
    browser.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
      downloads.toAbsolutePath().toString()));
  }

  @AfterAll
  static void stopNode() {
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
  void subscribersWhoSentStartAreFilteredTaggedOneByOneAndInBulkAndExported() throws IOException {
    Api.Account owner = api.newAccount("rosa");
    Audience garden = audience(owner, "Garden club", new String[][]{
      {"Mila", "spring_fair"}, {"Omar", "spring_fair"}, {"Ines", null}, {"Theo", "newsletter"}, {"Yuki", null}});
    long mila = garden.chats.get(0);
    long omar = garden.chats.get(1);
    long ines = garden.chats.get(2);

    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + garden.id + "/subscribers");
    ui.heading("Garden club");
    assertThat(shownChats()).as("oldest first, as the API lists them").isEqualTo(listed(garden, "")).hasSize(5);
    assertThat(cell(ines, 3)).isEqualTo("—");
    assertThat(cell(mila, 3)).isEqualTo("spring_fair");

    // Two selected, two tags added at once.
    checkbox(mila).click();
    checkbox(ines).click();
    assertThat(ui.text(".bulk-tags .selection")).isEqualTo("2 selected.");
    ui.fill("bulk_tags", "vip, early");
    ui.click("Add tags");
    ui.status("Tags vip, early added to 2 of 2 selected subscribers.");
    assertThat(tags(garden, mila)).containsExactly("vip", "early");
    assertThat(tags(garden, ines)).containsExactly("vip", "early");
    browser.wait.until(d -> chips(ines).equals(List.of("vip", "early")));
    assertThat(ui.text(".bulk-tags .selection")).as("the selection went with the change").isEqualTo("Select subscribers in the list below to tag them.");

    // One subscriber's tags, edited in its row.
    browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[aria-label='Edit the tags of Omar']"))).click();
    ui.fill("tags", "vip");
    ui.click("Save tags");
    ui.status("Tags of Omar saved.");
    assertThat(tags(garden, omar)).containsExactly("vip");
    assertThat(chips(omar)).containsExactly("vip");
    fullPageScreenshot("dashboard-subscribers");

    // Filtered by tag, then the tag "early" taken from everyone shown.
    ui.fill("tag", "vip");
    ui.click("Apply filters");
    browser.wait.until(d -> shownChats().size() == 3);
    assertThat(shownChats()).isEqualTo(listed(garden, "?tag=vip")).containsExactlyInAnyOrder(mila, omar, ines);
    browser.driver.findElement(By.cssSelector("table.subscribers-table thead input[type=checkbox]")).click();
    ui.fill("bulk_tags", "early");
    ui.click("Remove tags");
    ui.status("Tag early removed from 2 of 3 selected subscribers.");
    assertThat(tags(garden, mila)).containsExactly("vip");
    assertThat(tags(garden, ines)).containsExactly("vip");

    // The tag and source filters together, exported as the API exports them.
    ui.fill("source", "spring_fair");
    ui.click("Apply filters");
    browser.wait.until(d -> shownChats().size() == 2);
    assertThat(shownChats()).isEqualTo(listed(garden, "?tag=vip&source=spring_fair"));
    ui.click("Export CSV");
    HttpResponse<Buffer> csv = api.get("/bots/" + garden.id + "/subscribers.csv?tag=vip&source=spring_fair", owner.token());
    assertThat(downloaded("subscribers-" + garden.id + ".csv")).isEqualTo(csv.bodyAsString())
      .contains("spring_fair").doesNotContain("Ines");

    // A filter the API refuses is named under its field, in the API's words.
    String apiWords = Api.fieldMessages(api.get("/bots/" + garden.id + "/subscribers?tag=Not%20a%20tag", owner.token())).get("tag");
    ui.fill("tag", "Not a tag");
    ui.click("Apply filters");
    assertThat(ui.fieldError("tag")).isEqualTo(DashboardUi.shown(apiWords));

    browser.emulate(390, 844);
    try {
      ui.click("Clear filters");
      browser.wait.until(d -> shownChats().size() == 5);
      assertFitsTheWidth();
      scrollTo("table.subscribers-table");
      browser.screenshot("dashboard-phone-subscribers");
    } finally {
      browser.emulate(null, null);
    }
  }

  @Test
  void theAnalyticsTabChartsThirtyDaysAndShowsTheTotalsAndBreakdowns() {
    Api.Account owner = api.newAccount("sam");
    Audience club = audience(owner, "Chess club", new String[][]{
      {"Ada", "poster"}, {"Bo", "poster"}, {"Cy", "website"}, {"Di", null}, {"Ed", null}, {"Flo", "poster"}});
    changeTags(club, club.chats.subList(0, 4), "members");
    changeTags(club, club.chats.subList(1, 3), "juniors");
    Updates.deliver(api, club.id, named(club.chats.get(5), "Flo", "/stop"));
    Eventually.await(() -> stats(club).getJsonObject("totals").getInteger("unsubscribed"), n -> n == 1, WITHIN, "one unsubscribed");
    // The month before, as the update engine would have counted it (today is the engine's own count).
    try (Sql sql = new Sql(vertx, database)) {
      sql.query("INSERT INTO bot_daily_stats (bot_id, day, updates, replies, messages_sent, new_subscribers) "
        + "SELECT $1, (now() AT TIME ZONE 'UTC')::date - g, 8 + (g * 7) % 13, 5 + (g * 5) % 9, 5 + (g * 5) % 9, "
        + "(g * 3) % 4 FROM generate_series(1, 29) g", UUID.fromString(club.id));
    }
    JsonObject stats = stats(club);

    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + club.id + "/analytics");
    ui.heading("Chess club");
    browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg.chart")));
    List<String> dates = stats.getJsonArray("days").stream().map(d -> ((JsonObject) d).getString("date")).toList();
    assertThat(dates).hasSize(30).last().isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
    assertThat(attributes("svg.chart rect.day", "data-date")).as("a column a day").isEqualTo(dates);
    for (String series : new String[]{"updates", "replies", "new_subscribers"}) {
      List<String> values = stats.getJsonArray("days").stream().map(d -> String.valueOf(((JsonObject) d).getInteger(series))).toList();
      assertThat(attributes("svg.chart g[data-series='" + series + "'] circle.point", "data-value")).as(series).isEqualTo(values);
      int sum = values.stream().mapToInt(Integer::parseInt).sum();
      assertThat(ui.text(".legend li[data-series='" + series + "'] strong")).isEqualTo(String.valueOf(sum));
    }
    JsonObject today = stats.getJsonArray("days").getJsonObject(29);
    assertThat(today.getInteger("new_subscribers")).isEqualTo(6);
    assertThat(today.getInteger("updates")).isEqualTo(7);
    assertThat(browser.driver.findElements(By.cssSelector("svg.chart .day-label"))).as("labels, today's among them").isNotEmpty();
    assertThat(browser.driver.findElements(By.cssSelector(".day-table tbody tr"))).hasSize(30);

    JsonObject totals = stats.getJsonObject("totals");
    assertThat(totals).isEqualTo(new JsonObject().put("subscribers", 6).put("active", 5).put("blocked", 0).put("unsubscribed", 1));
    for (String key : totals.fieldNames()) {
      assertThat(ui.text(".totals dd[data-total='" + key + "']")).as(key).isEqualTo(String.valueOf(totals.getInteger(key)));
    }
    assertThat(breakdown("by-source")).isEqualTo(Map.of("poster", "3", "website", "1"))
      .isEqualTo(asText(stats.getJsonObject("by_source")));
    assertThat(breakdown("by-tag")).isEqualTo(Map.of("members", "4", "juniors", "2")).isEqualTo(asText(stats.getJsonObject("by_tag")));
    fullPageScreenshot("dashboard-analytics");

    browser.emulate(390, 844);
    try {
      ui.click("Refresh");
      browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg.chart")));
      assertThat(attributes("svg.chart rect.day", "data-date")).hasSize(30);
      assertThat(((Number) ui.script("return document.querySelector('svg.chart').getBoundingClientRect().width")).intValue())
        .as("drawn at the phone's width").isLessThan(390);
      assertFitsTheWidth();
      scrollTo(".totals");
      browser.screenshot("dashboard-phone-analytics");
    } finally {
      browser.emulate(null, null);
    }
  }

  @Test
  void aBroadcastIsComposedWithALiveCountOfItsRecipientsAndFollowedUntilItIsDone() throws IOException {
    Api.Account owner = api.newAccount("lou");
    Audience bakery = audience(owner, "Corner bakery", new String[][]{
      {"Ana", null}, {"Ben", null}, {"Cleo", "flyer"}, {"Dev", null}, {"Eli", "flyer"}, {"Fay", null}});
    List<Long> regulars = bakery.chats.subList(0, 3);
    changeTags(bakery, regulars, "regulars");

    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + bakery.id + "/broadcasts");
    ui.heading("Corner bakery");
    assertThat(reach(6)).isEqualTo("Reaches 6 active subscribers now.");
    assertThat(count(bakery, new JsonObject())).isEqualTo(6);
    ui.fill("segment.tags_any", "regulars");
    assertThat(reach(3)).isEqualTo("Reaches 3 active subscribers now.");
    assertThat(count(bakery, new JsonObject().put("tags_any", new JsonArray().add("regulars")))).isEqualTo(3);
    ui.fill("segment.sources", "flyer");
    assertThat(reach(1)).isEqualTo("Reaches 1 active subscriber now.");
    ui.fill("segment.sources", "nobody_came_by_this");
    assertThat(reach(0)).isEqualTo("Reaches nobody: no active subscriber matches now.");
    ui.empty("segment.sources");
    reach(3);

    // The text is measured as Telegram measures it: an emoji outside the BMP is two units.
    ui.paste("text", "\uD83E\uDD50".repeat(2049));
    assertThat(ui.text(".compose .field .hint.over")).startsWith("4,098 of 4,096 characters");
    ui.click("Send broadcast");
    assertThat(ui.fieldError("text")).contains("4096");
    assertThat(api.get("/bots/" + bakery.id + "/broadcasts", owner.token()).bodyAsJsonArray()).as("nothing created").isEmpty();

    String text = "Fresh croissants \uD83E\uDD50 until noon: show this message for a free coffee.";
    ui.paste("text", text);
    ui.click("Send broadcast");
    ui.status("Broadcast created: it starts within seconds.");
    JsonArray created = api.get("/bots/" + bakery.id + "/broadcasts", owner.token()).bodyAsJsonArray();
    assertThat(created).hasSize(1);
    JsonObject broadcast = created.getJsonObject(0);
    assertThat(broadcast.getString("text")).isEqualTo(text);
    assertThat(broadcast.getJsonObject("segment").getJsonArray("tags_any")).containsExactly("regulars");
    assertThat(reach(6)).as("the form is empty again").isEqualTo("Reaches 6 active subscribers now.");

    String id = broadcast.getString("id");
    WebElement item = item(id);
    browser.wait.until(d -> "done".equals(item.findElement(By.cssSelector(".badge")).getDomAttribute("data-status")));
    assertThat(item.findElement(By.cssSelector(".counts .sent")).getText()).isEqualTo("3 of 3 sent");
    assertThat(item.findElement(By.cssSelector("progress")).getDomProperty("value")).isEqualTo("3");
    JsonObject done = api.get("/bots/" + bakery.id + "/broadcasts/" + id, owner.token()).bodyAsJsonObject();
    assertThat(done.getString("status")).isEqualTo("done");
    assertThat(done.getJsonObject("counts").getInteger("sent")).isEqualTo(3);
    for (long chat : bakery.chats) {
      assertThat(telegram.sent(bakery.telegramId, chat).contains(text)).as("chat " + chat).isEqualTo(regulars.contains(chat));
    }

    item.findElement(By.xpath(".//button[normalize-space()='Download the report (CSV)']")).click();
    String report = downloaded("recipients-" + id + ".csv");
    assertThat(report).isEqualTo(api.get("/bots/" + bakery.id + "/broadcasts/" + id + "/recipients.csv", owner.token()).bodyAsString());
    assertThat(report.lines().skip(1).filter(line -> line.contains(",sent,"))).hasSize(3);
  }

  @Test
  void pauseResumeAndCancelSteerABroadcastAndARefusalIsShownInTheApisWords() {
    Api.Account owner = api.newAccount("kim");
    Audience choir = audience(owner, "Community choir", new String[][]{{"Ari", null}, {"Bea", null}, {"Cal", null}, {"Dot", null}});
    // Telegram asks the message to the last recipient (the highest chat id, sent last) to wait ten
    // seconds: the broadcast stays running meanwhile, the others sent.
    telegram.when("sendMessage").forBot(choir.telegramId).forChat(choir.chats.get(3)).times(1).then(DoubleFault.retryAfter(10));
    String id = create(choir, new JsonObject().put("text", "Rehearsal moves to Thursday, 7 pm."));

    ui.logIn(owner.email(), owner.password());
    ui.go("#/bots/" + choir.id + "/broadcasts");
    ui.heading("Community choir");
    WebElement item = item(id);
    awaitStatus(item, "running");
    actionButton(item, "Pause").click();
    ui.status("Broadcast paused.");
    assertThat(status(item)).isEqualTo("paused");
    assertThat(broadcast(choir, id).getString("status")).isEqualTo("paused");
    reach(4);
    fullPageScreenshot("dashboard-broadcasts");
    browser.emulate(390, 844);
    try {
      assertFitsTheWidth();
      scrollTo("[data-broadcast-id='" + id + "']");
      browser.screenshot("dashboard-phone-broadcasts");
    } finally {
      browser.emulate(null, null);
    }

    actionButton(item, "Resume").click();
    ui.status("Broadcast resumed.");
    assertThat(broadcast(choir, id).getString("status")).isIn("running", "done");
    awaitStatus(item, "done");
    assertThat(item.findElement(By.cssSelector(".counts .sent")).getText()).isEqualTo("4 of 4 sent");

    // A scheduled broadcast cancelled elsewhere: the page's "Cancel" is refused (409), in the API's words.
    String later = create(choir, new JsonObject().put("text", "Summer concert").put("send_at", "2100-06-21T18:00:00Z"));
    ui.click("Refresh");
    WebElement scheduled = item(later);
    assertThat(status(scheduled)).isEqualTo("scheduled");
    assertThat(api.request(HttpMethod.POST, "/bots/" + choir.id + "/broadcasts/" + later + "/cancel", owner.token()).send().await()
      .statusCode()).isEqualTo(200);
    actionButton(scheduled, "Cancel broadcast").click();
    ui.confirm(true);
    browser.wait.until(d -> scheduled.findElement(By.cssSelector(".alert")).isDisplayed());
    assertThat(scheduled.findElement(By.cssSelector(".alert")).getText())
      .isEqualTo("Only a scheduled, running or paused broadcast can be cancelled");
    awaitStatus(scheduled, "cancelled");
    assertThat(scheduled.findElements(By.xpath(".//button[normalize-space()='Cancel broadcast']"))).isEmpty();
  }

  // ---- the bot and its audience ----------------------------------------------------------------

  /** A bot of {@code owner} answering /start, and its subscribers, one a private chat that sent it /start [payload]. */
  private record Audience(String id, long telegramId, List<Long> chats, Api.Account owner) {
  }

  /** {@code people}: {first name, deep-link payload or null}, in the order they write. */
  private static Audience audience(Api.Account owner, String name, String[][] people) {
    JsonObject bot = api.createBot(owner, name);
    String id = bot.getString("id");
    JsonObject commands = new JsonObject().put("commands", new JsonArray().add(new JsonObject().put("command", "start")
      .put("description", "Subscribe").put("reply", "Welcome!"))).putNull("fallback_reply");
    assertThat(api.request(HttpMethod.PUT, "/bots/" + id + "/commands", owner.token())
      .sendJsonObject(commands).await().statusCode()).isEqualTo(200);
    long telegramId = bot.getLong("telegram_bot_id");
    List<Long> chats = new java.util.ArrayList<>();
    for (String[] person : people) {
      long chat = Updates.nextId();
      chats.add(chat);
      Updates.deliver(api, id, named(chat, person[0], person[1] == null ? "/start" : "/start " + person[1]));
      // One at a time, so that "oldest first" is the order above; and answered, so that no reply is still to come.
      Eventually.await(() -> telegram.sent(telegramId, chat), sent -> sent.contains("Welcome!"), WITHIN, person[0] + " welcomed");
    }
    Audience audience = new Audience(id, telegramId, List.copyOf(chats), owner);
    Eventually.await(() -> listed(audience, ""), list -> list.size() == people.length, WITHIN, people.length + " subscribers");
    return audience;
  }

  private static JsonObject named(long chat, String firstName, String text) {
    JsonObject update = Updates.text(chat, text);
    JsonObject message = update.getJsonObject("message");
    message.getJsonObject("from").put("first_name", firstName).put("username", firstName.toLowerCase() + chat % 1000);
    message.getJsonObject("chat").put("first_name", firstName).put("username", firstName.toLowerCase() + chat % 1000);
    return update;
  }

  private static void changeTags(Audience audience, List<Long> chats, String tag) {
    HttpResponse<Buffer> r = api.post("/bots/" + audience.id + "/subscribers/tags", new JsonObject()
      .put("chat_ids", new JsonArray(List.copyOf(chats))).put("add", new JsonArray().add(tag)), audience.owner.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
  }

  private static String create(Audience audience, JsonObject broadcast) {
    HttpResponse<Buffer> r = api.post("/bots/" + audience.id + "/broadcasts", broadcast, audience.owner.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject().getString("id");
  }

  private static JsonObject broadcast(Audience audience, String id) {
    return api.get("/bots/" + audience.id + "/broadcasts/" + id, audience.owner.token()).bodyAsJsonObject();
  }

  /** The chat ids of GET /bots/{id}/subscribers{query}, in the API's order. */
  private static List<Long> listed(Audience audience, String query) {
    HttpResponse<Buffer> r = api.get("/bots/" + audience.id + "/subscribers" + query, audience.owner.token());
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonArray().stream().map(s -> ((JsonObject) s).getLong("chat_id")).toList();
  }

  private static List<String> tags(Audience audience, long chat) {
    HttpResponse<Buffer> r = api.get("/bots/" + audience.id + "/subscribers", audience.owner.token());
    return r.bodyAsJsonArray().stream().map(JsonObject.class::cast).filter(s -> s.getLong("chat_id") == chat).findFirst()
      .orElseThrow().getJsonArray("tags").stream().map(String::valueOf).toList();
  }

  private static int count(Audience audience, JsonObject segment) {
    return api.post("/bots/" + audience.id + "/subscribers/count", new JsonObject().put("segment", segment), audience.owner.token())
      .bodyAsJsonObject().getInteger("count");
  }

  private static JsonObject stats(Audience audience) {
    return api.get("/bots/" + audience.id + "/stats?days=30", audience.owner.token()).bodyAsJsonObject();
  }

  // ---- what the page shows ---------------------------------------------------------------------

  /** The subscribers table's chat ids, once the page has loaded. */
  private static List<Long> shownChats() {
    browser.wait.until(d -> d.findElement(By.cssSelector(".subscriber-list")).getDomAttribute("aria-busy") == null);
    return browser.driver.findElements(By.cssSelector("table.subscribers-table tbody tr")).stream()
      .map(row -> Long.parseLong(row.getDomAttribute("data-chat-id"))).toList();
  }

  private static WebElement row(long chat) {
    return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-chat-id='" + chat + "']")));
  }

  private static WebElement checkbox(long chat) {
    return row(chat).findElement(By.cssSelector("input[type=checkbox]"));
  }

  private static String cell(long chat, int column) {
    return row(chat).findElements(By.tagName("td")).get(column).getText();
  }

  private static List<String> chips(long chat) {
    return row(chat).findElements(By.cssSelector(".chip")).stream().map(WebElement::getText).toList();
  }

  /** The live count once it reads {@code n}; its words. */
  private static String reach(int n) {
    browser.wait.until(ExpectedConditions.attributeToBe(By.cssSelector("output.reach"), "data-count", String.valueOf(n)));
    return ui.text("output.reach");
  }

  private static WebElement item(String broadcastId) {
    return browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-broadcast-id='" + broadcastId + "']")));
  }

  private static String status(WebElement item) {
    return item.findElement(By.cssSelector(".badge")).getDomAttribute("data-status");
  }

  private static void awaitStatus(WebElement item, String status) {
    browser.wait.until(d -> status.equals(status(item)));
  }

  private static WebElement actionButton(WebElement item, String words) {
    return browser.wait.until(d -> item.findElements(By.xpath(".//button[normalize-space()='" + words + "']")).stream()
      .filter(WebElement::isEnabled).findFirst().orElse(null));
  }

  /** The attribute of every element {@code css} selects, read at once (the chart is drawn again when its width changes). */
  @SuppressWarnings("unchecked")
  private static List<String> attributes(String css, String attribute) {
    return (List<String>) ui.script("return [...document.querySelectorAll(arguments[0])].map(e => e.getAttribute(arguments[1]))",
      css, attribute);
  }

  /** A breakdown table: name → count as shown. */
  private static Map<String, String> breakdown(String className) {
    Map<String, String> shown = new java.util.HashMap<>();
    for (WebElement row : browser.driver.findElements(By.cssSelector(".breakdown." + className + " tbody tr"))) {
      shown.put(row.getDomAttribute("data-name"), row.findElement(By.tagName("td")).getText());
    }
    return shown;
  }

  private static Map<String, String> asText(JsonObject counts) {
    Map<String, String> text = new java.util.HashMap<>();
    counts.forEach(e -> text.put(e.getKey(), String.valueOf(e.getValue())));
    return text;
  }

  /** The file the browser saved under {@code name}, once it is whole. */
  private static String downloaded(String name) throws IOException {
    Path file = downloads.resolve(name);
    Eventually.await(() -> Files.exists(file) && !Files.exists(downloads.resolve(name + ".crdownload")), done -> done, WITHIN,
      "the download of " + name);
    String text = Files.readString(file);
    Files.delete(file);
    return text;
  }
}
