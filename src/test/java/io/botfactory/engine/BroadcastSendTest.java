package io.botfactory.engine;

import io.botfactory.config.ConfigKey;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.OwnNode;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestDatabase;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.DoubleCall;
import io.botfactory.telegram.DoubleFault;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broadcast as the engine sends it: started when due with its recipients fixed (the segment's
 * active subscribers then), each sent the text once, at the broadcast rate, replies first; a 403
 * ends the recipient blocked and blocks the subscriber; a pause stops new sends within a second
 * and a resume goes on; the counts follow and the broadcast ends done.
 */
@ExtendWith(VertxExtension.class)
class BroadcastSendTest {

  private static final Duration WITHIN = Duration.ofSeconds(30);
  /** On a database of its own, where this node alone holds the bots (the shared node would take them too). */
  @RegisterExtension
  static final OwnNode node = OwnNode.with(config -> config.put(ConfigKey.BROADCAST_RATE.key(), 10)).freshDatabase("broadcasts");
  private static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void eachActiveSubscriberOfTheSegmentGetsTheTextOnceAndTheBroadcastEndsDone(Vertx vertx) {
    Audience audience = audience(vertx, 12);
    try (Sql sql = node.sql(vertx)) {
      UUID vip = UUID.randomUUID();
      sql.query("UPDATE subscribers SET tags = '{vip}' WHERE bot_id = $1 AND chat_id = ANY($2)", audience.bot,
        audience.chats.subList(0, 8).toArray(new Long[0]));
      sql.query("UPDATE subscribers SET status = 'unsubscribed' WHERE bot_id = $1 AND chat_id = $2", audience.bot,
        audience.chats.get(7));
      telegram.block(audience.telegramId, audience.chats.get(0));
      sql.query("INSERT INTO endpoints (id, bot_id, url, events, secret_ciphertext, secret_key_id) "
        + "VALUES ($1, $2, 'https://localhost/b', $3, '\\x00'::bytea, 'k1')", UUID.randomUUID(), audience.bot,
        new String[]{"broadcast.finished"});
      schedule(sql, vip, audience.bot, "{\"tags_any\": [\"vip\"]}");
      Row done = Eventually.await(() -> broadcast(sql, vip), b -> "done".equals(b.getString("status")), WITHIN, "done");
      Eventually.await(() -> sql.query("SELECT 1 FROM events WHERE bot_id = $1 AND type = 'broadcast.finished'",
        audience.bot).size(), n -> n == 1, WITHIN, "broadcast.finished");
      JsonObject told = new JsonObject(sql.query("SELECT body FROM events WHERE bot_id = $1 AND type = 'broadcast.finished'",
        audience.bot).iterator().next().getString("body"));
      assertThat(told.getJsonObject("data").getJsonObject("broadcast").getString("id")).isEqualTo(vip.toString());
      JsonObject finished = told.getJsonObject("data").getJsonObject("broadcast");
      assertThat(finished.getString("started_at")).as("as the API writes times").matches(ISO_MILLIS);
      assertThat(java.time.Instant.parse(finished.getString("started_at")))
        .isEqualTo(done.getOffsetDateTime("started_at").toInstant());
      assertThat(java.time.Instant.parse(finished.getString("finished_at")))
        .isEqualTo(done.getOffsetDateTime("finished_at").toInstant());
      assertThat(told.getJsonObject("data").getJsonObject("broadcast").getJsonObject("counts").getInteger("sent"))
        .isEqualTo(6);
      assertThat(done.getInteger("recipients")).as("the vip and active").isEqualTo(7);
      assertThat(done.getInteger("sent")).isEqualTo(6);
      assertThat(done.getInteger("blocked")).isEqualTo(1);
      assertThat(done.getInteger("pending")).isZero();
      for (int i = 1; i < 7; i++) {
        assertThat(telegram.sent(audience.telegramId, audience.chats.get(i))).as("recipient " + i).contains("News!");
      }
      for (int i = 7; i < 12; i++) {
        assertThat(telegram.sent(audience.telegramId, audience.chats.get(i))).as("not in the segment " + i)
          .doesNotContain("News!");
      }
      assertThat(sql.query("SELECT status FROM subscribers WHERE bot_id = $1 AND chat_id = $2", audience.bot,
        audience.chats.get(0)).iterator().next().getString("status")).isEqualTo("blocked");
      List<DoubleCall> sends = telegram.calls(audience.telegramId, "sendMessage").stream()
        .filter(c -> "News!".equals(c.body().getString("text"))).collect(Collectors.toList());
      assertThat(sends).hasSize(7);
      assertThat(Duration.between(sends.get(0).receivedAt(), sends.get(6).receivedAt()))
        .as("at most ten a second").isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }
  }

