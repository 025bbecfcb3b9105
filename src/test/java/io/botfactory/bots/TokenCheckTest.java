package io.botfactory.bots;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Locs;
import io.botfactory.support.Sql;
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

/**
 * A token is checked with Telegram (getMe) when it is registered or changed: a made-up token can
 * never take a real bot's Telegram id, and a token Telegram cannot be asked about is accepted
 * and checked later.
 */
@ExtendWith(VertxExtension.class)
class TokenCheckTest {

  private final TelegramDouble telegram = TelegramDoubles.shared();
  private Api api;
  private Api.Account owner;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    owner = api.newAccount();
  }

  @Test
  void aTokenTelegramRejectsIs422AndStoresNothing(Vertx vertx) {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId, "the_real_one_bot");
    String madeUp = Api.telegramToken(telegramId);

    HttpResponse<Buffer> squat = api.post("/bots", new JsonObject().put("name", "squatter").put("token", madeUp), owner.token());
    assertThat(squat.statusCode()).isEqualTo(422);
    assertThat(Locs.of(squat)).containsExactly("body.token");
    assertThat(squat.bodyAsJsonObject().getJsonArray("detail").getJsonObject(0).getString("msg"))
      .contains("Telegram rejected this token");
    assertThat(squat.bodyAsString()).doesNotContain(madeUp.substring(madeUp.indexOf(':') + 1));
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM bots WHERE telegram_bot_id = $1", telegramId).size()).isZero();
      assertThat(sql.query("SELECT 1 FROM webhooks WHERE telegram_bot_id = $1", telegramId).size()).isZero();
    }

    HttpResponse<Buffer> owned = api.post("/bots", new JsonObject().put("name", "real").put("token", real), owner.token());
    assertThat(owned.statusCode()).isEqualTo(201);
    assertThat(owned.bodyAsJsonObject().getString("telegram_username")).isEqualTo("the_real_one_bot");
  }

  @Test
  void aTokenOfAnotherBotIs422() {
    long telegramId = Api.telegramId();
    String token = Api.telegramToken(telegramId);
    telegram.when("getMe").forBot(telegramId).times(1)
      .then(DoubleFault.json(200, new JsonObject().put("ok", true).put("result", new JsonObject().put("id", telegramId + 1)
        .put("is_bot", true).put("first_name", "Other").put("username", "other_bot"))));
    HttpResponse<Buffer> r = api.post("/bots", new JsonObject().put("name", "mismatch").put("token", token), owner.token());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Locs.of(r)).containsExactly("body.token");
    assertThat(r.bodyAsString()).contains("another bot");
  }

  @Test
  void whenTelegramCannotBeAskedTheBotIsCreatedUncheckedAndCheckedLater() {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId, "checked_later_bot");
    telegram.when("getMe").forBot(telegramId).times(1).then(DoubleFault.badGateway());
    HttpResponse<Buffer> created = api.post("/bots", new JsonObject().put("name", "later").put("token", real), owner.token());
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("telegram_username")).isNull();
    String id = created.bodyAsJsonObject().getString("id");
    JsonObject active = api.awaitWebhook(owner, id, "active");
    assertThat(active.getString("telegram_username")).isEqualTo("checked_later_bot");
  }

  @Test
  void aTokenThatCouldNotBeCheckedAndTurnsOutRejectedShowsTokenRejected() {
    long telegramId = Api.telegramId();
    telegram.addBot(telegramId);
    String madeUp = Api.telegramToken(telegramId);
    telegram.when("getMe").forBot(telegramId).times(1).then(DoubleFault.retryAfter(3));
    HttpResponse<Buffer> created = api.post("/bots", new JsonObject().put("name", "unlucky").put("token", madeUp), owner.token());
    assertThat(created.statusCode()).as("Telegram asked us to wait: accepted unchecked").isEqualTo(201);
    JsonObject bot = api.awaitWebhook(owner, created.bodyAsJsonObject().getString("id"), "token_rejected");
    assertThat(bot.getJsonObject("webhook").getString("last_error")).contains("token");
  }

  @Test
  void aNewTokenInAPatchIsCheckedToo() {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId);
    JsonObject bot = api.post("/bots", new JsonObject().put("name", "patched").put("token", real), owner.token())
      .bodyAsJsonObject();
    HttpResponse<Buffer> r = api.patch("/bots/" + bot.getString("id"),
      new JsonObject().put("token", Api.telegramToken(telegramId)).put("name", "renamed"), owner.token());
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(Locs.of(r)).containsExactly("body.token");
    JsonObject after = api.bot(owner, bot.getString("id"));
    assertThat(after.getString("token_hint")).isEqualTo(bot.getString("token_hint"));
    assertThat(after.getString("name")).as("nothing changed").isEqualTo("patched");
  }

  @Test
  void checkingCanBeTurnedOff(Vertx vertx) {
    TestStack unchecked = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.TELEGRAM_VERIFY.key(), false)
      .put(ConfigKey.ROLES.key(), "http,auth,storage"));
    try {
      Api other = new Api(vertx, unchecked.port);
      Api.Account someone = other.newAccount();
      long telegramId = Api.telegramId();
      telegram.addBot(telegramId);
      HttpResponse<Buffer> r = other.post("/bots", new JsonObject().put("name", "trusted")
        .put("token", Api.telegramToken(telegramId)), someone.token());
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(telegram.calls(telegramId, "getMe")).isEmpty();
    } finally {
      unchecked.stop();
    }
  }
}
