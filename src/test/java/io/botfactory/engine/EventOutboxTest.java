package io.botfactory.engine;

import io.botfactory.support.Api;
import io.botfactory.support.Eventually;
import io.botfactory.support.Sql;
import io.botfactory.support.TelegramDoubles;
import io.botfactory.support.TestStack;
import io.botfactory.support.Updates;
import io.botfactory.telegram.TelegramDouble;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events for the owner's endpoints are written in the same statement as the outcomes that
 * cause them (the outbox), each with one delivery per enabled endpoint that takes its type, and
 * only those: a command of the bot is command.received, any other text message.received (never
 * both); a new subscriber joined, /stop unsubscribed. The body is the contract's, valid JSON even
 * when the update holds a NUL escape (its text is then null), the update itself as it came.
 */
@ExtendWith(VertxExtension.class)
class EventOutboxTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);
  private final TelegramDouble telegram = TelegramDoubles.shared();

  @Test
  void eachEventIsWrittenWithItsCauseAndGoesToTheEndpointsThatTakeIt(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "events", "ok");
    UUID botId = UUID.fromString(bot.getString("id"));
    try (Sql sql = new Sql(vertx)) {
      UUID all = endpoint(sql, botId, new String[]{"message.received", "command.received", "subscriber.joined", "subscriber.unsubscribed"}, "enabled");
      UUID messages = endpoint(sql, botId, new String[]{"message.received"}, "enabled");
      UUID off = endpoint(sql, botId, new String[]{"message.received"}, "disabled");
      long user = Updates.nextId();
      JsonObject start = Updates.text(user, "/start");
      JsonObject hello = Updates.text(user, "hello there");
      Updates.deliver(api, botId.toString(), start);
      Updates.deliver(api, botId.toString(), hello);
      Updates.deliver(api, botId.toString(), Updates.text(user, "/stop"));
      String nul = "{\"update_id\": " + Updates.nextId() + ", \"message\": {\"message_id\": 1, \"date\": 1, "
        + "\"chat\": {\"id\": " + user + ", \"type\": \"private\"}, \"from\": {\"id\": " + user + ", \"first_name\": \"Ada\"}, "
        + "\"text\": \"a \\u0000 b\"}}";
      assertThat(api.client.post("/telegram/webhook/" + botId).putHeader("X-Telegram-Bot-Api-Secret-Token",
          Updates.secret(botId.toString())).putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(nul))
        .await().statusCode()).isEqualTo(200);

      List<JsonObject> events = new ArrayList<>();
      Eventually.await(() -> {
        events.clear();
        for (Row row : sql.query("SELECT type, body FROM events WHERE bot_id = $1 ORDER BY created_at, type", botId)) {
          events.add(new JsonObject(row.getString("body")));
        }
        return events.size();
      }, n -> n == 6, WITHIN, "six events");
      assertThat(events.stream().map(e -> e.getString("type"))).containsExactlyInAnyOrder("command.received",
        "subscriber.joined", "message.received", "command.received", "subscriber.unsubscribed", "message.received");
      JsonObject received = events.stream().filter(e -> e.getString("type").equals("message.received")
        && "hello there".equals(e.getJsonObject("data").getString("text"))).findFirst().orElseThrow();
      assertThat(received.getString("bot_id")).isEqualTo(botId.toString());
      assertThat(received.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(received.getJsonObject("data").getJsonObject("chat").getLong("id")).isEqualTo(user);
      assertThat(received.getJsonObject("data").getJsonObject("user").getString("first_name")).isEqualTo("Ada");
      assertThat(received.getJsonObject("data").getJsonObject("update")).isEqualTo(hello);
      JsonObject withNul = events.stream().filter(e -> e.getString("type").equals("message.received")
        && e.getJsonObject("data").getString("text") == null).findFirst().orElseThrow();
      assertThat(withNul.getJsonObject("data").getJsonObject("update").getJsonObject("message").getString("text"))
        .isEqualTo("a \u0000 b");
      JsonObject joined = events.stream().filter(e -> e.getString("type").equals("subscriber.joined")).findFirst().orElseThrow();
      assertThat(joined.getJsonObject("data").getJsonObject("subscriber").getLong("chat_id")).isEqualTo(user);

      assertThat(deliveries(sql, all)).as("the endpoint taking every type").isEqualTo(6);
      assertThat(deliveries(sql, messages)).as("the endpoint taking messages").isEqualTo(2);
      assertThat(deliveries(sql, off)).as("a disabled endpoint").isZero();
    }
  }

  @Test
  void aBotWithoutEndpointsWritesNoEvent(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    JsonObject bot = Updates.answeringBot(api, api.newAccount(), "quiet", "ok");
    long user = Updates.nextId();
    Updates.deliver(api, bot.getString("id"), Updates.text(user, "hello"));
    Eventually.await(() -> telegram.sent(bot.getLong("telegram_bot_id"), user), s -> !s.isEmpty(), WITHIN, "the reply");
    try (Sql sql = new Sql(vertx)) {
      assertThat(sql.query("SELECT 1 FROM events WHERE bot_id = $1", UUID.fromString(bot.getString("id"))).size()).isZero();
    }
  }

  private static UUID endpoint(Sql sql, UUID botId, String[] events, String status) {
    UUID id = UUID.randomUUID();
    sql.query("INSERT INTO endpoints (id, bot_id, url, events, status, secret_ciphertext, secret_key_id) "
      + "VALUES ($1, $2, 'https://localhost/x', $3, $4, '\\x00'::bytea, 'k1')", id, botId, events, status);
    return id;
  }

  private static long deliveries(Sql sql, UUID endpoint) {
    return sql.query("SELECT count(*) FROM deliveries WHERE endpoint_id = $1", endpoint).iterator().next().getLong(0);
  }
}
