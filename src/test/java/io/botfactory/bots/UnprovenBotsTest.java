package io.botfactory.bots;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No account holds a Telegram bot id with a token it did not prove. Bots registered while checking
 * was off (and by earlier versions while Telegram could not be asked) are unproven: one holds its
 * Telegram bot id only until another account proves a token of that bot, or until its own check in
 * the background is rejected; it then gives the id up, shows token_rejected and is never run.
 *
 * <p>On a database of their own, two nodes serve the API: one with checking off (where unproven
 * bots come from), one with checking on; no webhook worker runs unless a test starts one, so no
 * background check decides before the test does.
 */
@ExtendWith(VertxExtension.class)
class UnprovenBotsTest {

  private static TestStack unchecking;
  private static TestStack checking;
  private static String database;
  private final TelegramDouble telegram = TelegramDoubles.shared();
  private Api unchecked;
  private Api checked;
  private Sql sql;

  @BeforeAll
  static void nodes() {
    database = TestDatabase.fresh("unproven");
    JsonObject api = TestStack.config(database).put(ConfigKey.ROLES.key(), "http,auth,storage");
    unchecking = TestStack.start(api.copy().put(ConfigKey.TELEGRAM_VERIFY.key(), false));
    checking = TestStack.start(TestStack.config(database).put(ConfigKey.ROLES.key(), "http,auth,storage"));
  }

  @AfterAll
  static void stop() {
    checking.stop();
    unchecking.stop();
  }

  @BeforeEach
  void clients(Vertx vertx) {
    unchecked = new Api(vertx, unchecking.port);
    checked = new Api(vertx, checking.port);
    sql = new Sql(vertx, database);
  }

  @org.junit.jupiter.api.AfterEach
  void closeSql() {
    sql.close();
  }

  @Test
  void aProvenRegistrationTakesTheIdFromAnUnprovenBotOfAnotherAccount() {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId, "really_mine_bot");
    Api.Account squatter = unchecked.newAccount();
    JsonObject squat = created(unchecked.post("/bots", bot("squat", Api.telegramToken(telegramId)), squatter.token()));
    assertThat(squat.getString("telegram_username")).as("unproven").isNull();

    Api.Account owner = checked.newAccount();
    JsonObject mine = created(checked.post("/bots", bot("mine", real), owner.token()));
    assertThat(mine.getString("telegram_username")).isEqualTo("really_mine_bot");
    assertThat(mine.getJsonObject("webhook").getString("status")).isEqualTo("pending");

    JsonObject displaced = unchecked.bot(squatter, squat.getString("id"));
    assertThat(displaced.getLong("telegram_bot_id")).as("still shown").isEqualTo(telegramId);
    assertThat(displaced.getJsonObject("webhook").getString("status")).isEqualTo("token_rejected");
    assertThat(displaced.getJsonObject("webhook").getString("last_error")).contains("Another account proved");
    assertThat(displaced.getJsonObject("webhook").getString("last_error_at")).isNotNull();
    assertThat(unchecked.get("/bots/me", squatter.token()).bodyAsJsonArray().getJsonObject(0).getJsonObject("webhook")
      .getString("status")).isEqualTo("token_rejected");
    Row row = sql.query("SELECT bot_id, deleted, done_generation < generation AS due FROM webhooks WHERE telegram_bot_id = $1",
      telegramId).iterator().next();
    assertThat(row.getUUID("bot_id")).as("Telegram's side is the prover's").hasToString(mine.getString("id"));
    assertThat(row.getBoolean("due")).isTrue();

    // Never run: Telegram's deliveries to it are taken (200) and stored nowhere; the prover's are stored.
    String squatId = squat.getString("id");
    assertThat(deliver(unchecked, squatId)).isEqualTo(200);
    assertThat(deliver(unchecked, mine.getString("id"))).isEqualTo(200);
    assertThat(sql.query("SELECT count(*) FROM updates WHERE bot_id = $1", UUID.fromString(squatId)).iterator().next()
      .getLong(0)).isZero();
    assertThat(sql.query("SELECT count(*) FROM updates WHERE bot_id = $1", UUID.fromString(mine.getString("id"))).iterator()
      .next().getLong(0)).isEqualTo(1);

