package io.botfactory.webhook;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestStack;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook worker brings Telegram (the double, over real HTTP) to what each bot should have
 * there: the webhook of an active bot, none for an inactive or deleted one, the menu, and the
 * right reaction to each kind of failure.
 */
@ExtendWith(VertxExtension.class)
class WebhookReconcilerTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);

  private final TelegramDouble telegram = TelegramDoubles.shared();
  private Api api;
  private Api.Account owner;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
  }

  @Test
  void anActiveBotGetsItsWebhookWithASecretTheExplicitTypesAndNothingDropped() {
    long telegramId = Api.telegramId();
    JsonObject bot = create(telegramId, Api.telegramToken(telegramId));
    api.awaitWebhook(owner, bot.getString("id"), "active");

    List<DoubleCall> sets = telegram.calls(telegramId, "setWebhook");
    assertThat(sets).hasSize(1);
    JsonObject params = sets.get(0).body();
    assertThat(params.getString("url"))
      .isEqualTo("http://127.0.0.1:" + TestStack.shared().port + "/telegram/webhook/" + bot.getString("id"));
    assertThat(params.getString("secret_token")).matches("[A-Za-z0-9_-]{1,256}");
    assertThat(params.getValue("allowed_updates")).isInstanceOf(JsonArray.class);
    assertThat(params.getJsonArray("allowed_updates").getList())
      .contains("message", "edited_message", "callback_query", "my_chat_member");
    assertThat(params.getInteger("max_connections")).isEqualTo(40);
    assertThat(params.containsKey("drop_pending_updates")).isFalse();
    assertThat(telegram.webhook(telegramId).url()).isEqualTo(params.getString("url"));

    JsonObject shown = api.bot(owner, bot.getString("id"));
    assertThat(shown.getJsonObject("webhook")).isEqualTo(new JsonObject().put("status", "active")
      .put("last_error", null).put("last_error_at", null));
    assertThat(shown.encode()).doesNotContain(params.getString("secret_token"));
  }

  @Test
  void deactivatingRemovesTheWebhookAndReactivatingSetsItAgain() {
    long telegramId = Api.telegramId();
    String id = create(telegramId, Api.telegramToken(telegramId)).getString("id");
    api.awaitWebhook(owner, id, "active");

    JsonObject off = api.patch("/bots/" + id, new JsonObject().put("is_active", false), owner.token()).bodyAsJsonObject();
    assertThat(off.getJsonObject("webhook").getString("status")).isEqualTo("disabled");
    DoubleCall removed = telegram.awaitCalls(telegramId, "deleteWebhook", 1, WITHIN).get(0);
    assertThat(removed.body().getBoolean("drop_pending_updates", false)).isFalse();
    Eventually.await(() -> telegram.webhook(telegramId).url(), String::isEmpty, WITHIN, "webhook removed");

    JsonObject on = api.patch("/bots/" + id, new JsonObject().put("is_active", true), owner.token()).bodyAsJsonObject();
    assertThat(on.getJsonObject("webhook").getString("status")).isEqualTo("pending");
    api.awaitWebhook(owner, id, "active");
    assertThat(telegram.calls(telegramId, "setWebhook").stream().filter(c -> c.status() == 200)).hasSize(2);
    assertThat(telegram.webhook(telegramId).url()).endsWith("/telegram/webhook/" + id);
  }

  @Test
  void deletingRemovesTheWebhookWithTheLastTokenThenForgetsIt(Vertx vertx) {
    long telegramId = Api.telegramId();
    String token = Api.telegramToken(telegramId);
    String id = create(telegramId, token).getString("id");
    api.awaitWebhook(owner, id, "active");

    assertThat(api.delete("/bots/" + id, owner.token()).statusCode()).isEqualTo(204);
    DoubleCall removed = telegram.awaitCalls(telegramId, "deleteWebhook", 1, WITHIN).get(0);
    assertThat(removed.token()).isEqualTo(token);
    try (Sql sql = new Sql(vertx)) {
      Eventually.await(() -> sql.query("SELECT 1 FROM webhooks WHERE telegram_bot_id = $1", telegramId).size(),
        n -> n == 0, WITHIN, "the tombstone erased");
    }
  }

  @Test
  void aRetryAfterIsHonouredBeforeTheNextCall() {
    long telegramId = Api.telegramId();
    telegram.when("setWebhook").forBot(telegramId).times(1).then(DoubleFault.retryAfter(2));
    String id = create(telegramId, Api.telegramToken(telegramId)).getString("id");
    JsonObject failing = api.awaitWebhook(owner, id, "failing").getJsonObject("webhook");
    assertThat(failing.getString("last_error")).contains("retry after 2");
    assertThat(failing.getString("last_error_at")).isNotNull();

    api.awaitWebhook(owner, id, "active");
    List<DoubleCall> sets = telegram.calls(telegramId, "setWebhook");
    assertThat(sets).hasSize(2);
    assertThat(Duration.between(sets.get(0).answeredAt(), sets.get(1).receivedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aRevokedTokenShowsTokenRejectedUntilANewTokenFixesIt() {
    long telegramId = Api.telegramId();
    String token = Api.telegramToken(telegramId);
    String id = create(telegramId, token).getString("id");
    api.awaitWebhook(owner, id, "active");

    telegram.revoke(token);
    api.patch("/bots/" + id, new JsonObject().put("is_active", false), owner.token());
    api.patch("/bots/" + id, new JsonObject().put("is_active", true), owner.token());
    JsonObject rejected = api.awaitWebhook(owner, id, "token_rejected").getJsonObject("webhook");
    assertThat(rejected.getString("last_error")).contains("new token");
    int callsBefore = telegram.calls(telegramId, "setWebhook").size();
    sleep(1500);
    assertThat(telegram.calls(telegramId, "setWebhook")).as("nothing retried with a rejected token").hasSize(callsBefore);

    String fresh = telegram.newToken(telegramId);
    assertThat(api.patch("/bots/" + id, new JsonObject().put("token", fresh), owner.token()).statusCode()).isEqualTo(200);
    api.awaitWebhook(owner, id, "active");
    List<DoubleCall> sets = telegram.calls(telegramId, "setWebhook");
    assertThat(sets.get(sets.size() - 1).token()).isEqualTo(fresh);
  }

  /**
   * A change made while Telegram is down (a new command set: the request itself needs no Telegram;
   * a new bot now does, see TokenCheckTest) shows failing, and reaches Telegram once it is back.
   */
  @Test
  void aChangeMadeWhileTelegramIsDownReachesItOnceItIsBack() {
    JsonObject bot = api.createBot(owner, "patient");
    String id = bot.getString("id");
    long telegramId = bot.getLong("telegram_bot_id");
    JsonArray commands = new JsonArray().add(new JsonObject().put("command", "start").put("description", "Start")
      .put("reply", "Hello"));
    telegram.down().await();
    try {
      assertThat(api.request(io.vertx.core.http.HttpMethod.PUT, "/bots/" + id + "/commands", owner.token())
        .sendJsonObject(new JsonObject().put("commands", commands)).await().statusCode()).isEqualTo(200);
      assertThat(api.awaitWebhook(owner, id, "failing").getJsonObject("webhook").getString("last_error"))
        .contains("Telegram");
    } finally {
      telegram.up().await();
    }
    api.awaitWebhook(owner, id, "active");
    assertThat(telegram.commands(telegramId)).containsExactly(new JsonObject().put("command", "start")
      .put("description", "Start"));
  }

  private JsonObject create(long telegramId, String token) {
    var created = api.post("/bots", new JsonObject().put("name", "bot " + telegramId).put("token", token), owner.token());
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
