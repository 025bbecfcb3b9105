package io.botfactory.bots;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /bots/{id}/webhook: the stored state, and Telegram's live view when it answers in time. */
@ExtendWith(VertxExtension.class)
class WebhookViewTest {

  private final TelegramDouble telegram = TelegramDoubles.shared();
  private Api api;
  private Api.Account owner;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
  }

  @Test
  void theStoredStateWithTelegramsLiveView() {
    long telegramId = Api.telegramId();
    String token = Api.telegramToken(telegramId);
    String id = api.post("/bots", new JsonObject().put("name", "watched").put("token", token), owner.token())
      .bodyAsJsonObject().getString("id");
    api.awaitWebhook(owner, id, "active");
    telegram.queueUpdate(telegramId, new JsonObject().put("message", new JsonObject().put("message_id", 1)
      .put("date", 1).put("chat", new JsonObject().put("id", 5).put("type", "private")).put("text", "hi")));

    HttpResponse<Buffer> r = api.get("/bots/" + id + "/webhook", owner.token());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject view = r.bodyAsJsonObject();
    assertThat(view.getString("status")).isEqualTo("active");
    assertThat(view.fieldNames()).containsExactlyInAnyOrder("status", "last_error", "last_error_at", "telegram");
    JsonObject live = view.getJsonObject("telegram");
    assertThat(live.getString("url")).endsWith("/telegram/webhook/" + id);
    assertThat(live.getInteger("pending_update_count")).isEqualTo(telegram.pendingUpdates(telegramId));
    assertThat(r.bodyAsString()).doesNotContain(token.substring(token.indexOf(':') + 1));
  }

  @Test
  void whenTelegramDoesNotAnswerTheLiveViewIsNull() {
    long telegramId = Api.telegramId();
    String id = api.post("/bots", new JsonObject().put("name", "quiet").put("token", Api.telegramToken(telegramId)),
      owner.token()).bodyAsJsonObject().getString("id");
    telegram.when("getWebhookInfo").forBot(telegramId).times(1).then(DoubleFault.hang());
    long started = System.nanoTime();
    HttpResponse<Buffer> r = api.get("/bots/" + id + "/webhook", owner.token());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getValue("telegram")).isNull();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3500);

    assertThat(api.get("/bots/" + id + "/webhook", api.newAccount().token()).statusCode()).isEqualTo(404);
  }

  /**
   * Each view asks Telegram: an account gets so many a minute (3 here), then 429 with the wait,
   * asking Telegram nothing more; another account's views are its own.
   */
  @Test
  void viewsAreThrottledPerAccount(Vertx vertx) {
    TestStack node = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http,auth,storage")
      .put(ConfigKey.WEBHOOK_VIEWS_PER_MINUTE.key(), 3));
    try {
      Api other = new Api(vertx, node.port);
      Api.Account eager = other.newAccount();
      long telegramId = Api.telegramId();
      String id = other.post("/bots", new JsonObject().put("name", "eager").put("token", Api.telegramToken(telegramId)),
        eager.token()).bodyAsJsonObject().getString("id");
      for (int i = 0; i < 3; i++) {
        assertThat(other.get("/bots/" + id + "/webhook", eager.token()).statusCode()).isEqualTo(200);
      }
      HttpResponse<Buffer> throttled = other.get("/bots/" + id + "/webhook", eager.token());
      assertThat(throttled.statusCode()).isEqualTo(429);
      assertThat(Integer.parseInt(throttled.getHeader("Retry-After"))).isBetween(1, 20);
      assertThat(throttled.bodyAsJsonObject().getString("detail")).contains("Too many webhook views");
      assertThat(telegram.calls(telegramId, "getWebhookInfo")).hasSize(3);

      Api.Account calm = other.newAccount();
      String calmId = other.post("/bots", new JsonObject().put("name", "calm").put("token", Api.telegramToken(Api.telegramId())),
        calm.token()).bodyAsJsonObject().getString("id");
      assertThat(other.get("/bots/" + calmId + "/webhook", calm.token()).statusCode()).isEqualTo(200);
    } finally {
      node.stop();
    }
  }
}
