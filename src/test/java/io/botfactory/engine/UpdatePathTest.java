package io.botfactory.engine;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Updates in, replies out, through the real webhook route, the real inbox in PostgreSQL, the
 * real workers and the Telegram double: what is answered, once, in each chat's order, at
 * Telegram's pace, and what happens when Telegram pushes back.
 */
@ExtendWith(VertxExtension.class)
class UpdatePathTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);

  private final TelegramDouble telegram = TelegramDoubles.shared();
  private Api api;
  private Api.Account owner;
  private String botId;
  private long telegramId;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
    JsonObject bot = api.createBot(owner, "answering");
    botId = bot.getString("id");
    telegramId = bot.getLong("telegram_bot_id");
    JsonObject set = new JsonObject().put("commands", new JsonArray()
        .add(new JsonObject().put("command", "start").put("description", "Start").put("reply", "Hello! \uD83D\uDC4B")))
      .put("fallback_reply", "Try /start");
    assertThat(api.request(HttpMethod.PUT, "/bots/" + botId + "/commands", owner.token()).sendJsonObject(set).await()
      .statusCode()).isEqualTo(200);
  }

  @Test
  void aCommandIsAnsweredWithItsReplyAsPlainText() {
    long chat = Updates.nextId();
    assertThat(telegram.deliver(telegramId, Updates.text(chat, "/start")).await().status()).isEqualTo(200);
    DoubleCall sent = telegram.awaitCalls(c -> c.botId() == telegramId && c.method().equals("sendMessage")
      && c.body().getLong("chat_id") == chat, 1, WITHIN).get(0);
    assertThat(sent.body().getString("text")).isEqualTo("Hello! \uD83D\uDC4B");
    assertThat(sent.body().containsKey("parse_mode")).isFalse();

    telegram.deliver(telegramId, Updates.text(chat, "hello there")).await();
    telegram.deliver(telegramId, Updates.text(chat, "/start@" + telegram.username(telegramId) + " now")).await();
    telegram.deliver(telegramId, Updates.text(chat, "/start@someone_else_bot")).await();
    Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 3, WITHIN, "three replies");
    assertThat(telegram.sent(telegramId, chat)).containsExactly("Hello! \uD83D\uDC4B", "Try /start", "Hello! \uD83D\uDC4B");
  }

  @Test
  void theSameUpdateDeliveredTenTimesAtOnceIsAnsweredOnce(Vertx vertx) {
    long chat = Updates.nextId();
    JsonObject update = Updates.text(chat, "/start");
    List<Future<HttpResponse<Buffer>>> deliveries = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      deliveries.add(webhook(botId, Updates.secret(botId)).sendJsonObject(update));
    }
    for (Future<HttpResponse<Buffer>> delivery : deliveries) {
      assertThat(delivery.await().statusCode()).isEqualTo(200);
      assertThat(delivery.result().bodyAsJsonObject().containsKey("method")).isFalse();
    }
    Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 1, WITHIN, "one reply");
    sleep(1500);
    assertThat(telegram.sent(telegramId, chat)).hasSize(1);
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT reply FROM updates WHERE bot_id = $1 AND update_id = $2", UUID.fromString(botId),
        update.getLong("update_id")).iterator().next().getString("reply")).isEqualTo("sent");
    }
  }

  @Test
  void aWrongMissingOrAnotherBotsSecretIs401AndNothingIsStored(Vertx vertx) {
    long chat = Updates.nextId();
    JsonObject update = Updates.text(chat, "/start");
    String otherBot = api.createBot(api.newAccount(), "other").getString("id");
    List<HttpResponse<Buffer>> refused = List.of(
      webhook(botId, null).sendJsonObject(update).await(),
      webhook(botId, "wrong").sendJsonObject(update).await(),
      webhook(botId, Updates.secret(otherBot)).sendJsonObject(update).await(),
      webhook("not-a-uuid", Updates.secret(botId)).sendJsonObject(update).await(),
      webhook(UUID.randomUUID().toString(), Updates.secret(botId)).sendJsonObject(update).await());
    String unknown = UUID.randomUUID().toString();
    refused = new ArrayList<>(refused);
    refused.add(webhook(unknown, Updates.secret(unknown)).sendJsonObject(update).await());
    for (HttpResponse<Buffer> r : refused) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.bodyAsJsonObject()).isEqualTo(new JsonObject().put("detail", "Invalid webhook secret"));
    }
    sleep(1000);
    assertThat(telegram.sent(telegramId, chat)).isEmpty();
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM updates WHERE update_id = $1", update.getLong("update_id")).size()).isZero();
    }
  }

  /**
   * Once the secret is proven the body is Telegram's: one the service cannot use is answered 200
   * (a 4xx would make Telegram deliver it again and hold the bot's later updates back), stored
   * nowhere and counted. That includes a body with a repeated key, which two readers could read
   * two ways (the stored update must be the handled one).
   */
  @Test
  void aBodyTheServiceCannotUseIsAcknowledgedIgnoredAndCounted(Vertx vertx) {
    String secret = Updates.secret(botId);
    long id = Updates.nextId();
    String deep = "[".repeat(70) + "]".repeat(70);
    List<String> bodies = List.of("[]", "{}", "{\"update_id\": \"7\"}", "{\"update_id\": 1.5}", "{\"update_id\": -1}",
      "{\"update_id\": 0}", "{\"update_id\": 99999999999999999999}", "{\"update_id\": 1", "not json",
      "{\"update_id\": 1} trailing", "{\"update_id\": " + id + ", \"x\": " + deep + "}",
      "{\"update_id\": " + id + ", \"update_id\": " + (id + 1) + "}",
      "{\"update_id\": " + id + ", \"message\": {\"chat\": {\"id\": 5, \"type\": \"private\"}, \"text\": \"/start\", "
        + "\"text\": \"hi\"}}");
    double before = ignored();
    for (String body : bodies) {
      HttpResponse<Buffer> r = webhook(botId, secret).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();
      assertThat(r.statusCode()).as(body).isEqualTo(200);
      assertThat(r.bodyAsJsonObject()).as(body).isEqualTo(new JsonObject());
    }
    assertThat(ignored() - before).isEqualTo(bodies.size());
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM updates WHERE bot_id = $1 AND update_id IN ($2, $3)", UUID.fromString(botId),
        id, id + 1).size()).as("stored nowhere").isZero();
    }
    HttpResponse<Buffer> text = webhook(botId, secret).putHeader("Content-Type", "text/plain")
      .sendBuffer(Buffer.buffer("{\"update_id\": 1}")).await();
    assertThat(text.statusCode()).isEqualTo(415);
    JsonObject huge = Updates.text(Updates.nextId(), "x".repeat(1024 * 1024));
    assertThat(webhook(botId, secret).sendJsonObject(huge).await().statusCode()).isEqualTo(413);
    JsonObject large = Updates.text(Updates.nextId(), "y".repeat(900 * 1024));
    assertThat(webhook(botId, secret).sendJsonObject(large).await().statusCode()).as("up to 1 MiB").isEqualTo(200);
  }

  private double ignored() {
    String metrics = api.get("/metrics", null).bodyAsString();
    return metrics.lines().filter(l -> l.startsWith("botfactory_updates_received_total{result=\"ignored\"}"))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
  }

  @Test
  void anyUpdateTypeAndContentIsStoredAndAcknowledged(Vertx vertx) {
    String secret = Updates.secret(botId);
    long base = Updates.nextId();
    List<String> bodies = List.of(
      "{\"update_id\": " + base + ", \"poll\": {\"id\": \"1\", \"question\": \"?\"}}",
      "{\"update_id\": " + (base + 1) + ", \"message\": {\"chat\": {\"id\": 9223372036854775807, \"type\": \"private\"}, \"text\": \"nul \\u0000 and lone \\ud800\"}}",
      "{\"update_id\": " + (base + 2) + ", \"future_type\": {\"deeply\": [[[[{}]]]]}}",
      "{\"update_id\": " + (base + 3) + ", \"callback_query\": {\"id\": \"x\", \"from\": {\"id\": 5}, \"data\": \"d\"}}");
    for (String body : bodies) {
      HttpResponse<Buffer> r = webhook(botId, secret).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(body)).await();
      assertThat(r.statusCode()).as(body).isEqualTo(200);
    }
    try (Sql sql = new Sql(vertx)) {
      Eventually.await(() -> sql.query("SELECT 1 FROM updates WHERE bot_id = $1 AND update_id >= $2 AND handled_at IS NOT NULL",
        UUID.fromString(botId), base).size(), n -> n == 4, WITHIN, "all four handled");
    }
  }

  @Test
  void anInactiveBotsUpdatesAreAcknowledgedAndNeverAnswered() {
    api.patch("/bots/" + botId, new JsonObject().put("is_active", false), owner.token());
    long chat = Updates.nextId();
    HttpResponse<Buffer> r = webhook(botId, Updates.secret(botId)).sendJsonObject(Updates.text(chat, "/start")).await();
    assertThat(r.statusCode()).isEqualTo(200);
    sleep(1500);
    assertThat(telegram.sent(telegramId, chat)).isEmpty();
  }

  @Test
  void aRetryAfterOnSendMessageDelaysTheReplyWhichStillArrives() {
    long chat = Updates.nextId();
    telegram.when("sendMessage").forBot(telegramId).times(1).then(DoubleFault.retryAfter(2));
    long sentAt = System.nanoTime();
    telegram.deliver(telegramId, Updates.text(chat, "/start")).await();
    Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 1, WITHIN, "the reply");
    assertThat((System.nanoTime() - sentAt) / 1_000_000).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void aBlockedChatIsMarkedAndShownInTheChatList() {
    long chat = Updates.nextId();
    long quiet = Updates.nextId();
    telegram.deliver(telegramId, Updates.text(quiet, "just saying")).await();
    telegram.block(telegramId, chat);
    telegram.deliver(telegramId, Updates.text(chat, "/start")).await();
    JsonArray chats = Eventually.await(() -> api.get("/bots/" + botId + "/chats", owner.token()).bodyAsJsonArray(),
      list -> list.size() == 2 && list.stream().anyMatch(c -> ((JsonObject) c).getBoolean("blocked")), WITHIN,
      "the blocked chat listed");
    JsonObject blocked = chats.stream().map(JsonObject.class::cast).filter(c -> c.getLong("chat_id") == chat).findFirst()
      .orElseThrow();
    assertThat(blocked.getString("type")).isEqualTo("private");
    assertThat(blocked.fieldNames()).containsExactlyInAnyOrder("chat_id", "type", "first_seen_at", "last_seen_at", "blocked");
    assertThat(chats.getJsonObject(0).getLong("chat_id")).as("oldest first").isEqualTo(quiet);

    HttpResponse<Buffer> page = api.get("/bots/" + botId + "/chats?limit=1", owner.token());
    assertThat(page.bodyAsJsonArray()).hasSize(1);
    assertThat(page.getHeader("Link")).isEqualTo("</bots/" + botId + "/chats?limit=1&after=" + quiet + ">; rel=\"next\"");
    assertThat(api.get("/bots/" + botId + "/chats?after=" + quiet, owner.token()).bodyAsJsonArray()).hasSize(1);
    assertThat(Locs.of(api.get("/bots/" + botId + "/chats?after=12345", owner.token()))).containsExactly("query.after");
    assertThat(api.get("/bots/" + botId + "/chats", api.newAccount().token()).statusCode()).isEqualTo(404);
  }

  @Test
  void theUpdatePathIsMeasured() {
    long chat = Updates.nextId();
    JsonObject update = Updates.text(chat, "/start");
    telegram.deliver(telegramId, update).await();
    telegram.deliver(telegramId, update).await();
    Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() == 1, WITHIN, "the reply");
    String metrics = Eventually.await(() -> api.get("/metrics", null).bodyAsString(),
      m -> m.contains("botfactory_replies_total{outcome=\"sent\"}"), WITHIN, "the reply counted");
    assertThat(metrics).contains("botfactory_updates_received_total{result=\"stored\"}",
      "botfactory_updates_received_total{result=\"duplicate\"}", "botfactory_updates_handling_lag_seconds",
      "botfactory_updates_inbox_depth");
  }

  private HttpRequest<Buffer> webhook(String bot, String secret) {
    HttpRequest<Buffer> request = api.client.post("/telegram/webhook/" + bot);
    if (secret != null) {
      request.putHeader("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    return request;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