  @Test
  void aPauseStopsNewSendsWithinASecondAndAResumeGoesOn(Vertx vertx) throws InterruptedException {
    Audience audience = audience(vertx, 40);
    try (Sql sql = node.sql(vertx)) {
      UUID id = UUID.randomUUID();
      schedule(sql, id, audience.bot, "{}");
      Eventually.await(() -> broadcast(sql, id), b -> b.getInteger("sent") >= 5, WITHIN, "a few sent");
      sql.query("UPDATE broadcasts SET status = 'paused' WHERE id = $1", id);
      Instant paused = Instant.now();
      Thread.sleep(2500);
      List<Instant> after = telegram.calls(audience.telegramId, "sendMessage").stream()
        .filter(c -> "News!".equals(c.body().getString("text"))).map(DoubleCall::receivedAt)
        .filter(at -> at.isAfter(paused.plusSeconds(1))).collect(Collectors.toList());
      assertThat(after).as("sends started more than a second after the pause").isEmpty();
      sql.query("UPDATE broadcasts SET status = 'running' WHERE id = $1", id);
      Row done = Eventually.await(() -> broadcast(sql, id), b -> "done".equals(b.getString("status")), WITHIN, "done");
      assertThat(done.getInteger("sent")).isEqualTo(40);
      for (long chat : audience.chats) {
        assertThat(telegram.sent(audience.telegramId, chat).stream().filter("News!"::equals)).as("once").hasSize(1);
      }
    }
  }

