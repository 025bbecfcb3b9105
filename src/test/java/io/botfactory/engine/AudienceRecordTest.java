package io.botfactory.engine;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The update engine keeps a bot's audience as it answers: every private chat that writes is a
 * subscriber, with its name and its first /start's deep-link payload as source; /stop unsubscribes
 * (answered with the default text when the bot has no stop command), and only /start subscribes
 * again; a kick (my_chat_member) or a 403 blocks, writing again unblocks; groups are no audience.
 * The daily counters follow, once per event.
 */
@ExtendWith(VertxExtension.class)
class AudienceRecordTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);
  private final TelegramDouble telegram = TelegramDoubles.shared();
  private Api api;
  private String botId;
  private long telegramId;

  @BeforeEach
  void setUp(Vertx vertx) {
    api = new Api(vertx, TestStack.shared().port);
    Api.Account owner = api.newAccount();
    JsonObject bot = api.createBot(owner, "audience");
    botId = bot.getString("id");
    telegramId = bot.getLong("telegram_bot_id");
    assertThat(api.request(HttpMethod.PUT, "/bots/" + botId + "/commands", owner.token())
      .sendJsonObject(new JsonObject().put("commands", new JsonArray().add(new JsonObject().put("command", "start")
        .put("description", "Start").put("reply", "Welcome"))).put("fallback_reply", "Hm?")).await().statusCode())
      .isEqualTo(200);
    api.awaitWebhook(owner, botId, "active");
  }

  @Test
  void aPrivateChatBecomesASubscriberWithItsFirstStartsSource(Vertx vertx) {
    long user = Updates.nextId();
    deliver(Updates.text(user, "/start promo_42"));
    deliver(Updates.text(user, "hello"));
    deliver(named(Updates.text(user, "/start another"), "Grace", "grace_h", "de"));
    awaitReplies(user, 3);
    try (Sql sql = new Sql(vertx)) {
      Row s = subscriber(sql, user);
      assertThat(s.getString("source")).as("set once, by the first /start").isEqualTo("promo_42");
      assertThat(s.getString("status")).isEqualTo("active");
      assertThat(s.getString("first_name")).as("the latest name").isEqualTo("Grace");
      assertThat(s.getString("username")).isEqualTo("grace_h");
      assertThat(s.getString("language_code")).isEqualTo("de");
      Row day = today(sql);
      assertThat(day.getInteger("updates")).isEqualTo(3);
      assertThat(day.getInteger("replies")).isEqualTo(3);
      assertThat(day.getInteger("messages_sent")).isEqualTo(3);
      assertThat(day.getInteger("new_subscribers")).isEqualTo(1);
    }
  }

  @Test
  void stopUnsubscribesAndOnlyStartSubscribesAgain(Vertx vertx) {
    long user = Updates.nextId();
    deliver(Updates.text(user, "hi"));
    deliver(Updates.text(user, "/stop"));
    deliver(Updates.text(user, "still here"));
    awaitReplies(user, 3);
    assertThat(telegram.sent(telegramId, user)).containsExactly("Hm?", ReplyPolicy.UNSUBSCRIBED, "Hm?");
    try (Sql sql = new Sql(vertx)) {
      assertThat(subscriber(sql, user).getString("status")).as("a message leaves it unsubscribed").isEqualTo("unsubscribed");
      assertThat(subscriber(sql, user).getString("source")).as("no /start, no source").isNull();
      deliver(Updates.text(user, "/start"));
      awaitReplies(user, 4);
      Eventually.await(() -> subscriber(sql, user).getString("status"), "active"::equals, WITHIN, "subscribed again");
      assertThat(today(sql).getInteger("unsubscribed")).isEqualTo(1);
    }
  }

  @Test
  void aKickOrA403BlocksAndWritingAgainUnblocks(Vertx vertx) {
    long kicked = Updates.nextId();
    long refused = Updates.nextId();
    deliver(Updates.text(kicked, "hi"));
    deliver(Updates.text(refused, "hi"));
    awaitReplies(kicked, 1);
    awaitReplies(refused, 1);
    try (Sql sql = new Sql(vertx)) {
      deliver(member(kicked, "kicked"));
      Eventually.await(() -> subscriber(sql, kicked).getString("status"), "blocked"::equals, WITHIN, "blocked by the kick");
      deliver(member(kicked, "member"));
      Eventually.await(() -> subscriber(sql, kicked).getString("status"), "active"::equals, WITHIN, "active again");

      telegram.block(telegramId, refused);
      deliver(Updates.text(refused, "again"));
      Eventually.await(() -> subscriber(sql, refused).getString("status"), "blocked"::equals, WITHIN, "blocked by the 403");
      telegram.unblock(telegramId, refused);
      deliver(Updates.text(refused, "I'm back"));
      Eventually.await(() -> subscriber(sql, refused).getString("status"), "active"::equals, WITHIN, "writing unblocks");
      assertThat(today(sql).getInteger("blocked")).isEqualTo(2);
    }
  }

  @Test
  void aGroupIsNoAudience(Vertx vertx) {
    long group = -1_000_000_000_000L - Updates.nextId();
    long user = Updates.nextId();
    deliver(Updates.groupText(group, user, "/start"));
    awaitReplies(group, 1);
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM subscribers WHERE bot_id = $1", UUID.fromString(botId)).size()).isZero();
    }
  }

  private void deliver(JsonObject update) {
    Updates.deliver(api, botId, update);
  }

  private void awaitReplies(long chat, int n) {
    Eventually.await(() -> telegram.sent(telegramId, chat), s -> s.size() >= n, WITHIN, n + " replies");
  }

  private static JsonObject named(JsonObject update, String firstName, String username, String language) {
    update.getJsonObject("message").getJsonObject("from").put("first_name", firstName).put("username", username)
      .put("language_code", language);
    return update;
  }

  /** What Telegram sends when the user stops (kicked) or restarts (member) the bot in its private chat. */
  private static JsonObject member(long user, String status) {
    JsonObject who = new JsonObject().put("id", user).put("is_bot", false).put("first_name", "Ada");
    return new JsonObject().put("update_id", Updates.nextId()).put("my_chat_member", new JsonObject()
      .put("chat", new JsonObject().put("id", user).put("type", "private").put("first_name", "Ada"))
      .put("from", who).put("date", System.currentTimeMillis() / 1000)
      .put("old_chat_member", new JsonObject().put("status", "member").put("user", new JsonObject().put("id", 1)))
      .put("new_chat_member", new JsonObject().put("status", status).put("user", new JsonObject().put("id", 1))));
  }

  private Row subscriber(Sql sql, long chat) {
    return Eventually.await(() -> sql.query("SELECT * FROM subscribers WHERE bot_id = $1 AND chat_id = $2",
      UUID.fromString(botId), chat), rows -> rows.size() == 1, WITHIN, "the subscriber").iterator().next();
  }

  private Row today(Sql sql) {
    return sql.query("SELECT * FROM bot_daily_stats WHERE bot_id = $1 AND day = (now() AT TIME ZONE 'UTC')::date",
      UUID.fromString(botId)).iterator().next();
  }
}
