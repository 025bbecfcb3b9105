package io.botfactory.engine;

import io.botfactory.bus.Addresses;
import io.botfactory.bus.EngineMessages;
import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message the API queued is sent by the node holding its bot, once: marked sending, sent,
 * recorded sent (or blocked, with the subscriber), counted, and told to the endpoints that take
 * message.sent or message.failed, in the same statement as its outcome.
 */
@ExtendWith(VertxExtension.class)
class MessageSendTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);
  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void aQueuedMessageIsSentOnceAndItsOutcomeRecordedAndTold(Vertx vertx) {
    TestStack node = TestStack.shared();
    Api api = new Api(vertx, node.port);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "messages", "ok");
    UUID botId = UUID.fromString(bot.getString("id"));
    long telegramId = bot.getLong("telegram_bot_id");
    long user = Updates.nextId();
    long blocked = Updates.nextId();
    Updates.deliver(api, botId.toString(), Updates.text(user, "/start"));
    Updates.deliver(api, botId.toString(), Updates.text(blocked, "/start"));
    Eventually.await(() -> telegram.sent(telegramId, blocked), s -> !s.isEmpty(), WITHIN, "the replies");
    telegram.block(telegramId, blocked);
    try (Sql sql = new Sql(vertx)) {
      UUID endpoint = UUID.randomUUID();
      sql.query("INSERT INTO endpoints (id, bot_id, url, events, secret_ciphertext, secret_key_id) "
        + "VALUES ($1, $2, 'https://localhost/m', $3, '\\x00'::bytea, 'k1')", endpoint, botId,
        new String[]{"message.sent", "message.failed"});
      UUID sent = message(sql, botId, user, "Your order shipped");
      UUID refused = message(sql, botId, blocked, "Your order shipped");
      node.vertx.eventBus().send(Addresses.ENGINE_MESSAGES.at(holder(sql, botId)).name(),
        new EngineMessages(botId.toString()).toJson());

      Row done = Eventually.await(() -> row(sql, sent), r -> "sent".equals(r.getString("status")), WITHIN, "sent");
      assertThat(done.getOffsetDateTime("sent_at")).isNotNull();
      assertThat(telegram.sent(telegramId, user)).containsExactly("ok", "Your order shipped");
      Row no = Eventually.await(() -> row(sql, refused), r -> "blocked".equals(r.getString("status")), WITHIN, "blocked");
      assertThat(no.getString("error")).contains("403");
      assertThat(sql.query("SELECT status FROM subscribers WHERE bot_id = $1 AND chat_id = $2", botId, blocked).iterator()
        .next().getString("status")).isEqualTo("blocked");
      assertThat(sql.query("SELECT type FROM events WHERE bot_id = $1 ORDER BY type", botId).stream()
        .map(r -> r.getString("type")).toList()).containsExactly("message.failed", "message.sent");
      assertThat(sql.query("SELECT count(*) FROM deliveries WHERE endpoint_id = $1", endpoint).iterator().next().getLong(0))
        .isEqualTo(2);
      assertThat(sql.query("SELECT messages_sent FROM bot_daily_stats WHERE bot_id = $1", botId).iterator().next()
        .getInteger("messages_sent")).as("two replies and the message").isEqualTo(3);
    }
  }

  private static UUID message(Sql sql, UUID botId, long chat, String text) {
    UUID id = UUID.randomUUID();
    sql.query("INSERT INTO messages (id, bot_id, chat_id, text) VALUES ($1, $2, $3, $4)", id, botId, chat, text);
    return id;
  }

  private static String holder(Sql sql, UUID botId) {
    return sql.query("SELECT node_id FROM bot_workers WHERE bot_id = $1", botId).iterator().next().getString("node_id");
  }

  private static Row row(Sql sql, UUID id) {
    return sql.query("SELECT * FROM messages WHERE id = $1", id).iterator().next();
  }
}
