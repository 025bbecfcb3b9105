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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token is checked with Telegram (getMe) when it is registered or changed: a made-up token can
 * never take a real bot's Telegram id; when Telegram cannot be asked, the answer is 503 with a
 * Retry-After and nothing is stored or changed; and no other account's calls to Telegram can make
 * a check wait.
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

  /**
   * Down, slow, 5xx or 429: the token is not proven, so nothing is stored (an unproven token could
   * hold a Telegram bot id that is not its own); the 503 says when to try again (Telegram's own
   * wait after its 429). Once Telegram answers, the same request registers the bot, proven.
   */
  @Test
  void whenTelegramCannotBeAskedTheAnswerIs503WithRetryAfterAndNothingIsStored(Vertx vertx) {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId, "asked_again_bot");
    JsonObject body = new JsonObject().put("name", "later").put("token", real);
    Map<DoubleFault, String> faults = new LinkedHashMap<>();
    faults.put(DoubleFault.badGateway(), String.valueOf(TokenCheck.RETRY_AFTER_S));
    faults.put(DoubleFault.internalError(), String.valueOf(TokenCheck.RETRY_AFTER_S));
    faults.put(DoubleFault.retryAfter(7), "7");
    faults.put(DoubleFault.hang(), String.valueOf(TokenCheck.RETRY_AFTER_S));
    faults.forEach((fault, retryAfter) -> {
      telegram.when("getMe").forBot(telegramId).times(1).then(fault);
      long started = System.nanoTime();
      HttpResponse<Buffer> r = api.post("/bots", body, owner.token());
      assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(503);
      assertThat(r.getHeader("Retry-After")).isEqualTo(retryAfter);
      assertThat(r.bodyAsJsonObject().getString("detail")).contains("Telegram could not check this token");
      assertThat(r.bodyAsString()).doesNotContain(real.substring(real.indexOf(':') + 1));
      assertThat((System.nanoTime() - started) / 1_000_000).as("within the check's bound").isLessThan(4_500L);
    });
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM bots WHERE telegram_bot_id = $1", telegramId).size()).isZero();
      assertThat(sql.query("SELECT 1 FROM webhooks WHERE telegram_bot_id = $1", telegramId).size()).isZero();
    }
    HttpResponse<Buffer> created = api.post("/bots", body, owner.token());
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("telegram_username")).isEqualTo("asked_again_bot");
  }

  /** The same for a new token in a PATCH: 503, and the bot keeps its token, name and all. */
  @Test
  void aNewTokenTelegramCannotCheckChangesNothing() {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId);
    JsonObject bot = api.post("/bots", new JsonObject().put("name", "kept").put("token", real), owner.token())
      .bodyAsJsonObject();
    String newer = telegram.newToken(telegramId);
    telegram.when("getMe").forBot(telegramId).times(1).then(DoubleFault.retryAfter(11));
    HttpResponse<Buffer> r = api.patch("/bots/" + bot.getString("id"), new JsonObject().put("token", newer)
      .put("name", "renamed"), owner.token());
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.getHeader("Retry-After")).isEqualTo("11");
    JsonObject after = api.bot(owner, bot.getString("id"));
    assertThat(after.getString("token_hint")).isEqualTo(bot.getString("token_hint"));
    assertThat(after.getString("name")).isEqualTo("kept");
    assertThat(after.getString("updated_at")).isEqualTo(bot.getString("updated_at"));
  }

  /**
   * Token checks have Telegram connections of their own: an account looking at its webhook over
   * and over, while Telegram hangs every getWebhookInfo, fills the node's other connections to
   * Telegram (a single one here) and meets its throttle, yet another account's registration is
   * checked at once, not after a hanging call gives its connection back 2 s later.
   */
  @Test
  void anotherAccountsWebhookViewsCannotHoldUpATokenCheck(Vertx vertx) throws InterruptedException {
    TestStack node = TestStack.start(TestStack.config(TestDatabase.url()).put(ConfigKey.ROLES.key(), "http,auth,storage")
      .put(ConfigKey.EVENT_LOOPS.key(), 1).put(ConfigKey.TELEGRAM_POOL_SIZE.key(), 1)
      .put(ConfigKey.WEBHOOK_VIEWS_PER_MINUTE.key(), 5));
    try {
      Api other = new Api(vertx, node.port);
      Api.Account hammering = other.newAccount();
      long watchedId = Api.telegramId();
      String watched = other.post("/bots", new JsonObject().put("name", "watched").put("token", Api.telegramToken(watchedId)),
        hammering.token()).bodyAsJsonObject().getString("id");
      telegram.when("getWebhookInfo").forBot(watchedId).then(DoubleFault.hang());
      AtomicBoolean stop = new AtomicBoolean();
      List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
      List<Future<Void>> loops = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        loops.add(view(vertx, other, hammering, watched, stop, statuses));
      }
      try {
        telegram.awaitCalls(watchedId, "getWebhookInfo", 1, Duration.ofSeconds(5));
        Api.Account registering = other.newAccount();
        long telegramId = Api.telegramId();
        String token = telegram.addBot(telegramId, "checked_at_once_bot");
        long started = System.nanoTime();
        HttpResponse<Buffer> created = other.post("/bots", new JsonObject().put("name", "mine").put("token", token),
          registering.token());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        assertThat(created.bodyAsJsonObject().getString("telegram_username")).isEqualTo("checked_at_once_bot");
        assertThat(tookMs).as("not after a hanging getWebhookInfo gave its connection back").isLessThan(1_500L);
      } finally {
        stop.set(true);
        Future.join(loops).await();
        telegram.clearFaults();
      }
      assertThat(statuses).as("the hammering account met its throttle").contains(429);
    } finally {
      node.stop();
    }
  }

  /** GET /bots/{id}/webhook again and again (20 a second at most) until {@code stop}, recording each status. */
  private static Future<Void> view(Vertx vertx, Api api, Api.Account owner, String botId, AtomicBoolean stop,
                                   List<Integer> statuses) {
    if (stop.get()) {
      return Future.succeededFuture();
    }
    return api.request(HttpMethod.GET, "/bots/" + botId + "/webhook", owner.token()).send()
      .map(HttpResponse::statusCode).otherwise(0)
      .compose(status -> {
        statuses.add(status);
        return vertx.timer(50).compose(t -> view(vertx, api, owner, botId, stop, statuses));
      });
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