  @Test
  void aRetryAfterPausesTheBroadcastAndTheRecipientStillGetsIt(Vertx vertx) {
    Audience audience = audience(vertx, 3);
    try (Sql sql = node.sql(vertx)) {
      long first = audience.chats.get(0);
      telegram.when("sendMessage").forBot(audience.telegramId).forChat(first).times(1).then(DoubleFault.retryAfter(2));
      UUID id = UUID.randomUUID();
      Instant start = Instant.now();
      schedule(sql, id, audience.bot, "{}");
      Row done = Eventually.await(() -> broadcast(sql, id), b -> "done".equals(b.getString("status")), WITHIN, "done");
      assertThat(done.getInteger("sent")).isEqualTo(3);
      DoubleCall retried = telegram.calls(audience.telegramId, "sendMessage").stream()
        .filter(c -> c.body().getLong("chat_id") == first && c.status() == 200
          && "News!".equals(c.body().getString("text"))).findFirst().orElseThrow();
      assertThat(Duration.between(start, retried.receivedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  /** Replies come first: while the bot's broadcast sends at its full rate, its command replies are not held back. */
  @Test
  void repliesAreNotSlowedByTheBotsOwnBroadcast(Vertx vertx) throws InterruptedException {
    Audience audience = audience(vertx, 60);
    try (Sql sql = node.sql(vertx)) {
      UUID id = UUID.randomUUID();
      schedule(sql, id, audience.bot, "{}");
      Eventually.await(() -> broadcast(sql, id), b -> b.getInteger("sent") >= 5, WITHIN, "the broadcast under way");
      Api api = node.api(vertx);
      List<Duration> waits = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long chat = Updates.nextId();
        Instant asked = Instant.now();
        Updates.deliver(api, audience.bot.toString(), Updates.text(chat, "/anything"));
        DoubleCall reply = Eventually.await(() -> telegram.calls(audience.telegramId, "sendMessage").stream()
          .filter(c -> c.body().getLong("chat_id") == chat).findFirst(), java.util.Optional::isPresent, WITHIN, "the reply").get();
        waits.add(Duration.between(asked, reply.receivedAt()));
        Thread.sleep(200);
      }
      assertThat(broadcast(sql, id).getString("status")).as("still broadcasting meanwhile").isEqualTo("running");
      assertThat(waits).as("each reply's wait").allMatch(w -> w.compareTo(Duration.ofSeconds(1)) < 0);
    }
  }

  /**
   * At Telegram's limits: with the double's flood control on (429 above 30 a second per bot, one
   * a second per chat), a broadcast at the default rate provokes no 429, while the bot's replies
   * go on beside it.
   */
  @Test
  void atTelegramsLimitsABroadcastProvokesNoRetryAfter(Vertx vertx) {
    // A database of its own, where this node at the default rate alone sends the broadcast.
    String database = TestDatabase.fresh("paced");
    TestStack paced = TestStack.start(TestStack.config(database));
    telegram.floodControl(true);
    try (Sql sql = new Sql(vertx, database)) {
      Api api = new Api(vertx, paced.port);
      JsonObject bot = Updates.answeringBot(api, api.newAccount(), "paced", "ok");
      UUID botId = UUID.fromString(bot.getString("id"));
      long base = 5_000_000_000L + Updates.nextId() % 1_000_000 * 100;
      sql.query("INSERT INTO subscribers (bot_id, chat_id, status, first_seen_at, last_seen_at, status_changed_at) "
        + "SELECT $1, $2::bigint + g, 'active', now(), now(), now() FROM generate_series(1, 75) g", botId, base);
      UUID id = UUID.randomUUID();
      Instant start = Instant.now();
      schedule(sql, id, botId, "{}");
      for (int i = 0; i < 5; i++) { // in groups: no subscribers of their own, that could join the broadcast
        Updates.deliver(api, botId.toString(), Updates.groupText(-Updates.nextId(), Updates.nextId(), "hello " + i));
      }
      Row done = Eventually.await(() -> broadcast(sql, id), b -> "done".equals(b.getString("status")), WITHIN, "done");
      assertThat(done.getInteger("sent")).isEqualTo(75);
      assertThat(telegram.floodLimited()).as("429s provoked").isZero();
      assertThat(Duration.between(start, Instant.now())).as("75 at 25 a second").isGreaterThanOrEqualTo(Duration.ofMillis(2900));
    } finally {
      telegram.floodControl(false);
      paced.stop();
    }
  }

  /** A bot answering "ok", with {@code n} private chats that wrote /start. */
  private record Audience(UUID bot, long telegramId, List<Long> chats) {
  }

  private Audience audience(Vertx vertx, int n) {
    Api api = node.api(vertx);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "broadcasting", "ok");
    long telegramId = bot.getLong("telegram_bot_id");
    List<Long> chats = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long chat = Updates.nextId();
      chats.add(chat);
      Updates.deliver(api, bot.getString("id"), Updates.text(chat, "/start"));
    }
    try (Sql sql = node.sql(vertx)) {
      UUID botId = UUID.fromString(bot.getString("id"));
      Eventually.await(() -> sql.query("SELECT count(*) FROM subscribers WHERE bot_id = $1", botId).iterator().next()
        .getLong(0), c -> c == n, WITHIN, n + " subscribers");
      return new Audience(botId, telegramId, chats);
    }
  }

  private static void schedule(Sql sql, UUID id, UUID bot, String segment) {
    sql.query("INSERT INTO broadcasts (id, bot_id, text, segment, due_at) VALUES ($1, $2, 'News!', $3, clock_timestamp())",
      id, bot, new JsonObject(segment));
  }

  private static Row broadcast(Sql sql, UUID id) {
    return sql.query("SELECT * FROM broadcasts WHERE id = $1", id).iterator().next();
  }
}