    // Its owner's changes stay its own: none reaches the prover's Telegram state.
    long generation = generation(telegramId);
    assertThat(unchecked.request(HttpMethod.PUT, "/bots/" + squatId + "/commands", squatter.token())
      .sendJsonObject(new JsonObject().put("commands", new io.vertx.core.json.JsonArray())).await().statusCode()).isEqualTo(200);
    assertThat(unchecked.patch("/bots/" + squatId, new JsonObject().put("is_active", false), squatter.token()).statusCode())
      .isEqualTo(200);
    assertThat(unchecked.delete("/bots/" + squatId, squatter.token()).statusCode()).isEqualTo(204);
    assertThat(generation(telegramId)).isEqualTo(generation);
    assertThat(checked.bot(owner, mine.getString("id")).getJsonObject("webhook").getString("status")).isEqualTo("pending");
    assertThat(sql.query("SELECT deleted FROM webhooks WHERE telegram_bot_id = $1", telegramId).iterator().next()
      .getBoolean(0)).isFalse();
  }

  /** Of many accounts proving the same Telegram bot at once against an unproven holder, exactly one gets it. */
  @Test
  void ofConcurrentProvenRegistrationsExactlyOneWins() {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId);
    Api.Account squatter = unchecked.newAccount();
    created(unchecked.post("/bots", bot("squat", Api.telegramToken(telegramId)), squatter.token()));
    List<Api.Account> provers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      provers.add(checked.newAccount());
    }
    List<Future<HttpResponse<Buffer>>> attempts = new ArrayList<>();
    for (Api.Account prover : provers) {
      attempts.add(checked.request(HttpMethod.POST, "/bots", prover.token()).sendJsonObject(bot("race", real)));
    }
    List<Integer> statuses = Future.all(attempts).await().<HttpResponse<Buffer>>list().stream()
      .map(HttpResponse::statusCode).toList();
    assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
    assertThat(statuses).filteredOn(s -> s == 409).hasSize(provers.size() - 1);
    assertThat(sql.query("SELECT count(*) FROM bots WHERE telegram_bot_id = $1 AND displaced_at IS NULL", telegramId)
      .iterator().next().getLong(0)).isEqualTo(1);
    assertThat(sql.query("SELECT count(*) FROM bots WHERE telegram_bot_id = $1 AND displaced_at IS NOT NULL", telegramId)
      .iterator().next().getLong(0)).as("the squatter's").isEqualTo(1);
  }

  /** A proven bot is never displaced, an unproven one not by its own account; a displaced one takes its id back with a proven token. */
  @Test
  void onlyAnotherAccountsProofDisplacesAndAProvenTokenTakesTheIdBack() {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId);
    Api.Account squatter = unchecked.newAccount();
    String squatId = created(unchecked.post("/bots", bot("squat", Api.telegramToken(telegramId)), squatter.token()))
      .getString("id");
    assertThat(checked.post("/bots", bot("again", real), squatter.token()).statusCode()).as("its own account").isEqualTo(409);

    Api.Account owner = checked.newAccount();
    String mine = created(checked.post("/bots", bot("mine", real), owner.token())).getString("id");
    assertThat(checked.post("/bots", bot("late", real), checked.newAccount().token()).statusCode()).as("proven: kept")
      .isEqualTo(409);
    assertThat(unchecked.post("/bots", bot("late", Api.telegramToken(telegramId)), unchecked.newAccount().token())
      .statusCode()).isEqualTo(409);
    assertThat(checked.patch("/bots/" + squatId, new JsonObject().put("token", real), squatter.token()).statusCode())
      .as("a proven holder keeps it").isEqualTo(409);

    assertThat(checked.delete("/bots/" + mine, owner.token()).statusCode()).isEqualTo(204);
    HttpResponse<Buffer> back = checked.patch("/bots/" + squatId, new JsonObject().put("token", real), squatter.token());
    assertThat(back.statusCode()).as(back.bodyAsString()).isEqualTo(200);
    assertThat(back.bodyAsJsonObject().getString("telegram_username")).isEqualTo(telegram.username(telegramId));
    assertThat(back.bodyAsJsonObject().getJsonObject("webhook").getString("status")).isEqualTo("pending");
    Row row = sql.query("SELECT bot_id, deleted FROM webhooks WHERE telegram_bot_id = $1", telegramId).iterator().next();
    assertThat(row.getUUID("bot_id")).as("the deleted bot's tombstone taken over").hasToString(squatId);
    assertThat(row.getBoolean("deleted")).isFalse();
  }

  /**
   * The webhook workers check an unproven bot's token in the background: confirmed, the bot is
   * proven and runs; rejected, it shows token_rejected and gives its Telegram bot id up, so that
   * anyone may register that bot.
   */
  @Test
  void theBackgroundCheckProvesABotOrMakesItGiveItsIdUp() {
    long realId = Api.telegramId();
    telegram.addBot(realId, "proven_later_bot");
    long madeUpId = Api.telegramId();
    telegram.addBot(madeUpId);
    Api.Account account = unchecked.newAccount();
    String good = created(unchecked.post("/bots", bot("good", telegram.newToken(realId)), account.token())).getString("id");
    String bad = created(unchecked.post("/bots", bot("bad", Api.telegramToken(madeUpId)), account.token())).getString("id");

    TestStack worker = TestStack.start(TestStack.config(database).put(ConfigKey.ROLES.key(), "webhook"));
    try {
      JsonObject proven = unchecked.awaitWebhook(account, good, "active");
      assertThat(proven.getString("telegram_username")).isEqualTo("proven_later_bot");
      JsonObject rejected = unchecked.awaitWebhook(account, bad, "token_rejected");
      assertThat(rejected.getJsonObject("webhook").getString("last_error")).contains("rejected the token");
      Eventually.await(() -> sql.query("SELECT displaced_at IS NOT NULL FROM bots WHERE id = $1", UUID.fromString(bad))
        .iterator().next().getBoolean(0), given -> given, Duration.ofSeconds(5), "the id given up");
    } finally {
      worker.stop();
    }
    Api.Account next = unchecked.newAccount();
    assertThat(unchecked.post("/bots", bot("next", Api.telegramToken(madeUpId)), next.token()).statusCode())
      .as("free for anyone").isEqualTo(201);
    assertThat(unchecked.bot(account, bad).getJsonObject("webhook").getString("status")).isEqualTo("token_rejected");
  }

  /**
   * A displaced bot is not run by the workers either: what it had stored before is skipped, not
   * answered, and it is never polled, though it is active and the Telegram bot it names is (for
   * its new holder). Nothing is ever sent to Telegram with its token.
   */
  @Test
  void aDisplacedBotIsNeitherHandledNorPolled() {
    long telegramId = Api.telegramId();
    String real = telegram.addBot(telegramId);
    String madeUp = Api.telegramToken(telegramId);
    Api.Account squatter = unchecked.newAccount();
    String squatId = created(unchecked.post("/bots", bot("squat", madeUp), squatter.token())).getString("id");
    assertThat(unchecked.request(HttpMethod.PUT, "/bots/" + squatId + "/commands", squatter.token())
      .sendJsonObject(new JsonObject().put("commands", new io.vertx.core.json.JsonArray()).put("fallback_reply", "mine!"))
      .await().statusCode()).isEqualTo(200);
    assertThat(deliver(unchecked, squatId)).isEqualTo(200);
    String mine = created(checked.post("/bots", bot("mine", real), checked.newAccount().token())).getString("id");

    TestStack worker = TestStack.start(TestStack.config(database).put(ConfigKey.ROLES.key(), "webhook")
      .put(ConfigKey.PUBLIC_URL.key(), ""));
    try {
      String outcome = Eventually.await(() -> {
        Row row = sql.query("SELECT reply FROM updates WHERE bot_id = $1", UUID.fromString(squatId)).iterator().next();
        return row.getString("reply");
      }, reply -> reply != null, Duration.ofSeconds(15), "the stored update handled");
      assertThat(outcome).isEqualTo("skipped");
      // The holder is polled; an update makes its long poll come back and go out again, well after
      // the sweep that picked the holder would have picked the displaced bot too.
      java.util.function.Predicate<io.botfactory.telegram.DoubleCall> holderPolls =
        c -> c.botId() == telegramId && c.method().equals("getUpdates") && real.equals(c.token());
      telegram.awaitCalls(holderPolls, 1, Duration.ofSeconds(15));
      telegram.queueUpdate(telegramId, Updates.text(5_550_101L, "for the holder"));
      telegram.awaitCalls(holderPolls, 2, Duration.ofSeconds(15));
    } finally {
      worker.stop();
    }
    assertThat(sql.query("SELECT bot_id FROM webhooks WHERE telegram_bot_id = $1", telegramId).iterator().next()
      .getUUID(0)).hasToString(mine);
    assertThat(telegram.calls()).as("nothing sent with the displaced bot's token").noneMatch(c -> madeUp.equals(c.token()));
  }

  private static JsonObject bot(String name, String token) {
    return new JsonObject().put("name", name).put("token", token);
  }

  private static JsonObject created(HttpResponse<Buffer> r) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(201);
    return r.bodyAsJsonObject();
  }

  private static int deliver(Api api, String botId) {
    return api.client.post("/telegram/webhook/" + botId).putHeader("X-Telegram-Bot-Api-Secret-Token", Updates.secret(botId))
      .sendJsonObject(Updates.text(5_550_100L, "hello")).await().statusCode();
  }

  private long generation(long telegramId) {
    return sql.query("SELECT generation FROM webhooks WHERE telegram_bot_id = $1", telegramId).iterator().next().getLong(0);
  }
}
