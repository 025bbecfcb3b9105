package io.botfactory.audience;

import io.botfactory.support.Api;
import io.botfactory.support.Sql;
import io.botfactory.support.TestStack;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancel that ends a broadcast writes its broadcast.finished event, with the counts it ended
 * with, in the same statement, and one delivery per enabled endpoint of the bot that takes the
 * type (the outbox, as the engine's outcomes write theirs); none for a bot without such endpoints.
 */
@ExtendWith(VertxExtension.class)
class BroadcastFinishedEventTest {

  @Test
  void aCancelWritesBroadcastFinishedWithItsCountsForTheEndpointsThatTakeIt(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    AudienceFixture bot = new AudienceFixture(api);
    UUID botId = UUID.fromString(bot.botId);
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "vip");
      UUID takes = endpoint(sql, botId, "broadcast.finished", "enabled");
      UUID other = endpoint(sql, botId, "message.received", "enabled");
      UUID off = endpoint(sql, botId, "broadcast.finished", "disabled");
      String id = bot.scheduled("cancel me");
      bot.running(sql, id, 11, 12, 13);
      sql.query("UPDATE broadcast_recipients SET status = 'sent', sent_at = now() WHERE broadcast_id = $1 AND chat_id = 11",
        UUID.fromString(id));
      sql.query("UPDATE broadcasts SET pending = 2, sent = 1 WHERE id = $1", UUID.fromString(id));
      JsonObject cancelled = api.post(bot.path("/broadcasts/" + id + "/cancel"), new JsonObject(), bot.token()).bodyAsJsonObject();
      assertThat(cancelled.getString("status")).isEqualTo("cancelled");

      Row event = sql.query("SELECT id, type, body FROM events WHERE bot_id = $1", botId).iterator().next();
      JsonObject body = new JsonObject(event.getString("body"));
      assertThat(body.getString("type")).isEqualTo("broadcast.finished");
      assertThat(body.getString("bot_id")).isEqualTo(bot.botId);
      assertThat(body.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      JsonObject broadcast = body.getJsonObject("data").getJsonObject("broadcast");
      assertThat(broadcast.getString("id")).isEqualTo(id);
      assertThat(broadcast.getString("status")).isEqualTo("cancelled");
      assertThat(broadcast.getString("finished_at")).isEqualTo(cancelled.getString("finished_at"));
      assertThat(broadcast.getJsonObject("counts")).isEqualTo(cancelled.getJsonObject("counts"));
      assertThat(broadcast.getJsonObject("counts").getInteger("cancelled")).isEqualTo(2);
      assertThat(deliveries(sql, takes)).isEqualTo(1);
      assertThat(deliveries(sql, other)).isZero();
      assertThat(deliveries(sql, off)).isZero();
    }
  }

  @Test
  void noEndpointNoEvent(Vertx vertx) {
    Api api = new Api(vertx, TestStack.shared().port);
    AudienceFixture bot = new AudienceFixture(api);
    try (Sql sql = new Sql(vertx)) {
      bot.subscriber(sql, 1, "vip");
      String id = bot.scheduled("quiet");
      assertThat(api.post(bot.path("/broadcasts/" + id + "/cancel"), new JsonObject(), bot.token()).statusCode()).isEqualTo(200);
      assertThat(sql.query("SELECT 1 FROM events WHERE bot_id = $1", UUID.fromString(bot.botId)).size()).isZero();
    }
  }

  /** Resolves to the loopback: the shared node's delivery workers refuse it without connecting. */
  private static UUID endpoint(Sql sql, UUID botId, String event, String status) {
    UUID id = UUID.randomUUID();
    sql.query("INSERT INTO endpoints (id, bot_id, url, events, status, secret_ciphertext, secret_key_id) "
      + "VALUES ($1, $2, 'https://localhost/x', $3, $4, '\\x00'::bytea, 'k1')", id, botId, new String[]{event}, status);
    return id;
  }

  private static long deliveries(Sql sql, UUID endpoint) {
    return sql.query("SELECT count(*) FROM deliveries WHERE endpoint_id = $1", endpoint).iterator().next().getLong(0);
  }
}
